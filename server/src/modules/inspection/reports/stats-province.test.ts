import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { findings, inspections } from '../../../db/schema/index';
import { createHarness, TOWNS, type THarness, addSecondCity, DONGGUAN_TOWN } from '../../../../test/harness';
import { firm, inspection } from '../../../../test/inspection-fixtures';
import { foldInspectionDeltas } from './list-totals.repo';
import { foldFirmCityDeltas } from './stats.repo';

// The provincial statistics list cities, from the city counts, the city firm counts and their unfolded changes; every
// figure is compared with a count of the inspection rows, before the fold and after it.
let h: THarness;
let province: string;
let city: string;
const ids: number[] = [];
const firms: { id: number; divisionCode: string }[] = [];

type TFigures = { inspections: number; firms: number; findings: number };

/** Submitted inspections, distinct firms and findings by city (and for the province) in the months, from the rows. */
async function fromRows(fromDate: string, toDate: string): Promise<{ byCity: (TFigures & { key: string })[]; total: TFigures }> {
  const q = (key: string) =>
    queryRows<TFigures & { key: string }>(
      h.db,
      sql.raw(`SELECT ${key} AS "key", count(*)::int AS "inspections", count(DISTINCT enterprise_id)::int AS "firms",
                 coalesce(sum(findings_count), 0)::int AS "findings"
               FROM inspections WHERE status = 'submitted' AND inspected_on BETWEEN '${fromDate}' AND '${toDate}'
               GROUP BY 1 ORDER BY 1`),
    );
  const [total] = await q("'44'");
  const { key: _key, ...t } = total ?? { key: '44', inspections: 0, firms: 0, findings: 0 };
  return { byCity: await q('left(division_code, 4)'), total: t };
}

async function check(query: string): Promise<void> {
  const res = await h.call('GET', `/api/inspection-stats?${query}`, { cookie: province });
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(body.level).toBe('city');
  const want = await fromRows(body.range.fromDate, body.range.toDate);
  const got = body.byTown
    .map((r: TFigures & { divisionCode: string }) => ({
      key: r.divisionCode,
      inspections: r.inspections,
      firms: r.firms,
      findings: r.findings,
    }))
    .filter((r: TFigures) => r.inspections > 0 || r.firms > 0);
  expect(got).toEqual(want.byCity);
  expect(body.byTown.map((r: { divisionName: string }) => r.divisionName)).toEqual(['东莞市', '中山市']);
  expect({ inspections: body.totals.inspections, firms: body.totals.firms, findings: body.totals.findings }).toEqual(want.total);
}

const QUERIES = ['period=quarter&at=2026-02-15', 'period=month&at=2026-03-10', 'period=custom&from=2026-02&to=2026-03'];

beforeAll(async () => {
  h = await createHarness();
  await addSecondCity(h.db);
  province = (await h.userWithSession({ role: 'bureau_leader', divisionCode: '44' })).cookie;
  city = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  firms.push(
    await firm(h.db),
    await firm(h.db),
    await firm(h.db, { divisionCode: TOWNS.xiaolan }),
    await firm(h.db, { divisionCode: DONGGUAN_TOWN }),
  );
  let n = 0;
  for (const on of ['2026-01-05', '2026-02-03', '2026-02-20', '2026-03-10', '2026-03-28']) {
    for (const f of firms) {
      n++;
      ids.push(
        await inspection(h.db, {
          enterpriseId: f.id,
          divisionCode: f.divisionCode,
          inspectedOn: on,
          kind: n % 4 === 0 ? 'unannounced' : 'ad_hoc',
          findings: n % 3,
        }),
      );
    }
  }
});
afterAll(() => h?.close());

describe('the provincial inspection statistics by city', () => {
  it('equal the rows through creates, a firm moving town and city, withdrawals and deletes, before and after the fold', async () => {
    for (const q of QUERIES) await check(q);
    await foldInspectionDeltas(h.db);
    await foldFirmCityDeltas(h.db);
    for (const q of QUERIES) await check(q);
    // The first firm moves to Xiaolan (same city): its new checks are Xiaolan's; then to Dongguan (another city).
    const mover = firms[0]!;
    await inspection(h.db, { enterpriseId: mover.id, divisionCode: TOWNS.xiaolan, inspectedOn: '2026-03-12', findings: 1 });
    for (const q of QUERIES) await check(q);
    await inspection(h.db, { enterpriseId: mover.id, divisionCode: DONGGUAN_TOWN, inspectedOn: '2026-03-20' });
    // A record corrected to the firm's new city, one withdrawn to a draft, and deletes.
    await h.db.update(inspections).set({ divisionCode: DONGGUAN_TOWN }).where(eq(inspections.id, ids[4]!));
    for (const q of QUERIES) await check(q);
    await foldInspectionDeltas(h.db);
    await foldFirmCityDeltas(h.db);
    for (const q of QUERIES) await check(q);
    await h.db.update(inspections).set({ status: 'draft' }).where(eq(inspections.id, ids[8]!));
    const gone = [ids[12]!, ids[13]!, ids[15]!];
    await h.db.delete(findings).where(inArray(findings.inspectionId, gone));
    await h.db.delete(inspections).where(inArray(inspections.id, gone));
    for (const q of QUERIES) await check(q);
    await foldInspectionDeltas(h.db);
    await foldFirmCityDeltas(h.db);
    for (const q of QUERIES) await check(q);
    const [kept] = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM inspection_firm_city_deltas`);
    expect(kept!.n).toBe(0);
  });

  it('keeps a city reader and a chosen city on towns', async () => {
    const own = (await h.call('GET', '/api/inspection-stats?period=quarter&at=2026-02-15', { cookie: city })).json();
    expect(own.level).toBe('town');
    expect(own.byTown.every((r: { divisionCode: string }) => r.divisionCode.length === 9 && r.divisionCode.startsWith('4420'))).toBe(true);
    const chosen = (
      await h.call('GET', '/api/inspection-stats?period=quarter&at=2026-02-15&divisionCode=4419', { cookie: province })
    ).json();
    expect(chosen.level).toBe('town');
    expect(chosen.byTown.map((r: { divisionCode: string }) => r.divisionCode)).toEqual([DONGGUAN_TOWN]);
  });
});
