import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { PLAN_STRATA, STRATUM_LABELS, type TPlanStratum } from './inspection.settings';
import { stratumCount } from './plan.rules';

/**
 * 双随机抽取 (国办发〔2015〕58号): random targets and random inspectors, verifiable by anyone.
 *
 * The draw is a pure function of (seed, candidates, inspectors, params). Randomness is SHA-256 in counter mode
 * over the seed; integers below n come by rejection sampling (no modulo bias); targets are a partial
 * Fisher–Yates shuffle of each stratum's candidates sorted by enterprise id. The server commits to
 * SHA-256(seed) and the hashes of the frozen lists before the draw and reveals the seed after, so the result
 * could not have been chosen: whoever holds the published inputs reruns this function and gets the same list.
 */

/** One firm of the frozen candidate list: its town, its grade stratum, and the inspectors it must not get. */
export interface TDrawCandidate {
  enterpriseId: number;
  divisionCode: string;
  stratum: TPlanStratum;
  /** Declared conflicts (回避, 行政处罚法 art. 43) and whoever inspected the firm last time; sorted ascending. */
  excludedInspectorIds: number[];
}

/** One officer of the frozen inspector pool. */
export interface TDrawInspector {
  userId: number;
  /** Enforcement certificate valid through this date (YYYY-MM-DD). */
  certificateExpiresOn: string;
}

export interface TDrawParams {
  /** Share of each stratum to draw (0–1, precision 0.0001). */
  ratios: Partial<Record<TPlanStratum, number>>;
  /** At least 2 (行政处罚法 art. 42). */
  inspectorsPerTarget: number;
  /** The bureau date of the commitment: a certificate that expired before it cannot be drawn. */
  drawDate: string;
}

export interface TDrawTarget {
  position: number;
  enterpriseId: number;
  divisionCode: string;
  stratum: TPlanStratum;
  inspectorIds: number[];
}

export type TDrawRefusal =
  | { kind: 'no_candidates'; message: string }
  | { kind: 'no_targets'; message: string }
  | { kind: 'too_few_inspectors'; message: string; enterpriseId: number; eligible: number; needed: number };

export type TDrawResult = { ok: true; targets: TDrawTarget[] } | { ok: false; refusal: TDrawRefusal };

/** JSON with object keys sorted at every level: the same data always gives the same bytes. */
export function drawJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(drawJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${drawJson(v)}`).join(',')}}`;
}

export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/** Candidates in canonical order (by enterprise id, exclusions sorted) and shape, as frozen and hashed. */
export const canonicalCandidates = (candidates: readonly TDrawCandidate[]): TDrawCandidate[] =>
  [...candidates]
    .sort((a, b) => a.enterpriseId - b.enterpriseId)
    .map((c) => ({
      enterpriseId: c.enterpriseId,
      divisionCode: c.divisionCode,
      stratum: c.stratum,
      excludedInspectorIds: sortedUnique(c.excludedInspectorIds),
    }));

function sortedUnique(ids: readonly number[]): number[] {
  let ordered = true;
  for (let i = 1; i < ids.length && ordered; i++) ordered = ids[i - 1]! < ids[i]!;
  return ordered ? [...ids] : [...new Set(ids)].sort((a, b) => a - b);
}

export const canonicalInspectors = (inspectors: readonly TDrawInspector[]): TDrawInspector[] =>
  [...inspectors].sort((a, b) => a.userId - b.userId).map((i) => ({ userId: i.userId, certificateExpiresOn: i.certificateExpiresOn }));

/**
 * The canonical JSON of the candidate list: exactly `drawJson(canonicalCandidates(list))` (keys in sorted order),
 * written out field by field because a city's list is tens of thousands of entries.
 */
export function candidatesJson(candidates: readonly TDrawCandidate[]): string {
  const parts = canonicalCandidates(candidates).map(
    (c) =>
      `{"divisionCode":${JSON.stringify(c.divisionCode)},"enterpriseId":${JSON.stringify(c.enterpriseId)},"excludedInspectorIds":[${c.excludedInspectorIds.map((i) => JSON.stringify(i)).join(',')}],"stratum":${JSON.stringify(c.stratum)}}`,
  );
  return `[${parts.join(',')}]`;
}

export const candidatesHash = (candidates: readonly TDrawCandidate[]): string => sha256Hex(candidatesJson(candidates));
export const inspectorsHash = (inspectors: readonly TDrawInspector[]): string => sha256Hex(drawJson(canonicalInspectors(inspectors)));

/** The public commitment to a seed (64 hex digits): SHA-256 of its 32 bytes. */
export function seedCommitment(seedHex: string): string {
  if (!/^[0-9a-f]{64}$/.test(seedHex)) throw new Error('种子应为 64 位十六进制数');
  return bytesToHex(sha256(hexToBytes(seedHex)));
}

const DOMAIN_TAG = utf8ToBytes('yingji-draw-v1');

/** SHA-256 in counter mode: block i = SHA-256(seed ‖ "yingji-draw-v1" ‖ i as 4 bytes big-endian). */
export function createPrng(seedHex: string) {
  const seed = hexToBytes(seedHex);
  const input = new Uint8Array(seed.length + DOMAIN_TAG.length + 4);
  input.set(seed, 0);
  input.set(DOMAIN_TAG, seed.length);
  const counterAt = seed.length + DOMAIN_TAG.length;
  let counter = 0;
  let block = new Uint8Array(0);
  let offset = 0;

  function nextUint32(): number {
    if (offset + 4 > block.length) {
      new DataView(input.buffer).setUint32(counterAt, counter++, false);
      block = sha256(input);
      offset = 0;
    }
    const v = ((block[offset]! << 24) | (block[offset + 1]! << 16) | (block[offset + 2]! << 8) | block[offset + 3]!) >>> 0;
    offset += 4;
    return v;
  }

  /** A uniform integer in [0, n): values in the incomplete top range of 2^32 are rejected and drawn again. */
  function below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new Error(`无效的范围 ${n}`);
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const x = nextUint32();
      if (x < limit) return x % n;
    }
  }
  return { nextUint32, below };
}

/**
 * Runs the draw. Strata are taken in the order red, orange, yellow, blue, none; in each, `stratumCount`
 * targets (round half up of ratio × size) come from a partial Fisher–Yates shuffle of the stratum's candidates
 * sorted by id. Then, target by target in draw order, `inspectorsPerTarget` inspectors are chosen one at a
 * time, uniformly among the eligible (not excluded for this firm, certificate valid on the draw date, not yet
 * on this target) that have the fewest assignments so far in this draw: the load stays balanced.
 */
export function runDraw(
  seedHex: string,
  candidates: readonly TDrawCandidate[],
  inspectors: readonly TDrawInspector[],
  params: TDrawParams,
): TDrawResult {
  // Sorted references, not canonical copies: exclusions are read as a set, so their order and repeats do not matter.
  const sorted = [...candidates].sort((a, b) => a.enterpriseId - b.enterpriseId);
  if (sorted.length === 0)
    return { ok: false, refusal: { kind: 'no_candidates', message: '候选企业名录为空，无法抽取：请检查计划的抽查范围' } };
  const prng = createPrng(seedHex);
  const picked: TDrawCandidate[] = [];
  for (const stratum of PLAN_STRATA) {
    const pool = sorted.filter((c) => c.stratum === stratum);
    const k = stratumCount(params.ratios[stratum] ?? 0, pool.length);
    for (let i = 0; i < k; i++) {
      const j = i + prng.below(pool.length - i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      picked.push(pool[i]!);
    }
  }
  if (picked.length === 0)
    return { ok: false, refusal: { kind: 'no_targets', message: '按计划的抽查比例，本次应抽取的企业数为 0，请调整抽查比例' } };

  // A certificate valid through its expiry date (inclusive): expired before the draw date cannot be drawn.
  const pool = canonicalInspectors(inspectors).filter((i) => i.certificateExpiresOn >= params.drawDate);
  const indexOf = new Map(pool.map((i, n) => [i.userId, n]));
  const load = new Int32Array(pool.length);
  // blocked[n] === stamp: inspector n is excluded for, or already on, the current target.
  const blocked = new Int32Array(pool.length);
  const lightest = new Int32Array(pool.length);
  const needed = params.inspectorsPerTarget;
  const targets: TDrawTarget[] = [];
  for (const [index, target] of picked.entries()) {
    const stamp = index + 1;
    let eligible = pool.length;
    for (const id of target.excludedInspectorIds) {
      const n = indexOf.get(id);
      if (n !== undefined && blocked[n] !== stamp) {
        blocked[n] = stamp;
        eligible--;
      }
    }
    if (eligible < needed) {
      return {
        ok: false,
        refusal: {
          kind: 'too_few_inspectors',
          enterpriseId: target.enterpriseId,
          eligible,
          needed,
          message: `可抽取的执法人员不足：需要 ${needed} 名，符合条件的只有 ${eligible} 名（已排除回避、证件过期和上次检查该企业的人员），缺 ${needed - eligible} 名`,
        },
      };
    }
    const chosen: number[] = [];
    for (let s = 0; s < needed; s++) {
      let least = Infinity;
      let count = 0;
      for (let n = 0; n < pool.length; n++) {
        if (blocked[n] === stamp) continue;
        if (load[n]! < least) {
          least = load[n]!;
          count = 0;
        }
        if (load[n] === least) lightest[count++] = n;
      }
      const n = lightest[prng.below(count)]!;
      chosen.push(pool[n]!.userId);
      load[n]!++;
      blocked[n] = stamp;
    }
    targets.push({
      position: index + 1,
      enterpriseId: target.enterpriseId,
      divisionCode: target.divisionCode,
      stratum: target.stratum,
      inspectorIds: chosen,
    });
  }
  return { ok: true, targets };
}

export interface TDrawRecord {
  seed: string;
  commitment: string;
  candidates: TDrawCandidate[];
  inspectors: TDrawInspector[];
  params: TDrawParams;
  candidatesHash: string;
  inspectorsHash: string;
  targets: TDrawTarget[];
}

export type TVerifyResult = { ok: true; targets: number } | { ok: false; problem: string };

const targetText = (t: TDrawTarget) =>
  `企业 ${t.enterpriseId}（${STRATUM_LABELS[t.stratum] ?? t.stratum}），执法人员 ${t.inspectorIds.join('、')}`;

/** Reruns a stored draw from its published inputs; names the first thing that does not match. */
export function verifyDraw(record: TDrawRecord): TVerifyResult {
  if (!/^[0-9a-f]{64}$/.test(record.seed)) return { ok: false, problem: '种子格式不正确（应为 64 位十六进制数）' };
  if (seedCommitment(record.seed) !== record.commitment)
    return { ok: false, problem: '种子与抽取前公布的承诺值不符：SHA-256(种子) ≠ 承诺值' };
  if (candidatesHash(record.candidates) !== record.candidatesHash) return { ok: false, problem: '候选企业名录的哈希与抽取前公布的不符' };
  if (inspectorsHash(record.inspectors) !== record.inspectorsHash) return { ok: false, problem: '执法人员名录的哈希与抽取前公布的不符' };
  const rerun = runDraw(record.seed, record.candidates, record.inspectors, record.params);
  if (!rerun.ok) return { ok: false, problem: `重新计算未能完成抽取：${rerun.refusal.message}` };
  const stored = [...record.targets].sort((a, b) => a.position - b.position);
  for (let i = 0; i < Math.max(stored.length, rerun.targets.length); i++) {
    const a = rerun.targets[i];
    const b = stored[i];
    if (!a) return { ok: false, problem: `第 ${i + 1} 个抽取结果多余：${targetText(b!)}` };
    if (!b) return { ok: false, problem: `缺少第 ${i + 1} 个抽取结果：重新计算得到 ${targetText(a)}` };
    if (a.enterpriseId !== b.enterpriseId || a.stratum !== b.stratum || a.inspectorIds.join(',') !== b.inspectorIds.join(',')) {
      return { ok: false, problem: `第 ${i + 1} 个抽取结果不符：记录为 ${targetText(b)}，重新计算为 ${targetText(a)}` };
    }
  }
  return { ok: true, targets: stored.length };
}
