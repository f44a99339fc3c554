import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, inspections } from '../../../db/schema/index';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { countsDrift, firm, inspection, type TInspectionInput } from '../../../../test/inspection-fixtures';

let h: THarness;
let city: string;
let tanzhou: string;
const made: (TInspectionInput & { id: number })[] = [];

type TKind = 'planned' | 'ad_hoc' | 'unannounced';
// Figures straight from the rows this file inserted: submitted only, within the dates, in the scope.
function expected(from: string, to: string, scope = '4420', kind?: TKind) {
  const rows = made.filter(
    (r) =>
      (r.status ?? 'submitted') === 'submitted' &&
      r.inspectedOn >= from &&
      r.inspectedOn <= to &&
      r.divisionCode.startsWith(scope) &&
      (!kind || (r.kind ?? 'ad_hoc') === kind),
  );
  return {
    inspections: rows.length,
    firms: new Set(rows.map((r) => r.enterpriseId)).size,
    findings: rows.reduce((s, r) => s + (r.findings ?? 0), 0),
    majorFindings: rows.reduce((s, r) => s + (r.major ?? 0), 0),
  };
}
const add = async (o: TInspectionInput) => made.push({ ...o, id: await inspection(h.db, o) });
const stats = async (cookie: string, query: string) => {
  const res = await h.call('GET', `/api/inspection-stats?${query}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  h = await createHarness();
  city = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  const t = [await firm(h.db), await firm(h.db), await firm(h.db)];
  const x = [await firm(h.db, { divisionCode: TOWNS.xiaolan }), await firm(h.db, { divisionCode: TOWNS.xiaolan })];
  const at = (f: { id: number; divisionCode: string }, inspectedOn: string, o: Partial<TInspectionInput> = {}) =>
    add({ enterpriseId: f.id, divisionCode: f.divisionCode, inspectedOn, ...o });
  await at(t[0]!, '2026-01-05', { kind: 'planned', findings: 3, major: 1 });
  await at(t[0]!, '2026-02-10', { kind: 'ad_hoc', findings: 2 }); // the same firm twice in the quarter: one firm, two checks
  await at(t[1]!, '2026-03-31', { kind: 'unannounced', findings: 4, major: 2 }); // the quarter's last day
  await at(t[2]!, '2026-04-01', { kind: 'unannounced', findings: 1 }); // the next quarter's first day
  await at(t[2]!, '2026-03-15', { kind: 'ad_hoc', findings: 5, status: 'draft' }); // a draft: not counted
  await at(x[0]!, '2026-03-01', { kind: 'unannounced', findings: 2, major: 1 });
  await at(x[1]!, '2026-02-28', { kind: 'planned' });
  await at(x[1]!, '2025-12-31', { kind: 'ad_hoc', findings: 6 });
  // A firm that moved from Xiaolan to Tanzhou in the quarter: checked in both towns, one firm for the city.
  await add({ enterpriseId: x[0]!.id, divisionCode: TOWNS.tanzhou, inspectedOn: '2026-03-20', kind: 'unannounced', findings: 1 });
});
afterAll(() => h.close());

describe('inspection statistics', () => {
  it('counts the quarter of 2026-03-31 from its records: firms, checks, findings, major findings, by kind and town', async () => {
    const s = await stats(city, 'period=quarter&at=2026-03-31');
    expect(s.range).toMatchObject({ fromMonth: '2026-01', toMonth: '2026-03', label: '2026年第一季度' });
    expect(s.totals).toEqual(expected('2026-01-01', '2026-03-31'));
    expect(s.totals.inspections).toBeGreaterThan(s.totals.firms);
    // The moved firm counts in each town it was checked in, and once for the city.
    expect(s.byTown.reduce((n: number, t: { firms: number }) => n + t.firms, 0)).toBe(s.totals.firms + 1);
    for (const k of s.byKind) expect(k, k.kind).toMatchObject(expected('2026-01-01', '2026-03-31', '4420', k.kind));
    const town = (code: string) => s.byTown.find((r: { divisionCode: string }) => r.divisionCode === code);
    expect(town(TOWNS.tanzhou)).toMatchObject({ divisionName: '坦洲镇', ...expected('2026-01-01', '2026-03-31', TOWNS.tanzhou) });
    expect(town(TOWNS.xiaolan)).toMatchObject({ divisionName: '小榄镇', ...expected('2026-01-01', '2026-03-31', TOWNS.xiaolan) });
    expect(town(TOWNS.shiqi)).toMatchObject({ inspections: 0, firms: 0, findings: 0 });
    expect(s.byMonth.map((m: { month: string; inspections: number }) => [m.month, m.inspections])).toEqual(
      ['01', '02', '03'].map((m) => [`2026-${m}`, expected(`2026-${m}-01`, `2026-${m}-31`).inspections]),
    );
  });

  it('a year, a month and a run of months across the new year', async () => {
    expect((await stats(city, 'period=year&at=2026-06-01')).totals).toEqual(expected('2026-01-01', '2026-12-31'));
    expect((await stats(city, 'period=month&at=2026-02-01')).totals).toEqual(expected('2026-02-01', '2026-02-31'));
    const run = await stats(city, 'period=custom&from=2025-12&to=2026-02');
    expect(run.totals).toEqual(expected('2025-12-01', '2026-02-31'));
    expect(run.byMonth).toHaveLength(3);
  });

  it('shows a town officer only their town, whatever division they ask for', async () => {
    const s = await stats(tanzhou, 'period=quarter&at=2026-03-31');
    expect(s.totals).toEqual(expected('2026-01-01', '2026-03-31', TOWNS.tanzhou));
    expect(s.byTown.map((r: { divisionCode: string }) => r.divisionCode)).toEqual([TOWNS.tanzhou]);
    expect((await stats(tanzhou, `period=quarter&at=2026-03-31&divisionCode=${TOWNS.xiaolan}`)).totals).toEqual({
      inspections: 0,
      firms: 0,
      findings: 0,
      majorFindings: 0,
    });
    expect((await stats(city, `period=quarter&at=2026-03-31&divisionCode=${TOWNS.xiaolan}`)).totals).toEqual(
      expected('2026-01-01', '2026-03-31', TOWNS.xiaolan),
    );
  });

  it('counts a draft once it is submitted, and follows findings added, changed and removed', async () => {
    const draft = made.find((r) => r.status === 'draft')!;
    await h.db.update(inspections).set({ status: 'submitted' }).where(eq(inspections.id, draft.id));
    draft.status = 'submitted';
    expect((await stats(city, 'period=quarter&at=2026-03-31')).totals).toEqual(expected('2026-01-01', '2026-03-31'));
    const first = made[0]!;
    await h.db
      .update(findings)
      .set({ majorHazard: true })
      .where(sql`${findings.inspectionId} = ${first.id} AND NOT ${findings.majorHazard}`);
    first.major = first.findings;
    await h.db.update(findings).set({ hazardId: 1 }).where(eq(findings.inspectionId, first.id));
    await h.db.delete(findings).where(sql`${findings.id} = (SELECT min(id) FROM findings WHERE inspection_id = ${first.id})`);
    first.findings! -= 1;
    first.major! -= 1;
    expect((await stats(city, 'period=quarter&at=2026-03-31')).totals).toEqual(expected('2026-01-01', '2026-03-31'));
    const drift = await countsDrift(h.db);
    expect(drift.kept).toEqual(drift.recount);
  });

  it('moves an inspection between quarters and towns when its record is corrected, and drops it when withdrawn', async () => {
    const moved = made.find((r) => r.inspectedOn === '2026-03-31')!;
    await h.db.update(inspections).set({ inspectedOn: '2026-04-02', divisionCode: TOWNS.xiaolan }).where(eq(inspections.id, moved.id));
    Object.assign(moved, { inspectedOn: '2026-04-02', divisionCode: TOWNS.xiaolan });
    const gone = made.find((r) => r.inspectedOn === '2026-02-28')!;
    await h.db.update(inspections).set({ status: 'draft' }).where(eq(inspections.id, gone.id));
    gone.status = 'draft';
    expect((await stats(city, 'period=quarter&at=2026-03-31')).totals).toEqual(expected('2026-01-01', '2026-03-31'));
    expect((await stats(city, 'period=quarter&at=2026-04-01')).totals).toEqual(expected('2026-04-01', '2026-06-30'));
    const drift = await countsDrift(h.db);
    expect(drift.kept).toEqual(drift.recount);
  });

  it('exports each table to Excel with the same figures', async () => {
    const s = await stats(city, 'period=quarter&at=2026-03-31');
    const res = await h.call('GET', '/api/inspection-stats/export?period=quarter&at=2026-03-31', { cookie: city });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('2026年第一季度'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['按检查方式', '按镇街', '按月份']);
    const total = book.getWorksheet('按检查方式')!.getRow(5).values as unknown[];
    expect(total.slice(1)).toEqual(['合计', s.totals.inspections, s.totals.firms, s.totals.findings, s.totals.majorFindings]);
    expect(book.getWorksheet('按镇街')!.rowCount).toBe(s.byTown.length + 1);
  });

  it.each([
    ['period=custom&from=2026-01', 'from', '自定义周期须选择起止月份'],
    ['period=custom&from=2024-01&to=2026-01', 'to', '自定义周期不能超过 24 个月'],
    ['period=week', 'period', '统计周期应为'],
    ['period=month&at=2026-13-01', 'at', '日期格式应为'],
  ])('refuses %s, naming %s', async (query, field, message) => {
    const res = await h.call('GET', `/api/inspection-stats?${query}`, { cookie: city });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
    expect(res.json().message).toContain(message);
  });

  it('puts 2026-04-01 in the second quarter, and takes "this quarter" in Asia/Shanghai', async () => {
    expect((await stats(city, 'period=quarter&at=2026-04-01')).totals).toEqual(expected('2026-04-01', '2026-06-30'));
    const start = h.clock.now();
    h.clock.set('2026-03-31T15:59:00Z'); // 23:59 in Shanghai
    const late = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
    expect((await stats(late, 'period=quarter')).range.label).toBe('2026年第一季度');
    h.clock.set('2026-03-31T16:00:00Z'); // 00:00 on 1 April in Shanghai
    expect((await stats(late, 'period=quarter')).totals).toEqual(expected('2026-04-01', '2026-06-30'));
    h.clock.set(start);
  });

  it('is refused without a session', async () => {
    expect((await h.call('GET', '/api/inspection-stats')).statusCode).toBe(401);
  });
});
