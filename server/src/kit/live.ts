/**
 * Live pushes to open pages over server-sent events. A writer publishes on a topic (`user:12`, `warning-board:3`)
 * after its change; each open stream subscribed to the topic is woken and sends what it reads fresh. The hub holds
 * no data: a push only says "look again", so a rolled-back change costs a needless read, never a wrong figure.
 */
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type TLiveListener = (topic: string) => void;

export interface TLiveHub {
  /** Wakes the topic's streams. Pushes within `coalesceMs` are merged into one. */
  publish(topic: string): void;
  subscribe(topic: string, listener: TLiveListener): () => void;
  /** Open streams, for tests and the bench. */
  size(): number;
  /** Ends every open stream (the server is closing). */
  closeAll(): void;
  /** Registers an open stream's closer (openEventStream does it). */
  track(close: () => void): () => void;
}

/**
 * @param coalesceMs a publish waits this long before waking the streams: the writer's transaction commits meanwhile,
 * and a burst (3,000 answers) wakes each viewer a few times a second, not 3,000 times.
 */
export function createLiveHub(coalesceMs = 250): TLiveHub {
  const topics = new Map<string, Set<TLiveListener>>();
  const pending = new Set<string>();
  const streams = new Set<() => void>();
  return {
    closeAll() {
      for (const close of [...streams]) close();
    },
    track(close) {
      streams.add(close);
      return () => streams.delete(close);
    },
    publish(topic) {
      if (pending.has(topic) || !topics.has(topic)) return;
      pending.add(topic);
      setTimeout(() => {
        pending.delete(topic);
        for (const l of topics.get(topic) ?? []) l(topic);
      }, coalesceMs).unref();
    },
    subscribe(topic, listener) {
      const set = topics.get(topic) ?? new Set();
      set.add(listener);
      topics.set(topic, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) topics.delete(topic);
      };
    },
    size: () => [...topics.values()].reduce((n, s) => n + s.size, 0),
  };
}

/**
 * Opens a server-sent event stream on the reply: sends `read()` at once, again whenever a topic is published, and
 * every 20 s. It is sent as a normal reply's body, so the app's security headers
 * (CSP `connect-src 'self'` allows the page's EventSource) go out with it. A client that does not ask for
 * `text/event-stream` (a script, a link checker) gets the current state once and the answer ends.
 */
export async function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  hub: TLiveHub,
  topics: readonly string[],
  read: () => Promise<unknown>,
): Promise<FastifyReply> {
  const raw = new PassThrough();
  if (!/text\/event-stream/.test(request.headers.accept ?? '')) {
    raw.end(`data: ${JSON.stringify(await read())}\n\n`);
    return reply.header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-store').send(raw);
  }
  let closed = false;
  let busy = false;
  let again = false;
  const send = async () => {
    if (closed) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const data = await read();
        if (!closed) raw.write(`data: ${JSON.stringify(data)}\n\n`);
      } while (again && !closed);
    } catch (e) {
      if (!closed) raw.write(`event: problem\ndata: ${JSON.stringify({ message: (e as Error).message })}\n\n`);
    } finally {
      busy = false;
    }
  };
  const offs = topics.map((t) => hub.subscribe(t, () => void send()));
  // Sent again every 20 s even without a push: figures that age (minutes silent) stay true, and proxies keep it open.
  const beat = setInterval(() => void send(), 20_000);
  beat.unref();
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(beat);
    for (const off of offs) off();
  };
  const untrack = hub.track(() => {
    close();
    raw.end();
  });
  request.raw.on('close', () => {
    untrack();
    close();
    raw.end();
  });
  await send();
  void reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-accel-buffering', 'no')
    .send(raw);
  return reply;
}
