/**
 * Answers kept while the database has not changed: a read that many users repeat (the city map's layers, the
 * workbench) is computed once and given again until a write or the turn of a period.
 *
 * "Not changed" is PostgreSQL's own word for it, the transaction snapshot (`pg_current_snapshot()`): any write that
 * began or ended anywhere, in this server or another process on the same server, gives a different snapshot. The
 * snapshot is read before the answer is computed, so a kept answer is never older than the data it is kept for. The
 * period bounds what changes with time alone (a deadline passing, a month turning). The snapshot is the server's,
 * not the database's: on a PostgreSQL server that other databases share, their writes end a kept answer too (never
 * wrong, only fewer answers kept).
 *
 * Used by the workbench (kit/workbench.ts, one answer per actor) and the city map (kit/map.ts, one per layer and scope);
 * a warning's board (modules/warning/board.service.ts) keeps its answers with a stamp of its own (`keep`); the resources
 * lists keep their JSON text (`createKeptJson` below).
 */
import type { FastifyReply } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../db/client';

/** A value that changes whenever any transaction that writes begins or ends on the database server. */
export async function snapshotVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ v: string }>(db, sql`SELECT pg_current_snapshot()::text AS v`);
  return row!.v;
}

export interface TSnapshotCacheOptions {
  /** Answers kept at most; the oldest goes first when full. */
  max: number;
  /** Milliseconds an answer may be kept without a write: 60,000 keeps it for the current minute. */
  period: number;
}

export interface TSnapshotCache<T> {
  /**
   * The answer kept for `key` if the snapshot and the period are those it was computed in, else `compute()`'s,
   * kept. The key names everything the answer depends on besides the data and the time (the layer, the reader's
   * scope, the filters). Requests that miss together share one computation; a failed one is not kept.
   */
  get(db: Db, key: string, now: Date, compute: () => Promise<T>): Promise<T>;
  /**
   * The same keeping with a stamp the caller reads himself (a warning's board is unchanged while its log count is),
   * still bounded by the period: the answer kept for `key` if computed under `stamp` in `now`'s period.
   */
  keep(key: string, stamp: string, now: Date, compute: () => Promise<T>): Promise<T>;
  /** Answers kept now (for tests and the bench's reading). */
  size(): number;
}

export function createSnapshotCache<T>({ max, period }: TSnapshotCacheOptions): TSnapshotCache<T> {
  // A Map keeps insertion order, so the first key is the oldest when the map is full.
  const kept = new Map<string, { stamp: string; answer: Promise<T> }>();
  function keep(key: string, version: string, now: Date, compute: () => Promise<T>): Promise<T> {
    const stamp = `${version}@${Math.floor(now.getTime() / period)}`;
    const hit = kept.get(key);
    if (hit?.stamp === stamp) return hit.answer;
    // a drizzle query is a thenable that runs again each time it is awaited: keep the one promise of its result
    const answer = Promise.resolve(compute());
    kept.delete(key);
    if (kept.size >= max) kept.delete(kept.keys().next().value!);
    kept.set(key, { stamp, answer });
    answer.catch(() => kept.get(key)?.answer === answer && kept.delete(key));
    return answer;
  }
  return {
    async get(db, key, now, compute) {
      return keep(key, await snapshotVersion(db), now, compute);
    },
    keep,
    size: () => kept.size,
  };
}

/**
 * JSON answers kept while nothing changed: the answer is kept as the JSON text the route would have written (the
 * contract's schema encodes it, as the serializer does) and sent as it is (`sendJson`), so a hit neither queries nor
 * serialises again. Used by the resources lists (the alert list, the stock and loan ledgers).
 */
export type TKeptJson = (db: Db, key: string, now: Date, compute: () => Promise<unknown>) => Promise<string>;

/**
 * Answers of one endpoint kept by key, at most `max` (the oldest goes first). The key must name everything the answer
 * depends on besides the data and the minute: the reader's scope, the query, the day, the settings it reads.
 */
export function createKeptJson(schema: z.ZodType, max: number): TKeptJson {
  const kept = createSnapshotCache<string>({ max, period: 60_000 });
  return (db, key, now, compute) => kept.get(db, key, now, async () => JSON.stringify(z.encode(schema, await compute())));
}

/** Sends a kept answer's JSON text as it is. */
export const sendJson = (reply: FastifyReply, json: string): FastifyReply => reply.type('application/json; charset=utf-8').send(json);

// the same settings object is given until the settings are read again: its text is written once per object
const texts = new WeakMap<object, string>();

/** A setting's value as text, for a key (a changed value gives another key, so another answer). */
export function settingKey(value: object): string {
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}
