/**
 * Issue 20's board figure, the board phase of fire-ingest-bench.ts: 10 viewers poll the board as the page does (with
 * the stamp of the board held, so the answer is what changed since; the repeated poll revalidated with its ETag, as
 * the browser does) while 1,000 alarms/s stream in. Reports the poll times, and the share and bytes of full boards,
 * deltas and 304s.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client';
import { queryRows } from '../../server/src/db/client';
import { insertOpenIncidents } from './fire-open.gen';
import { pct, r1 } from './fire-bench-measure';

export async function boardPhase(o: {
  url: string;
  cookie: string;
  db: Db;
  seconds: number;
  extraOpen: number;
  postBatch: () => Promise<unknown>;
}) {
  // 3. the board with 10 viewers polling as the page does (with the stamp held: what changed since, and revalidating the
  // repeated poll with its ETag as the browser does) while 1,000 alarms/s stream in
  if (o.extraOpen > 0) await insertOpenIncidents(o.db, o.extraOpen);
  let streaming = true;
  let streamed = 0;
  const stream = (async () => {
    while (streaming) {
      const s = performance.now();
      await o.postBatch();
      streamed += 100;
      const wait = 100 - (performance.now() - s);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  const board: number[] = [];
  let notModified = 0;
  /** Bytes of each 200 answer, full boards and deltas apart. */
  const bytes = { full: [] as number[], delta: [] as number[] };
  const cpu2 = process.cpuUsage();
  const boardUntil = performance.now() + o.seconds * 1000;
  await watchBoard(o, boardUntil, 250, (ms, status, body) => {
    board.push(ms);
    if (status === 304) notModified++;
    // a delta names the stamp it is from, next to its own at the start of the text
    else bytes[body.subarray(0, 300).includes('"since":') ? 'delta' : 'full'].push(body.length);
  });
  streaming = false;
  await stream;
  const [inc] = await queryRows<{ n: number }>(o.db, sql`SELECT count(*)::int AS n FROM fire_incidents WHERE status <> 'closed'`);
  const cpuBoard = process.cpuUsage(cpu2);
  const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, x) => a + x, 0) / xs.length) : 0);
  console.log(
    `board: ${board.length} polls by 10 viewers (${notModified} answered 304), p50 ${r1(pct(board, 50))} p95 ${r1(pct(board, 95))} ms; ${inc!.n} open incidents; ` +
      `${streamed} alarms streamed meanwhile; process CPU ${r1((cpuBoard.user + cpuBoard.system) / 1000 / o.seconds)} ms per second of it; load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `board answers: ${bytes.full.length} full (${Math.round((100 * bytes.full.length) / Math.max(1, board.length))} %), mean ${mean(bytes.full)} bytes, p95 ${Math.round(pct(bytes.full, 95) || 0)}; ` +
      `${bytes.delta.length} deltas (${Math.round((100 * bytes.delta.length) / Math.max(1, board.length))} %), mean ${mean(bytes.delta)} bytes, p95 ${Math.round(pct(bytes.delta, 95) || 0)}; ` +
      `${notModified} not modified (${Math.round((100 * notModified) / Math.max(1, board.length))} %)`,
  );
}

/**
 * 10 viewers polling the board as the page does until `until` (performance.now()), each `everyMs` after its last
 * answer: with the stamp of the board held (what changed since), the repeated poll revalidated with its ETag.
 */
export async function watchBoard(
  o: { url: string; cookie: string },
  until: number,
  everyMs: number,
  onAnswer: (ms: number, status: number, body: Buffer) => void,
): Promise<void> {
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      let etag = '';
      while (performance.now() < until) {
        const s = performance.now();
        const since = etag ? `?since=${encodeURIComponent(etag)}` : '';
        const res = await fetch(`${o.url}/api/fire/board${since}`, {
          headers: { cookie: o.cookie, ...(etag ? { 'if-none-match': etag } : {}) },
        });
        const body = Buffer.from(await res.arrayBuffer());
        if (res.status !== 200 && res.status !== 304) throw new Error(`board answered ${res.status}`);
        onAnswer(performance.now() - s, res.status, body);
        etag = res.headers.get('etag') ?? '';
        await new Promise((r) => setTimeout(r, everyMs));
      }
    }),
  );
}
