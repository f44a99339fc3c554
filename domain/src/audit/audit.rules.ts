// A pure-JS SHA-256 rather than node:crypto, so the same rules run in the browser (domain/ imports no Node I/O).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** What the hash of an entry covers: every stored field except the hash itself. */
export interface TChainedFields {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  clientAddress: string | null;
  divisionCode: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so equal values always serialise to equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Each entry's hash covers the previous entry's hash and the canonical entry, so an edit, deletion or reordering breaks the chain. */
export const chainHash = (previousHash: string, entry: TChainedFields): string =>
  bytesToHex(sha256(utf8ToBytes(`${previousHash}\n${canonicalJson(entry)}`)));

export type TChainProblem = { id: number; reason: string };

/**
 * Walks entries in id order from `previousHash` and returns the first entry whose hash does not follow,
 * with the reason in Chinese. Ids must rise by one: a gap means a deleted entry.
 */
export function verifyChain(
  entries: Iterable<TChainedFields & { hash: string }>,
  start: { previousHash: string; previousId: number } = { previousHash: GENESIS_HASH, previousId: 0 },
): { ok: true; lastHash: string; lastId: number; count: number } | { ok: false; problem: TChainProblem; count: number } {
  let { previousHash, previousId } = start;
  let count = 0;
  for (const entry of entries) {
    count++;
    if (entry.id !== previousId + 1) {
      return {
        ok: false,
        count,
        problem: { id: entry.id, reason: `第 ${entry.id} 条之前缺少第 ${previousId + 1} 条（被删除或顺序被改动）` },
      };
    }
    const { hash, ...fields } = entry;
    const expected = chainHash(previousHash, fields);
    if (hash !== expected) {
      return { ok: false, count, problem: { id: entry.id, reason: `第 ${entry.id} 条的内容与哈希不符（被修改）` } };
    }
    previousHash = hash;
    previousId = entry.id;
  }
  return { ok: true, lastHash: previousHash, lastId: previousId, count };
}
