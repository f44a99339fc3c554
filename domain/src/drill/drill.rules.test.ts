import { describe, expect, it } from 'vitest';
import { addDaysToDate } from '../shared/time';
import {
  DEFAULT_DRILL_DUTIES,
  drillDateProblem,
  drillDuty,
  planResourceProblem,
  phasesProblem,
  requiredInterval,
  taskChangeProblem,
  type TEmergencyPlanDutyFacts,
} from './drill.rules';
import { attendanceColumns, passedOf, trainingCountsProblem, trainingTotals } from './training.rules';

const plan = (p: Partial<TEmergencyPlanDutyFacts>): TEmergencyPlanDutyFacts => ({
  level: 'city',
  kind: 'special',
  workSafety: false,
  highRisk: false,
  ...p,
});

describe('the required drill interval: the shortest duty that applies', () => {
  it.each([
    ['an enterprise comprehensive plan', plan({ level: 'enterprise', kind: 'overall' }), 12],
    ['an enterprise special plan', plan({ level: 'enterprise', kind: 'special' }), 12],
    ['an enterprise on-site disposal plan', plan({ level: 'enterprise', kind: 'onsite' }), 6],
    ['a high-risk enterprise’s comprehensive plan', plan({ level: 'enterprise', kind: 'overall', highRisk: true }), 6],
    ['a crowded venue’s special plan', plan({ level: 'enterprise', kind: 'special', highRisk: true }), 6],
    ['a city special plan on floods', plan({ level: 'city', kind: 'special' }), 36],
    ['a city special work-safety plan (fireworks)', plan({ level: 'city', kind: 'special', workSafety: true }), 24],
    ['a department plan', plan({ level: 'department', kind: 'department' }), 36],
    ['a department work-safety plan', plan({ level: 'department', kind: 'department', workSafety: true }), 24],
    ['a town plan (2 years under art. 8 even where a policy says 3)', plan({ level: 'town', kind: 'overall', workSafety: true }), 24],
    ['a town special plan on typhoons', plan({ level: 'town', kind: 'special' }), 36],
  ])('%s: %i months', (_label, facts, months) => {
    expect(requiredInterval(facts, DEFAULT_DRILL_DUTIES)?.months).toBe(months);
  });

  it('names no duty when no rule applies (a city on-site disposal plan)', () => {
    expect(requiredInterval(plan({ level: 'city', kind: 'onsite' }), DEFAULT_DRILL_DUTIES)).toBeNull();
  });

  it('gives the basis of the winning rule', () => {
    expect(requiredInterval(plan({ level: 'enterprise', kind: 'overall', highRisk: true }), DEFAULT_DRILL_DUTIES)?.basis).toContain(
      '第八条',
    );
  });

  it('follows a changed setting table', () => {
    const rules = [{ levels: ['city' as const], months: 12, basis: '本市规定' }, ...DEFAULT_DRILL_DUTIES];
    expect(requiredInterval(plan({ level: 'city', kind: 'special' }), rules)?.months).toBe(12);
  });
});

describe('next due and overdue at the interval’s last day', () => {
  it.each([
    // kind, months, last drill, last day of the interval
    ['enterprise comprehensive', 12, '2025-03-10', '2026-03-10'],
    ['enterprise on-site disposal', 6, '2025-08-31', '2026-02-28'],
    ['high-risk unit', 6, '2025-01-15', '2025-07-15'],
    ['government work-safety', 24, '2024-02-29', '2026-02-28'],
    ['city special / department', 36, '2022-11-05', '2025-11-05'],
  ])('%s (%i months from %s): due %s, on time that day, overdue the day after', (_kind, months, last, due) => {
    const p = { issuedOn: '2020-01-01', lastDrillOn: last, intervalMonths: months, status: 'in_force' as const };
    expect(drillDuty(p, due)).toEqual({ nextDueOn: due, overdue: false, daysLeft: 0 });
    const next = new Date(Date.parse(`${due}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(drillDuty(p, next)).toEqual({ nextDueOn: due, overdue: true, daysLeft: -1 });
  });

  it('counts a never-drilled plan from its issue date', () => {
    expect(drillDuty({ issuedOn: '2024-06-01', lastDrillOn: null, intervalMonths: 12, status: 'in_force' }, '2025-06-02').overdue).toBe(
      true,
    );
  });

  it('owes nothing for a repealed plan or a plan without a duty', () => {
    expect(drillDuty({ issuedOn: '2020-01-01', lastDrillOn: null, intervalMonths: 12, status: 'repealed' }, '2026-01-01')).toEqual({
      nextDueOn: null,
      overdue: false,
      daysLeft: null,
    });
    expect(drillDuty({ issuedOn: '2020-01-01', lastDrillOn: null, intervalMonths: null, status: 'in_force' }, '2026-01-01').overdue).toBe(
      false,
    );
  });
});

describe('drill and phase checks', () => {
  it('refuses a drill dated before its plan was issued, and accepts the issue day', () => {
    expect(drillDateProblem('2025-03-31', { issuedOn: '2025-04-01', name: '森林火灾应急预案' })).toContain(
      '早于预案《森林火灾应急预案》的发布日期',
    );
    expect(drillDateProblem('2025-04-01', { issuedOn: '2025-04-01', name: 'x' })).toBeNull();
  });

  it('refuses a phase ending before it starts, naming the phase; an instant end equal to start passes', () => {
    const ok = {
      name: '火情上报',
      plannedStart: '2025-11-20T09:00:00+08:00',
      plannedEnd: '2025-11-20T09:10:00+08:00',
      actualStart: null,
      actualEnd: null,
    };
    expect(phasesProblem([ok])).toBeNull();
    expect(
      phasesProblem([ok, { ...ok, name: '交通管制', actualStart: '2025-11-20T09:20:00+08:00', actualEnd: '2025-11-20T09:19:59+08:00' }]),
    ).toEqual({
      index: 1,
      message: '第 2 个环节“交通管制”的实际结束时间早于实际开始时间',
    });
    expect(phasesProblem([{ ...ok, plannedEnd: ok.plannedStart }])).toBeNull();
  });
});

describe('review tasks from open to sign-off', () => {
  const task = { state: 'open' as const, ownerId: 7 };
  it('completes with evidence only', () => {
    expect(taskChangeProblem(task, { action: 'complete', actorId: 7, evidence: '' })).toContain('完成证明');
    expect(taskChangeProblem(task, { action: 'complete', actorId: 7, evidence: '已修订交通管制方案' })).toBeNull();
  });
  it('is signed off by someone other than its owner, only once done', () => {
    expect(taskChangeProblem(task, { action: 'sign_off', actorId: 8 })).toContain('尚未提交完成');
    expect(taskChangeProblem({ ...task, state: 'done' }, { action: 'sign_off', actorId: 7 })).toContain('不能由责任人本人验收');
    expect(taskChangeProblem({ ...task, state: 'done' }, { action: 'sign_off', actorId: 8 })).toBeNull();
    expect(taskChangeProblem({ ...task, state: 'signed_off' }, { action: 'reject', actorId: 8 })).toContain('已销号');
  });
});

describe('training counts', () => {
  const zero = { officers: 0, principals: 0, safetyManagers: 0, sanfangStaff: 0, publicPeople: 0, passed: null };
  it('refuses an empty session and more passed than attended', () => {
    expect(trainingCountsProblem(zero)).toContain('不能为 0');
    expect(trainingCountsProblem({ ...zero, principals: 30, passed: 31 })).toContain('不能多于参训人数合计（30）');
    expect(trainingCountsProblem({ ...zero, principals: 30, passed: 30 })).toBeNull();
  });
  it('totals equal the sums of the rows', () => {
    const rows = [
      { ...zero, officers: 40, passed: 38 },
      { ...zero, principals: 35, safetyManagers: 5, passed: null },
      { ...zero, sanfangStaff: 750, passed: 750 },
    ];
    expect(trainingTotals(rows)).toEqual({
      sessions: 3,
      participants: 830,
      passed: 788,
      officers: 40,
      principals: 35,
      safetyManagers: 5,
      sanfangStaff: 750,
      publicPeople: 0,
    });
  });
});

describe('attendance sheet columns', () => {
  it('finds known headers', () => {
    expect(attendanceColumns(['序号', '姓名', '工作单位', '考核结果'])).toEqual({
      columns: { name: 1, unit: 2, passed: 3 },
      missing: [],
      problem: null,
    });
  });
  it('shows what it found when the name column is unknown, and takes the user’s mapping', () => {
    const r = attendanceColumns(['学员', '公司']);
    expect(r.missing).toEqual(['name']);
    expect(r.problem).toBe('签到表中没有找到“姓名”列（找到的列：学员、公司），请指定各列对应的内容');
    expect(attendanceColumns(['学员', '公司'], { name: '学员', unit: '公司' }).columns).toEqual({ name: 0, unit: 1 });
    expect(attendanceColumns(['学员'], { name: '学生' }).problem).toContain('列“学生”在表头中不存在');
  });
  it.each([
    ['合格', true],
    ['不合格', false],
    ['59', false],
    ['60', true],
    ['', null],
    ['缺考?', null],
  ])('reads %s as %s', (v, expected) => {
    expect(passedOf(v)).toBe(expected);
  });
});

describe('linking a warehouse or shelter to a plan', () => {
  const town = { divisionCode: '442000106', name: '东区避难场所' };
  const city = { divisionCode: '4420', name: '市应急物资储备库' };
  it.each([
    ['a city officer, a town shelter', { role: 'bureau_officer', divisionCode: '4420' }, town, null],
    ['a city officer, the city warehouse', { role: 'bureau_officer', divisionCode: '4420' }, city, null],
    ['a town officer, his own town', { role: 'town_officer', divisionCode: '442000106' }, town, null],
    ['a town officer, another town', { role: 'town_officer', divisionCode: '442000107' }, town, '不在您的管辖范围内'],
    ['a town officer, the city warehouse', { role: 'town_officer', divisionCode: '442000106' }, city, '不在您的管辖范围内'],
    ['an enterprise user', { role: 'enterprise_user', divisionCode: '442000106' }, town, '企业用户不能关联'],
    ['a resource that does not exist', { role: 'bureau_officer', divisionCode: '4420' }, undefined, '不存在'],
  ])('%s', (_name, actor, resource, problem) => {
    const got = planResourceProblem(actor, 'shelter', resource);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });
});

describe('each plan kind, from the setting table to overdue on the day after the interval’s last day', () => {
  const last = '2025-08-31';
  it.each([
    ['总体预案 of a town, work safety', plan({ level: 'town', kind: 'overall', workSafety: true }), '2027-08-31'],
    ['专项预案 of the city', plan({ level: 'city', kind: 'special' }), '2028-08-31'],
    ['部门预案', plan({ level: 'department', kind: 'department' }), '2028-08-31'],
    ['现场处置方案 of a firm', plan({ level: 'enterprise', kind: 'onsite' }), '2026-02-28'],
    ['重点单位预案', plan({ level: 'enterprise', kind: 'key_unit' }), '2026-08-31'],
    ['重点单位预案 of a crowded venue', plan({ level: 'enterprise', kind: 'key_unit', highRisk: true }), '2026-02-28'],
  ])('%s: due %s', (_label, facts, due) => {
    const intervalMonths = requiredInterval(facts, DEFAULT_DRILL_DUTIES)!.months;
    const p = { issuedOn: '2020-01-01', lastDrillOn: last, intervalMonths, status: 'in_force' as const };
    expect(drillDuty(p, addDaysToDate(due, -1))).toEqual({ nextDueOn: due, overdue: false, daysLeft: 1 });
    expect(drillDuty(p, due)).toEqual({ nextDueOn: due, overdue: false, daysLeft: 0 });
    expect(drillDuty(p, addDaysToDate(due, 1))).toEqual({ nextDueOn: due, overdue: true, daysLeft: -1 });
  });
});
