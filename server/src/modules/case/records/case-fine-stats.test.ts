import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { foldRollupDeltas } from '../../rollup/rollup.repo';
import { cases, casePayments } from '../../../db/schema/index';
import { createHarness, type THarness } from '../../../../test/harness';

const NANQU = '442000005';
let h: THarness;
let leader: string;

/** A decided penalty case of 南区 with its payments (principal, surcharge in fen), inserted as the records hold them. */
async function decidedCase(
  decidedOn: string,
  fineFen: number,
  payments: [paidOn: string, principal: number, surcharge?: number][],
  stage: 'decided' | 'closed' | 'withdrawn' = 'decided',
) {
  const now = '2026-01-01T00:00:00Z';
  const [row] = await h.db
    .insert(cases)
    .values({
      divisionCode: NANQU,
      procedure: 'general',
      stage,
      partyName: `南区测试企业${decidedOn}`,
      sourceKind: 'inspection',
      summary: '未按规定开展安全生产教育和培训',
      violationCodes: ['AQSCF-97-3'],
      occurredOn: '2025-10-01',
      discoveredOn: '2025-10-02',
      decisionOutcome: 'penalty',
      decidedOn,
      fineDecidedFen: fineFen,
      finePaidFen: payments.reduce((a, p) => a + p[1], 0),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cases.id });
  for (const [paidOn, principal, surcharge = 0] of payments)
    await h.db.insert(casePayments).values({ caseId: row!.id, paidOn, principalFen: principal, surchargeFen: surcharge, createdAt: now });
  return row!.id;
}

beforeAll(async () => {
  h = await createHarness();
  leader = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  // The rows behind 南区's "paid 47,100 > decided 32,700" in the first quarter of 2026:
  // three fines decided in the quarter (12,700, 15,000 and 5,000 yuan = 32,700), the first paid in two instalments, the second unpaid;
  await decidedCase('2026-02-10', 1_270_000, [
    ['2026-02-20', 700_000],
    ['2026-03-05', 570_000],
  ]);
  await decidedCase('2026-03-20', 1_500_000, []);
  // a fine decided in December 2025 and paid in January 2026 (34,400 yuan, with 300 yuan late surcharge):
  // counted by payment date it made the quarter's paid 7,000 + 5,700 + 34,400 = 47,100 yuan against 32,700 decided;
  await decidedCase('2025-12-15', 3_440_000, [['2026-01-08', 3_440_000, 30_000]]);
  // the 5,000 yuan fine decided in the quarter is paid after its end: not paid by the period's end.
  await decidedCase('2026-03-30', 500_000, [['2026-04-03', 500_000]]);
});
afterAll(() => h.close());

const finesOf = async (from: string, to: string) => {
  const res = await h.call('GET', `/api/cases/fines?from=${from}&to=${to}&divisionCode=${NANQU}`, { cookie: leader });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('case statistics: fines decided and paid (南区)', () => {
  it('counts paid for the same cases as decided, so paid never exceeds decided', async () => {
    const q1 = await finesOf('2026-01-01', '2026-03-31');
    expect(q1.rows).toEqual([
      { divisionCode: NANQU, divisionName: '南区街道', cases: 3, decidedFen: 3_270_000, paidFen: 1_270_000, surchargeFen: 0 },
    ]);
    expect(q1.total).toMatchObject({ cases: 3, decidedFen: 3_270_000, paidFen: 1_270_000 });
  });

  it('the December fine, paid in January, is decided in December and unpaid at December’s end', async () => {
    const dec = await finesOf('2025-12-01', '2025-12-31');
    expect(dec.rows).toEqual([
      { divisionCode: NANQU, divisionName: '南区街道', cases: 1, decidedFen: 3_440_000, paidFen: 0, surchargeFen: 0 },
    ]);
  });

  it('a whole year counts every payment made by its end, and never more than the fines', async () => {
    const year = await finesOf('2025-01-01', '2026-12-31');
    expect(year.total).toMatchObject({ cases: 4, decidedFen: 6_710_000, paidFen: 5_210_000, surchargeFen: 30_000 });
    for (const r of year.rows) expect(r.paidFen).toBeLessThanOrEqual(r.decidedFen);
  });
});

describe('cases by stage', () => {
  // Open stages are counted from their rows with the clocks; closed and withdrawn from the roll-ups (no clock runs).
  const fromRows = () =>
    queryRows<{ stage: string; count: number }>(h.db, sql`SELECT stage, count(*)::int AS count FROM cases GROUP BY 1 ORDER BY 1`);
  const stages = async () => {
    const res = await h.call('GET', '/api/cases/stages', { cookie: leader });
    expect(res.statusCode, res.body).toBe(200);
    const rows: { stage: string; count: number; dueSoon: number; overdue: number }[] = res.json();
    for (const r of rows.filter((x) => x.stage === 'closed' || x.stage === 'withdrawn')) expect([r.dueSoon, r.overdue]).toEqual([0, 0]);
    return rows.map(({ stage, count }) => ({ stage, count })).sort((a, b) => a.stage.localeCompare(b.stage));
  };

  it('equal a count of the rows, closed and withdrawn included, before and after the fold', async () => {
    const closed = await decidedCase('2026-01-12', 200_000, [['2026-01-20', 200_000]], 'closed');
    await decidedCase('2026-01-13', 100_000, [], 'withdrawn');
    expect(await stages()).toEqual(await fromRows());
    await foldRollupDeltas(h.db);
    expect(await stages()).toEqual(await fromRows());
    await h.db.update(cases).set({ stage: 'withdrawn' }).where(eq(cases.id, closed));
    expect(await stages()).toEqual(await fromRows());
  });

  it('the list totals equal the rows, from the roll-ups where the filter allows', async () => {
    const cases = [
      ['', sql`true`],
      ['&stage=decided', sql`stage = 'decided'`],
      ['&open=true', sql`stage NOT IN ('closed', 'withdrawn')`],
      ['&open=false', sql`stage IN ('closed', 'withdrawn')`],
      ['&open=false&stage=decided', sql`false`],
      [`&divisionCode=${NANQU}`, sql`division_code = ${NANQU}`],
      ['&divisionCode=4420&open=true', sql`stage NOT IN ('closed', 'withdrawn')`],
    ] as const;
    for (const [query, where] of cases) {
      const res = await h.call('GET', `/api/cases?page=1&pageSize=5${query}`, { cookie: leader });
      expect(res.statusCode, res.body).toBe(200);
      const [row] = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM cases WHERE ${where}`);
      expect([query, res.json().total]).toEqual([query, row!.n]);
    }
  });

  it('a clock’s list counts its matches with the page: the same total on every page, past the end too', async () => {
    for (const clock of ['overdue', 'due_in_7_days']) {
      const all = (await h.call('GET', `/api/cases?page=1&pageSize=200&clock=${clock}`, { cookie: leader })).json();
      expect(all.items.length).toBeLessThan(200);
      if (clock === 'overdue') expect(all.items.length).toBeGreaterThanOrEqual(2); // pages 1 and 2 hold one each
      for (const page of [1, 2, 50]) {
        const res = (await h.call('GET', `/api/cases?page=${page}&pageSize=1&clock=${clock}`, { cookie: leader })).json();
        expect([clock, page, res.total]).toEqual([clock, page, all.items.length]);
        expect(res.items.map((c: { id: number }) => c.id)).toEqual(all.items.slice(page - 1, page).map((c: { id: number }) => c.id));
      }
    }
  });
});
