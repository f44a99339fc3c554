import { describe, expect, it } from 'vitest';
import {
  candidatesHash,
  candidatesJson,
  canonicalCandidates,
  drawJson,
  createPrng,
  inspectorsHash,
  runDraw,
  seedCommitment,
  sha256Hex,
  verifyDraw,
  type TDrawCandidate,
  type TDrawInspector,
  type TDrawParams,
  type TDrawRecord,
} from './draw.rules';
import type { TPlanStratum } from './inspection.settings';

const seed = (n: number | string) => sha256Hex(`test-seed-${n}`);
const firm = (id: number, stratum: TPlanStratum = 'none', excluded: number[] = []): TDrawCandidate => ({
  enterpriseId: id,
  divisionCode: '442000107',
  stratum,
  excludedInspectorIds: excluded,
});
const firms = (n: number, stratum: TPlanStratum = 'none') => Array.from({ length: n }, (_, i) => firm(i + 1, stratum));
const officer = (userId: number, certificateExpiresOn = '2030-12-31'): TDrawInspector => ({ userId, certificateExpiresOn });
const officers = (n: number) => Array.from({ length: n }, (_, i) => officer(101 + i));
const params = (over: Partial<TDrawParams> = {}): TDrawParams => ({
  ratios: { red: 1, orange: 0.5, yellow: 0.3, blue: 0.1, none: 0.3 },
  inspectorsPerTarget: 2,
  drawDate: '2026-03-02',
  ...over,
});

/** Chi-square critical values at 99.9 %, by degrees of freedom. */
const CHI2_999: Record<number, number> = { 5: 20.515, 9: 27.877 };
const chiSquare = (counts: number[], expected: number) => counts.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);

const drawn = (r: ReturnType<typeof runDraw>) => {
  if (!r.ok) throw new Error(r.refusal.message);
  return r.targets;
};

describe('the random stream', () => {
  it('gives integers in range, and the same stream for the same seed', () => {
    const a = createPrng(seed(1));
    const b = createPrng(seed(1));
    for (let i = 0; i < 1000; i++) {
      const x = a.below(7);
      expect(x).toBe(b.below(7));
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(7);
    }
  });

  it('rejects the values that would bias a modulo (n just over 2^31 keeps half the range)', () => {
    const p = createPrng(seed(2));
    const n = 2 ** 31 + 1;
    for (let i = 0; i < 200; i++) expect(p.below(n)).toBeLessThan(n);
  });

  it('commits to a seed by SHA-256 of its bytes', () => {
    // SHA-256 of 32 zero bytes, a known value.
    expect(seedCommitment('0'.repeat(64))).toBe('66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925');
    expect(() => seedCommitment('xyz')).toThrow('64 位十六进制');
  });
});

describe('determinism', () => {
  const candidates = [...firms(30, 'none'), ...[31, 32, 33].map((id) => firm(id, 'red'))];
  it('same seed and lists give the same targets and inspectors, whatever order the lists come in', () => {
    const a = drawn(runDraw(seed('x'), candidates, officers(8), params()));
    const b = drawn(runDraw(seed('x'), [...candidates].reverse(), [...officers(8)].reverse(), params()));
    expect(b).toEqual(a);
    expect(a.length).toBe(3 + 9);
  });

  it('a different seed gives a different draw', () => {
    const a = drawn(runDraw(seed('x'), candidates, officers(8), params()));
    const b = drawn(runDraw(seed('y'), candidates, officers(8), params()));
    expect(b).not.toEqual(a);
  });

  it('writes the candidate list exactly as the generic canonical JSON would', () => {
    const list = [firm(3, 'red', [9, 2, 2]), firm(1, 'none'), { ...firm(2, 'blue'), divisionCode: '44200"01' }];
    expect(candidatesJson(list)).toBe(drawJson(canonicalCandidates(list)));
    expect(JSON.parse(candidatesJson(list))[2].excludedInspectorIds).toEqual([2, 9]);
  });

  it('hashes the lists canonically: order does not matter, a change does', () => {
    expect(candidatesHash(candidates)).toBe(candidatesHash([...candidates].reverse()));
    expect(candidatesHash(candidates)).not.toBe(candidatesHash(candidates.slice(1)));
    expect(inspectorsHash(officers(3))).toBe(inspectorsHash([officer(103), officer(101), officer(102)]));
    expect(inspectorsHash(officers(3))).not.toBe(inspectorsHash([officer(101), officer(102), officer(103, '2030-12-30')]));
  });
});

describe('fairness (chi-square at 99.9 %)', () => {
  it('each of 10 firms is drawn equally often over 20,000 draws of 3', () => {
    const counts = new Array(10).fill(0) as number[];
    const p = params({ ratios: { none: 0.3 } });
    for (let i = 0; i < 20_000; i++) for (const t of drawn(runDraw(seed(i), firms(10), officers(4), p))) counts[t.enterpriseId - 1]!++;
    expect(counts.reduce((s, c) => s + c, 0)).toBe(60_000);
    expect(chiSquare(counts, 6_000)).toBeLessThan(CHI2_999[9]!);
  });

  it('each of 6 inspectors is drawn equally often for a single target over 20,000 draws', () => {
    const counts = new Array(6).fill(0) as number[];
    const p = params({ ratios: { none: 1 } });
    for (let i = 0; i < 20_000; i++)
      for (const id of drawn(runDraw(seed(`i${i}`), firms(1), officers(6), p))[0]!.inspectorIds) counts[id - 101]!++;
    expect(chiSquare(counts, 40_000 / 6)).toBeLessThan(CHI2_999[5]!);
  });

  it('balances load: 12 targets × 2 over 8 inspectors gives each exactly 3', () => {
    const targets = drawn(runDraw(seed('load'), firms(12), officers(8), params({ ratios: { none: 1 } })));
    const load = new Map<number, number>();
    for (const t of targets) for (const id of t.inspectorIds) load.set(id, (load.get(id) ?? 0) + 1);
    expect([...load.values()]).toEqual(new Array(8).fill(3));
    for (const t of targets) expect(new Set(t.inspectorIds).size).toBe(2);
  });
});

describe('stratification', () => {
  it.each([
    // ratio, stratum size, targets (round half up of ratio × size)
    [0.3, 10, 3],
    [0.25, 10, 3],
    [0.24, 10, 2],
    [0.29, 50, 15],
    [0.05, 9, 0],
    [0.0556, 9, 1],
    [1, 7, 7],
    [0, 7, 0],
  ])('ratio %s of %s firms draws %s', (ratio, size, expected) => {
    const r = runDraw(seed('s'), [...firms(size, 'yellow'), firm(999, 'red')], officers(4), params({ ratios: { yellow: ratio, red: 1 } }));
    expect(drawn(r).filter((t) => t.stratum === 'yellow')).toHaveLength(expected);
  });

  it('draws each stratum by its own ratio and in the order red, orange, yellow, blue, none', () => {
    const pool = [
      ...Array.from({ length: 4 }, (_, i) => firm(100 + i, 'red')),
      ...Array.from({ length: 10 }, (_, i) => firm(200 + i, 'orange')),
      ...Array.from({ length: 20 }, (_, i) => firm(300 + i, 'blue')),
      ...Array.from({ length: 7 }, (_, i) => firm(400 + i, 'none')),
    ];
    const targets = drawn(
      runDraw(seed('strata'), pool, officers(10), params({ ratios: { red: 1, orange: 0.5, yellow: 0.5, blue: 0.1, none: 0 } })),
    );
    expect(targets.map((t) => t.stratum)).toEqual([...new Array(4).fill('red'), ...new Array(5).fill('orange'), 'blue', 'blue']);
    expect(targets.map((t) => t.position)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(new Set(targets.map((t) => t.enterpriseId)).size).toBe(11);
  });
});

describe('inspector exclusions', () => {
  it('never draws a declared conflict or the last inspectors of the firm', () => {
    for (let i = 0; i < 200; i++) {
      const [t] = drawn(runDraw(seed(`c${i}`), [firm(1, 'none', [101, 102, 104])], officers(5), params({ ratios: { none: 1 } })));
      expect(t!.inspectorIds.sort()).toEqual([103, 105]);
    }
  });

  it.each([
    ['2026-03-01', false],
    ['2026-03-02', true],
    ['2026-03-03', true],
  ])('a certificate expiring %s can be drawn on 2026-03-02: %s', (expiresOn, drawable) => {
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++)
      for (const id of drawn(
        runDraw(seed(`e${i}`), firms(1), [...officers(2), officer(200, expiresOn)], params({ ratios: { none: 1 } })),
      )[0]!.inspectorIds)
        seen.add(id);
    expect(seen.has(200)).toBe(drawable);
  });

  it('refuses when a firm has fewer eligible inspectors than needed, naming the firm and the shortfall', () => {
    const r = runDraw(
      seed('few'),
      [firm(1), firm(2, 'none', [101, 102])],
      officers(3),
      params({ ratios: { none: 1 }, inspectorsPerTarget: 2 }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal).toMatchObject({ kind: 'too_few_inspectors', enterpriseId: 2, eligible: 1, needed: 2 });
    expect(r.refusal.message).toContain('缺 1 名');
  });

  it('refuses an empty pool and ratios that give no target', () => {
    expect(runDraw(seed(1), [], officers(3), params())).toMatchObject({ ok: false, refusal: { kind: 'no_candidates' } });
    expect(runDraw(seed(1), firms(3, 'blue'), officers(3), params({ ratios: { blue: 0.1 } }))).toMatchObject({
      ok: false,
      refusal: { kind: 'no_targets' },
    });
  });
});

describe('verification', () => {
  const candidates = [...firms(40), firm(41, 'red', [101])];
  const inspectors = officers(6);
  const p = params();
  const record = (): TDrawRecord => ({
    seed: seed('v'),
    commitment: seedCommitment(seed('v')),
    candidates,
    inspectors,
    params: p,
    candidatesHash: candidatesHash(candidates),
    inspectorsHash: inspectorsHash(inspectors),
    targets: drawn(runDraw(seed('v'), candidates, inspectors, p)),
  });

  it('passes for an honest draw', () => {
    expect(verifyDraw(record())).toEqual({ ok: true, targets: 13 });
  });

  it.each<[string, (r: TDrawRecord) => TDrawRecord, string]>([
    ['a tampered seed', (r) => ({ ...r, seed: seed('other') }), '承诺值不符'],
    ['a dropped candidate', (r) => ({ ...r, candidates: r.candidates.slice(1) }), '候选企业名录的哈希'],
    [
      'a changed certificate date',
      (r) => ({ ...r, inspectors: [...r.inspectors.slice(1), officer(101, '2020-01-01')] }),
      '执法人员名录的哈希',
    ],
    [
      'a swapped target',
      (r) => ({ ...r, targets: r.targets.map((t, i) => (i === 2 ? { ...t, enterpriseId: 999 } : t)) }),
      '第 3 个抽取结果不符',
    ],
    [
      'a changed inspector',
      (r) => ({ ...r, targets: r.targets.map((t, i) => (i === 0 ? { ...t, inspectorIds: [t.inspectorIds[1]!, t.inspectorIds[0]!] } : t)) }),
      '第 1 个抽取结果不符',
    ],
    ['a removed target', (r) => ({ ...r, targets: r.targets.slice(0, -1) }), '缺少第 13 个'],
  ])('fails for %s', (_name, tamper, problem) => {
    const result = verifyDraw(tamper(record()));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain(problem);
  });
});

describe('city scale', () => {
  // Its time is measured by `npm run bench` (bench/RESULTS.md), never by a timed test.
  it('draws the stratified counts from 38,508 firms with 300 inspectors, the same again on a rerun', () => {
    const strata: TPlanStratum[] = ['red', 'orange', 'yellow', 'blue', 'none', 'none', 'none', 'blue'];
    const pool = Array.from({ length: 38_508 }, (_, i) => firm(i + 1, strata[i % strata.length], i % 50 === 0 ? [101 + (i % 300)] : []));
    const inspectors = Array.from({ length: 300 }, (_, i) => officer(101 + i));
    const ratios = params({ ratios: { red: 1, orange: 0.5, yellow: 0.3, blue: 0.1, none: 0.05 } });
    const targets = drawn(runDraw(seed('big'), pool, inspectors, ratios));
    expect(targets.length).toBe(4814 + 2407 + 1444 + 963 + 722);
    expect(drawn(runDraw(seed('big'), pool, inspectors, ratios))).toEqual(targets);
  });
});
