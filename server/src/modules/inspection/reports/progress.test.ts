import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_INSPECTION_FREQUENCY,
  DEFAULT_WORK_CALENDAR,
  frequencyState,
  progressShare,
  resultPublishBy,
  type TPlanStratum,
} from '@yingji/domain';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { draw, firm, inspection, plan, target } from '../../../../test/inspection-fixtures';

let h: THarness;
let city: string;
let tanzhou: string;
let planId: number;
let townPlanId: number;

interface TTargetSpec {
  town: string;
  stratum: TPlanStratum;
  /** undefined: not checked; otherwise the inspection's state. */
  check?: { on: string; status: 'draft' | 'submitted'; published: boolean };
  targetId?: number;
  firmId?: number;
}
// Seven targets of the current draw: checked and published, checked but unpublished, a draft (not done), not checked.
const specs: TTargetSpec[] = [
  { town: TOWNS.tanzhou, stratum: 'red', check: { on: '2026-03-10', status: 'submitted', published: true } },
  { town: TOWNS.tanzhou, stratum: 'red', check: { on: '2026-06-20', status: 'submitted', published: false } },
  { town: TOWNS.tanzhou, stratum: 'yellow', check: { on: '2026-05-01', status: 'draft', published: false } },
  { town: TOWNS.tanzhou, stratum: 'none' },
  { town: TOWNS.xiaolan, stratum: 'orange', check: { on: '2026-05-01', status: 'submitted', published: false } },
  { town: TOWNS.xiaolan, stratum: 'orange' },
  { town: TOWNS.xiaolan, stratum: 'yellow', check: { on: '2026-04-11', status: 'submitted', published: true } },
];
const done = (s: TTargetSpec) => s.check?.status === 'submitted';

beforeAll(async () => {
  h = await createHarness();
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  planId = await plan(h.db, { periodEnd: '2026-06-30' });
  townPlanId = await plan(h.db, { divisionCode: TOWNS.xiaolan });
  const current = await draw(h.db, planId);
  const superseded = await draw(h.db, planId, { status: 'superseded' });
  await draw(h.db, planId, { status: 'committed' });
  for (const s of specs) {
    const f = await firm(h.db, { divisionCode: s.town, ...(s.stratum === 'none' ? {} : { colour: s.stratum }) });
    s.firmId = f.id;
    s.targetId = await target(h.db, current, f, s.stratum);
    if (s.check) {
      await inspection(h.db, {
        enterpriseId: f.id,
        divisionCode: s.town,
        kind: 'planned',
        drawTargetId: s.targetId,
        planId,
        inspectedOn: s.check.on,
        status: s.check.status,
        publishedAt: s.check.published ? '2026-07-01T00:00:00Z' : null,
      });
    }
  }
  // A redrawn (superseded) draw's target is not planned any more.
  await target(h.db, superseded, await firm(h.db, { colour: 'red' }), 'red');
});
afterAll(() => h.close());

const progressOf = async (cookie: string, id = planId) => {
  const res = await h.call('GET', `/api/inspection-progress/plans/${id}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const share = (rows: TTargetSpec[]) => ({
  planned: rows.length,
  done: rows.filter(done).length,
  share: progressShare(rows.filter(done).length, rows.length),
});

describe('plan progress', () => {
  it('counts done against planned by town and grade, from the current draws only', async () => {
    const p = await progressOf(city);
    expect(p.totals).toEqual(share(specs));
    expect(p.byTown).toEqual(
      [TOWNS.xiaolan, TOWNS.tanzhou].sort().map((town) => ({
        divisionCode: town,
        divisionName: town === TOWNS.tanzhou ? '坦洲镇' : '小榄镇',
        ...share(specs.filter((s) => s.town === town)),
      })),
    );
    const grades = ['red', 'orange', 'yellow', 'none'] as const;
    expect(p.byGrade.map((g: { stratum: string }) => g.stratum)).toEqual(grades);
    for (const g of p.byGrade) expect(g).toMatchObject(share(specs.filter((s) => s.stratum === g.stratum)));
  });

  it('lists overdue targets: unpublished 20 working days after the check while the plan runs, and unchecked once it has ended', async () => {
    // checked 05-01 (5.1–5.5 off, 5.9 worked): the 20th working day is 06-01, so it is not late on 06-01 itself
    h.clock.set('2026-06-01T02:00:00Z');
    let cookie = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
    let p = await progressOf(cookie);
    expect(p.overdue).toEqual([]);
    h.clock.set('2026-06-02T02:00:00Z');
    cookie = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
    p = await progressOf(cookie);
    expect(p.overdue.map((o: { targetId: number; reason: string; dueOn: string }) => [o.targetId, o.reason, o.dueOn])).toEqual([
      [specs[4]!.targetId, 'unpublished', '2026-06-01'],
    ]);

    h.clock.set('2026-07-15T02:00:00Z');
    cookie = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
    p = await progressOf(cookie);
    const expected = specs
      .map((s) => {
        if (!done(s)) return [s.targetId, 'period_ended', '2026-06-30'];
        const due = resultPublishBy(DEFAULT_WORK_CALENDAR, s.check!.on, 20);
        return !s.check!.published && '2026-07-15' > due ? [s.targetId, 'unpublished', due] : null;
      })
      .filter((x) => x !== null);
    expect(p.overdue.map((o: { targetId: number; reason: string; dueOn: string }) => [o.targetId, o.reason, o.dueOn]).sort()).toEqual(
      expected.sort(),
    );
    expect(p.overdueTotal).toBe(expected.length);
    // checked Saturday 06-20: due 07-17 in working days (07-10 in calendar days), so not late on 07-15
    expect(p.overdue.find((o: { targetId: number }) => o.targetId === specs[1]!.targetId)).toBeUndefined();
    expect(p.overdue.find((o: { targetId: number }) => o.targetId === specs[0]!.targetId)).toBeUndefined();

    const town = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
    const mine = await progressOf(town);
    expect(mine.overdue.every((o: { divisionCode: string }) => o.divisionCode === TOWNS.tanzhou)).toBe(true);
    expect(mine.overdueTotal).toBe(expected.filter((e) => specs.find((s) => s.targetId === e[0])!.town === TOWNS.tanzhou).length);
    h.clock.set('2026-03-02T01:00:00Z');
  });

  it("shows a town officer the city's plan for their town only, and not another town's plan", async () => {
    const p = await progressOf(tanzhou);
    expect(p.totals).toEqual(share(specs.filter((s) => s.town === TOWNS.tanzhou)));
    expect(p.byTown.map((t: { divisionCode: string }) => t.divisionCode)).toEqual([TOWNS.tanzhou]);
    const list = (await h.call('GET', '/api/inspection-progress/plans', { cookie: tanzhou })).json();
    expect(list.map((x: { id: number }) => x.id)).toEqual([planId]);
    expect((await h.call('GET', `/api/inspection-progress/plans/${townPlanId}`, { cookie: tanzhou })).statusCode).toBe(404);
    expect((await h.call('GET', `/api/inspection-progress/plans/${townPlanId}`, { cookie: city })).statusCode).toBe(200);
  });

  it('lists firms of the pool below the minimum or above the cap for their grade this year', async () => {
    // A blue firm checked three times this year (cap 2) and a red one once (minimum 4); last year's check does not count.
    const blue = await firm(h.db, { colour: 'blue' });
    for (const on of ['2026-01-10', '2026-02-10', '2026-03-10', '2025-12-30'])
      await inspection(h.db, { enterpriseId: blue.id, divisionCode: blue.divisionCode, inspectedOn: on });
    await inspection(h.db, { enterpriseId: blue.id, divisionCode: blue.divisionCode, inspectedOn: '2026-03-11', status: 'draft' });
    const firms = await h.db.query.enterprises.findMany({ columns: { id: true } });
    const grades = new Map((await h.db.query.riskGrades.findMany()).map((g) => [g.enterpriseId, g.colour as TPlanStratum]));
    const checks = new Map<number, number>();
    for (const i of await h.db.query.inspections.findMany()) {
      if (i.status === 'submitted' && i.inspectedOn.startsWith('2026')) checks.set(i.enterpriseId, (checks.get(i.enterpriseId) ?? 0) + 1);
    }
    const want = (which: 'below' | 'above') =>
      firms
        .filter((f) => frequencyState(checks.get(f.id) ?? 0, grades.get(f.id) ?? 'none', DEFAULT_INSPECTION_FREQUENCY) === which)
        .map((f) => f.id)
        .sort((a, b) => a - b);
    const page = async (which: string) =>
      (await h.call('GET', `/api/inspection-progress/plans/${planId}/frequency?which=${which}&pageSize=200`, { cookie: city })).json();
    const below = await page('below');
    expect(below.items.map((i: { enterpriseId: number }) => i.enterpriseId).sort((a: number, b: number) => a - b)).toEqual(want('below'));
    expect(below.total).toBe(want('below').length);
    const above = await page('above');
    expect(above.items).toEqual([expect.objectContaining({ enterpriseId: blue.id, stratum: 'blue', checks: 3, min: 0, max: 2 })]);
    expect(want('above')).toEqual([blue.id]);
  });

  it('exports the progress tables to Excel', async () => {
    const p = await progressOf(city);
    const res = await h.call('GET', `/api/inspection-progress/plans/${planId}/export`, { cookie: city });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['按镇街', '按风险等级', '逾期目标']);
    const last = book.getWorksheet('按镇街')!.getRow(p.byTown.length + 2).values as unknown[];
    expect(last.slice(1)).toEqual(['合计', p.totals.planned, p.totals.done, `${(p.totals.share * 100).toFixed(1)}%`]);
  });

  it('answers 404 for a plan that does not exist', async () => {
    const res = await h.call('GET', '/api/inspection-progress/plans/999999', { cookie: city });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('检查计划不存在');
  });
});
