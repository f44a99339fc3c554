import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { foldInspectionDeltas } from './list-totals.repo';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { firm, inspection, type TInspectionInput } from '../../../../test/inspection-fixtures';

// The inspection and finding lists take their totals from the counters (whole months) plus the edge days; every
// total here is compared with the rows this file inserted.
let h: THarness;
let city: string;
let tanzhou: string;
const made: TInspectionInput[] = [];

const DATES = [
  '2025-12-31',
  '2026-01-01',
  '2026-01-15',
  '2026-01-31',
  '2026-02-01',
  '2026-02-14',
  '2026-02-28',
  '2026-03-01',
  '2026-03-17',
  '2026-03-31',
];

beforeAll(async () => {
  h = await createHarness();
  city = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  const firms = [await firm(h.db), await firm(h.db, { divisionCode: TOWNS.xiaolan })];
  let n = 0;
  for (const on of DATES) {
    for (const f of firms) {
      n++;
      const o: TInspectionInput = {
        enterpriseId: f.id,
        divisionCode: f.divisionCode,
        inspectedOn: on,
        kind: n % 5 === 0 ? 'unannounced' : 'ad_hoc',
        findings: n % 3,
        major: n % 3 === 2 && n % 2 === 0 ? 1 : 0,
        status: n % 7 === 0 ? 'draft' : 'submitted',
      };
      await inspection(h.db, o.status === 'draft' ? { ...o, findings: 0, major: 0 } : o);
      made.push(o.status === 'draft' ? { ...o, findings: 0, major: 0 } : o);
    }
  }
});
afterAll(() => h?.close());

const within = (o: TInspectionInput, q: { from?: string; to?: string; scope?: string }) =>
  (!q.from || o.inspectedOn >= q.from) && (!q.to || o.inspectedOn <= q.to) && o.divisionCode.startsWith(q.scope ?? '4420');

describe('list totals from the counters', () => {
  it.each([
    [{}],
    [{ from: '2026-01-01', to: '2026-03-31' }],
    [{ from: '2026-01-15', to: '2026-03-17' }],
    [{ from: '2026-01-16', to: '2026-02-14' }],
    [{ from: '2026-02-01', to: '2026-02-28' }],
    [{ to: '2026-01-31' }],
    [{ from: '2026-03-01' }],
    [{ from: '2026-02-14', to: '2026-02-14' }],
  ])('inspections and findings in %j equal the rows', async (q: { from?: string; to?: string }) => {
    const query = new URLSearchParams({ page: '1', pageSize: '5', ...q }).toString();
    const list = (await h.call('GET', `/api/inspections?${query}`, { cookie: city })).json();
    const rows = made.filter((o) => within(o, q));
    expect(list.total).toBe(rows.length);
    expect(list.byKind.unannounced).toBe(rows.filter((o) => o.kind === 'unannounced').length);
    expect(list.items.length).toBe(Math.min(5, rows.length));
    const found = (await h.call('GET', `/api/findings?${query}`, { cookie: city })).json();
    expect(found.total).toBe(rows.reduce((s, o) => s + (o.findings ?? 0), 0));
    const major = (await h.call('GET', `/api/findings?${query}&major=true`, { cookie: city })).json();
    expect(major.total).toBe(rows.reduce((s, o) => s + (o.major ?? 0), 0));
  });

  it('keeps a town to its own records, drafts included, and a status filter to its status', async () => {
    const q = { from: '2026-01-15', to: '2026-03-17', scope: TOWNS.tanzhou };
    const town = (await h.call('GET', `/api/inspections?page=1&pageSize=20&from=${q.from}&to=${q.to}`, { cookie: tanzhou })).json();
    expect(town.total).toBe(made.filter((o) => within(o, q)).length);
    const drafts = (await h.call('GET', `/api/inspections?page=1&pageSize=20&status=draft`, { cookie: city })).json();
    expect(drafts.total).toBe(made.filter((o) => o.status === 'draft').length);
    expect(drafts.items.every((i: { status: string }) => i.status === 'draft')).toBe(true);
    const submitted = (await h.call('GET', `/api/inspections?page=1&pageSize=20&status=submitted`, { cookie: city })).json();
    expect(submitted.total).toBe(made.filter((o) => o.status === 'submitted').length);
  });

  it('answers a city from the city counts: the same before and after the fold, which adds the appended changes in once', async () => {
    const totals = async () => {
      const list = (await h.call('GET', `/api/inspections?page=1&pageSize=5&from=2026-01-01`, { cookie: city })).json();
      const found = (await h.call('GET', `/api/findings?page=1&pageSize=5&from=2026-01-01`, { cookie: city })).json();
      return [list.total, list.byKind.unannounced, found.total];
    };
    const rows = () => made.filter((o) => within(o, { from: '2026-01-01' }));
    const expected = () => [
      rows().length,
      rows().filter((o) => o.kind === 'unannounced').length,
      rows().reduce((s, o) => s + (o.findings ?? 0), 0),
    ];
    const pending = async () => (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM inspection_count_deltas`))[0]!.n;
    expect(await pending()).toBeGreaterThan(0);
    expect(await totals()).toEqual(expected());
    expect(await foldInspectionDeltas(h.db)).toBeGreaterThan(0);
    expect(await pending()).toBe(0);
    expect(await totals()).toEqual(expected());
    // A new record is a change not yet folded: counted at once, then folded once.
    const f = await firm(h.db, { divisionCode: TOWNS.tanzhou });
    const o: TInspectionInput = {
      enterpriseId: f.id,
      divisionCode: f.divisionCode,
      inspectedOn: '2026-02-10',
      kind: 'unannounced',
      findings: 2,
    };
    await inspection(h.db, o);
    made.push(o);
    expect(await pending()).toBeGreaterThan(0);
    expect(await totals()).toEqual(expected());
    await foldInspectionDeltas(h.db);
    expect(await foldInspectionDeltas(h.db)).toBe(0);
    expect(await totals()).toEqual(expected());
    // The city counts are the town counts added up by city.
    const byCity = sql`SELECT left(division_code, 4) AS c, month, kind, sum(inspections)::int AS i, sum(findings)::int AS f, sum(major_findings)::int AS m
                       FROM inspection_counts GROUP BY 1, 2, 3 HAVING sum(inspections) <> 0 OR sum(findings) <> 0 ORDER BY 1, 2, 3`;
    const cities = sql`SELECT city_code AS c, month, kind, inspections AS i, findings AS f, major_findings AS m
                       FROM inspection_city_counts WHERE inspections <> 0 OR findings <> 0 ORDER BY 1, 2, 3`;
    expect(await queryRows(h.db, cities)).toEqual(await queryRows(h.db, byCity));
  });
});
