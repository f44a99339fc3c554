/**
 * The resources lists' answers kept while nothing changed (kit/snapshot-cache.ts says what "changed" means): the alert
 * list, the stock ledger and the loan ledger are read again and again by every officer of a scope, and change only
 * with a write (a receipt, an issue, a loan's step, a minimum, a setting …) or the day. A kept answer costs one
 * snapshot read instead of the list's statement.
 *
 * The answer is kept as the JSON text the route would have written (the contract's schema encodes it, as the
 * serializer does), and sent as it is: a hit neither queries nor serialises again.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { createSnapshotCache } from '../../kit/snapshot-cache';

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
