/** The drill, training and double-decline figures equal counts taken straight from the rows, at quarter and year edges. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let bureau: string;
let town: string;

// (held on, town, status, self-run)
const DRILLS: [string, string, 'done' | 'planned', boolean][] = [
  ['2024-12-31', TOWNS.tanzhou, 'done', true],
  ['2025-01-01', TOWNS.tanzhou, 'done', false],
  ['2025-03-31', TOWNS.xiaolan, 'done', true],
  ['2025-03-31', TOWNS.tanzhou, 'planned', true],
  ['2025-04-01', TOWNS.tanzhou, 'done', true],
];
// (held on, town, status, officers, public)
const TRAININGS: [string, string, 'done' | 'planned', number, number][] = [
  ['2024-03-31', TOWNS.tanzhou, 'done', 5, 40],
  ['2025-01-01', TOWNS.xiaolan, 'done', 7, 0],
  ['2025-03-31', TOWNS.tanzhou, 'done', 3, 120],
  ['2025-03-31', TOWNS.tanzhou, 'planned', 9, 9],
  ['2025-12-31', TOWNS.xiaolan, 'done', 2, 30],
];
// accidents: (date, town, deaths). Tanzhou falls on both counts in Q1 2025 (2 accidents 3 deaths → 1 and 1);
// Xiaolan falls in accidents only (2 → 1, deaths 1 → 1).
const ACCIDENTS: [string, string, number][] = [
  ['2024-01-01', TOWNS.tanzhou, 1],
  ['2024-03-31', TOWNS.tanzhou, 2],
  ['2024-02-10', TOWNS.xiaolan, 1],
  ['2024-03-31', TOWNS.xiaolan, 0],
  ['2025-03-31', TOWNS.tanzhou, 1],
  ['2025-01-01', TOWNS.xiaolan, 1],
];

beforeAll(async () => {
  h = await createHarness();
  bureau = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  town = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  const at = '2024-01-01T00:00:00+08:00';
  const [plan] = await queryRows<{ id: number }>(
    h.db,
    sql`insert into emergency_plans (name, level, kind, owner_unit, division_code, issued_on, status, created_at, updated_at)
        values ('测试预案', 'town', 'special', '测试单位', ${TOWNS.tanzhou}, '2023-01-01', 'in_force', ${at}, ${at}) returning id`,
  );
  for (const [day, division, status, selfRun] of DRILLS)
    await h.db.execute(sql`insert into drills (title, plan_id, division_code, status, planned_on, held_on, form, notice, organiser,
      self_run, created_at, updated_at) values ('测试演练', ${plan!.id}, ${division}, ${status}, ${day},
      ${status === 'done' ? day : null}, 'live', 'announced', '测试单位', ${selfRun}, ${at}, ${at})`);
  for (const [day, division, status, officers, people] of TRAININGS)
    await h.db.execute(sql`insert into training_sessions (topic, kind, mode, organiser, held_on, division_code, status, officers,
      public_people, created_at) values ('测试培训', 'officer', 'onsite', '测试单位', ${day}, ${division}, ${status},
      ${officers}, ${people}, ${at})`);
  for (const [day, division, deaths] of ACCIDENTS) {
    const when = `${day}T23:30:00+08:00`;
    await h.db.execute(sql`insert into accidents (kind, title, division_code, place, occurred_at, occurred_on, known_at, summary,
      deaths, follow_up_last_day, created_at, updated_at)
      values ('accident', '测试事故', ${division}, '测试地点', ${when}, ${day}, ${when}, '经过', ${deaths}, ${day}, ${when}, ${when})`);
  }
});
afterAll(() => h.close());

async function direct(from: string, to: string, scope: string) {
  const like = scope + '%';
  const [d] = await queryRows<{ held: number; self: number }>(
    h.db,
    sql`select count(*)::int held, count(*) filter (where self_run)::int self from drills
        where status = 'done' and held_on between ${from} and ${to} and division_code like ${like}`,
  );
  const [t] = await queryRows<{ n: number; officers: number; people: number }>(
    h.db,
    sql`select count(*)::int n, coalesce(sum(officers), 0)::int officers, coalesce(sum(public_people), 0)::int people
        from training_sessions where status = 'done' and held_on between ${from} and ${to} and division_code like ${like}`,
  );
  return { ...d!, ...t! };
}

describe('the drill and training figures', () => {
  it.each([
    ['kind=quarter&year=2025&part=1', '2025-01-01', '2025-03-31'],
    ['kind=quarter&year=2025&part=2', '2025-04-01', '2025-06-30'],
    ['kind=year&year=2025', '2025-01-01', '2025-12-31'],
    ['kind=year&year=2024', '2024-01-01', '2024-12-31'],
    ['kind=custom&from=2024-12-31&to=2025-01-01', '2024-12-31', '2025-01-01'],
  ])('%s: each equals the rows counted straight, for the city and a town', async (query, from, to) => {
    for (const [cookie, scope] of [
      [bureau, '4420'],
      [town, TOWNS.tanzhou],
    ] as const) {
      const body = (await h.call('GET', `/api/reports/figures?${query}`, { cookie })).json();
      expect([body.from, body.to]).toEqual([from, to]);
      const byId = Object.fromEntries(body.figures.map((f: { id: string; value: number }) => [f.id, f.value]));
      const now = await direct(from, to, scope);
      expect([byId['drill.held'], byId['drill.self_run']]).toEqual([now.held, now.self]);
      expect([byId['training.sessions'], byId['training.people.officers'], byId['training.people.public']]).toEqual([
        now.n,
        now.officers,
        now.people,
      ]);
    }
  });

  it('counts the towns where accidents and deaths both fell: Tanzhou in Q1 2025, not Xiaolan', async () => {
    const value = async (cookie: string, query: string) =>
      (await h.call('GET', `/api/reports/figures?${query}`, { cookie }))
        .json()
        .figures.find((f: { id: string }) => f.id === 'accident.double_decline_towns').value;
    expect(await value(bureau, 'kind=quarter&year=2025&part=1')).toBe(1);
    expect(await value(town, 'kind=quarter&year=2025&part=1')).toBe(1);
    // a year later nothing happened, and 2025 had no deaths to fall from in Xiaolan's only-accident year
    expect(await value(bureau, 'kind=quarter&year=2025&part=2')).toBe(0);
    // March alone: Tanzhou had one accident in March 2024 as in March 2025, so no decline
    expect(await value(bureau, 'kind=month&year=2025&part=3')).toBe(0);
  });
});

describe('the exports', () => {
  it('writes the table to Excel with a header, last year and the change, and a sheet of definitions', async () => {
    const res = await h.call('GET', '/api/reports/figures/export?kind=quarter&year=2025&part=1', { cookie: bureau });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const table = book.getWorksheet('统计表')!;
    expect(String(table.getCell('A2').value)).toContain('2025年第一季度');
    const row = table.getRows(3, table.rowCount - 2)!.find((r) => r.getCell(2).value === '开展应急演练')!;
    const now = await direct('2025-01-01', '2025-03-31', '4420');
    const before = await direct('2024-01-01', '2024-03-31', '4420');
    expect([row.getCell(4).value, row.getCell(5).value]).toEqual([now.held, before.held]);
    const defs = book.getWorksheet('指标口径')!;
    expect(defs.rowCount - 1).toBe(table.rowCount - 2);
    expect(String(defs.getCell('D2').value).length).toBeGreaterThan(10);
  });

  it('writes a Word summary in prose from the same figures', async () => {
    const res = await h.call('GET', '/api/reports/figures/summary?kind=quarter&year=2025&part=1', { cookie: bureau });
    expect(res.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const now = await direct('2025-01-01', '2025-03-31', '4420');
    expect(text).toContain('2025年第一季度，全市');
    expect(text).toContain(`开展安全培训${now.n}期`);
  });
});
