import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { CITY } from '../../../../test/harness';
import { allPages, expectInOrder, keyWithId } from '../../../../test/list-order';
import {
  ID_NUMBER,
  act,
  caseBody,
  docxText,
  firm,
  get,
  h,
  ids,
  investigating,
  ok,
  post,
  s,
  setClock,
  setUpCases,
  snapshot,
  unitFine,
} from '../../../../test/case-fixtures';

beforeAll(setUpCases);
afterAll(() => h.close());

describe('events of a case (case.filed, case.penalty_decided)', () => {
  it('puts the filing and the decided penalty on the firm’s timeline and records the penalty with the risk rules', async () => {
    await setClock('2026-03-25T02:00:00Z');
    const id = await investigating();
    const c = await ok(post(s.officerA, '/api/cases', caseBody({ procedure: 'simple', person: null })));
    await ok(
      act(s.officerA, c.case.id, 'decide-on-spot', {
        decidedOn: '2026-03-25',
        violation: { code: 'SAFL-99', target: 'unit', circumstance: 'minor', fineFen: 200_000 },
      }),
    );
    const timeline = (await ok(get(s.officerA, `/api/enterprises/${firm}`))).timeline as {
      module: string;
      kind: string;
      summary: string;
      ref: string;
    }[];
    expect(timeline).toContainEqual(
      expect.objectContaining({
        module: 'case',
        kind: 'filing',
        ref: `case:${id}`,
        summary: expect.stringContaining('行政处罚立案（坦洲应急立〔2026〕'),
      }),
    );
    expect(timeline).toContainEqual(
      expect.objectContaining({
        module: 'case',
        kind: 'penalty',
        ref: `case:${c.case.id}`,
        summary: expect.stringContaining('行政处罚：当场罚款 2,000 元（坦洲应急罚〔2026〕'),
      }),
    );
    const events = await queryRows<{ kind: string; module: string }>(
      h.db,
      sql`SELECT kind, module FROM risk_events WHERE ref = ${`case:${c.case.id}`}`,
    );
    expect(events).toEqual([{ kind: 'penalty', module: 'case' }]);
  });
});

describe('询问笔录', () => {
  it('records an interview with a number and generates it as Word; refused once the investigation ended', async () => {
    await setClock('2026-03-26T02:00:00Z');
    const id = await investigating();
    const body = {
      askedOn: '2026-03-26',
      place: '坦洲镇应急办询问室',
      interviewee: { name: '王五', idNumber: ID_NUMBER, position: '主要负责人' },
      questions: [{ question: '仓库为何未设置安全警示标志？', answer: '标志损坏后未及时更换。' }],
    };
    const res = await post(s.officerA, `/api/cases/${id}/inquiries`, body);
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json().documents.find((d: { kind: string }) => d.kind === 'inquiry');
    expect(doc.number).toMatch(/^坦洲应急询〔2026〕\d+号$/);
    const text = await docxText((await h.call('GET', `/api/cases/${id}/documents/${doc.id}`, { cookie: s.officerB })).rawPayload);
    expect(text).toContain('问：仓库为何未设置安全警示标志？');
    expect(text).toContain('答：标志损坏后未及时更换。');
    expect(text).toContain('询问笔录');
    await ok(act(s.officerA, id, 'propose', unitFine(1_000_000)));
    const late = await post(s.officerA, `/api/cases/${id}/inquiries`, body);
    expect(late.statusCode).toBe(422);
    expect(late.json().message).toContain('调查取证已终结');
  });
});

describe('separation of duties and scope', () => {
  it('refuses a legal reviewer who investigated the case (回避); nothing changes', async () => {
    await setClock('2026-04-01T02:00:00Z');
    const id = await investigating({ divisionCode: CITY, officerIds: [ids.cityOfficer, ids.reviewerOfficer] }, s.cityOfficer);
    await ok(act(s.cityOfficer, id, 'propose', { ...unitFine(4_000_000, 'grave') }));
    await ok(act(s.cityOfficer, id, 'request-legal-review'));
    const before = await snapshot(id);
    const res = await act(s.reviewerOfficer, id, 'legal-review', { result: 'pass', opinion: '同意' });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('法制审核人员不能是本案调查人员（行政处罚法第四十三条回避、第五十八条法制审核）');
    expect(await snapshot(id)).toEqual(before);
  });

  it('a hearing chaired by an officer of the case is refused; after the hearing the record is reviewed and deliberated again (arts. 58, 65)', async () => {
    await setClock('2026-04-01T02:00:00Z');
    const id = await investigating({ violationCodes: ['SAFL-99'] });
    // 15,000 yuan on the responsible person (art. 99, second tier): 较大数额 (≥ 5,000 for a 公民), and deliberated (bureau rule)
    await ok(
      act(s.officerA, id, 'propose', {
        findings: '经查，逾期未改正。',
        violations: [{ code: 'SAFL-99', target: 'person', tier: 2, circumstance: 'general', fineFen: 1_500_000 }],
        order: {
          orderNo: '坦洲应急责改〔2026〕9号',
          orderedOn: '2026-02-02',
          deadline: '2026-02-20',
          recheckedOn: '2026-02-24',
          recheckUnmet: true,
        },
      }),
    );
    await ok(act(s.officerA, id, 'request-legal-review'));
    await ok(act(s.reviewer, id, 'legal-review', { result: 'pass', opinion: '同意' }));
    await ok(act(s.officerA, id, 'request-deliberation'));
    await ok(
      act(s.leader, id, 'deliberate', {
        result: 'agree',
        heldOn: '2026-04-01',
        participants: ['局长', '副局长', '法规科长'],
        conclusion: '同意',
      }),
    );
    await ok(act(s.officerA, id, 'notify', { notifiedOn: '2026-04-01' }));
    await ok(act(s.officerA, id, 'request-hearing', { requestedOn: '2026-04-01' }));
    const bad = await act(s.officerA, id, 'schedule-hearing', { hearingOn: '2026-04-10', chairId: ids.b, place: '镇政府会议室' });
    expect(bad.json().message).toContain('第六十四条第四项');
    // scheduled on Wednesday 04-01: seven working days skip the Qingming holiday (04-04…04-06), so Friday 04-10 is too soon
    const early = await act(s.officerA, id, 'schedule-hearing', { hearingOn: '2026-04-10', chairId: ids.chair, place: '镇政府会议室' });
    expect(early.json().message).toContain(
      '7 个工作日前通知当事人（行政处罚法第六十四条第二项、第八十五条），2026-04-01 通知的听证最早 2026-04-13 举行',
    );
    await ok(act(s.officerA, id, 'schedule-hearing', { hearingOn: '2026-04-13', chairId: ids.chair, place: '镇政府会议室' }));

    await setClock('2026-04-14T02:00:00Z');
    const record = '当事人称已更换警示标志，请求从轻处罚；调查人员出示了复查意见书。';
    const heard = await ok(act(s.officerA, id, 'conclude-hearing', { heldOn: '2026-04-13', summary: record }));
    expect(heard.case).toMatchObject({ stage: 'legal_review', legalReviewPassedAt: null, deliberatedAt: null, hearingRecord: record });
    // the legal reviewer's queue holds the case again
    const queue = await ok(get(s.reviewer, '/api/cases?reviewable=true&pageSize=100'));
    expect(queue.items.map((c: { id: number }) => c.id)).toContain(id);

    const before = await snapshot(id);
    const unreviewed = await act(s.leader, id, 'decide', { decidedOn: '2026-04-14', outcome: 'penalty' });
    expect(unreviewed.statusCode).toBe(422);
    expect(unreviewed.json().message).toContain('听证已于 2026-04-13 结束，须根据听证笔录再次进行法制审核');
    expect(await snapshot(id)).toEqual(before);
    await ok(act(s.reviewer, id, 'legal-review', { result: 'pass', opinion: '听证笔录已审，维持原处罚意见' }));
    const undeliberated = await act(s.leader, id, 'decide', { decidedOn: '2026-04-14', outcome: 'penalty' });
    expect(undeliberated.json().message).toContain('听证结束后，须根据听证笔录再次由行政机关负责人集体讨论');
    await ok(act(s.officerA, id, 'request-deliberation'));
    await ok(
      act(s.leader, id, 'deliberate', {
        result: 'agree',
        heldOn: '2026-04-14',
        participants: ['局长', '副局长', '法规科长'],
        conclusion: '维持',
      }),
    );
    // art. 45: the party argued at the hearing, so no heavier fine than notified
    const heavier = await act(s.leader, id, 'decide', {
      decidedOn: '2026-04-14',
      outcome: 'penalty',
      fines: [{ code: 'SAFL-99', target: 'person', fineFen: 1_600_000 }],
    });
    expect(heavier.json().message).toContain('第四十五条');
    const decided = await ok(act(s.leader, id, 'decide', { decidedOn: '2026-04-14', outcome: 'penalty' }));
    expect(decided.case).toMatchObject({ stage: 'decided', fineDecidedFen: 1_500_000 });
    // both rounds stay in the case's history
    expect(decided.events.filter((e: { action: string }) => e.action === 'legal_review')).toHaveLength(2);
  });

  it('another town neither sees nor acts on the case', async () => {
    const id = await investigating();
    expect((await get(s.xiaolan, `/api/cases/${id}`)).statusCode).toBe(404);
    expect((await get(s.xiaolan, '/api/cases')).json().total).toBe(0);
    expect((await get(s.officerA, '/api/cases')).json().total).toBeGreaterThan(0);
    const other = await act(s.xiaolan, id, 'propose', unitFine(1_000_000));
    expect(other.statusCode).toBe(404);
  });

  it('lists overdue cases by the clock computed on read', async () => {
    const first = await get(s.officerA, '/api/cases?clock=overdue');
    expect(first.statusCode, first.body).toBe(200);
    const overdueBefore = first.json().total;
    await setClock('2026-07-15T02:00:00Z');
    const overdue = (await get(s.officerA, '/api/cases?clock=overdue&open=true')).json();
    expect(overdue.total).toBeGreaterThan(overdueBefore);
    expect(overdue.items[0].clocks[0]).toMatchObject({ kind: 'decision', state: 'overdue' });
    const stages = (await get(s.leader, '/api/cases/stages')).json();
    expect(stages.find((x: { stage: string }) => x.stage === 'investigating')).toMatchObject({ overdue: expect.any(Number) });
  });

  it('asks the service clock in working days in the list as on the case (decided 09-30: seven working days end 10-15)', async () => {
    const id = await investigating({ violationCodes: ['SAFL-99'] });
    // a decision not yet served, decided the day before National Day
    await h.db.execute(sql`UPDATE cases SET stage = 'decided', decided_on = '2026-09-30', served_on = NULL WHERE id = ${id}`);
    const listed = async (clock: string) =>
      ((await get(s.officerA, `/api/cases?clock=${clock}&stage=decided&pageSize=200`)).json().items as { id: number }[]).some(
        (c) => c.id === id,
      );
    const service = async () =>
      ((await get(s.officerA, `/api/cases/${id}`)).json().case.clocks as { kind: string; state: string; dueOn: string }[]).find(
        (c) => c.kind === 'service',
      );
    for (const [today, state, dueSoon, overdue] of [
      ['2026-10-07T02:00:00Z', 'due_soon', false, false], // 8 days left: outside the 7-day window
      ['2026-10-08T02:00:00Z', 'due_soon', true, false],
      ['2026-10-15T02:00:00Z', 'due_soon', true, false], // the last day (calendar days would have ended 10-07)
      ['2026-10-16T02:00:00Z', 'overdue', false, true],
    ] as const) {
      await setClock(today);
      const clock = await service();
      expect(clock?.dueOn, today).toBe('2026-10-15');
      if (dueSoon || overdue) expect(clock?.state, today).toBe(state);
      expect(await listed('due_in_7_days'), today).toBe(dueSoon);
      expect(await listed('overdue'), today).toBe(overdue);
    }
  });
});

describe('the case list’s order', () => {
  type TItem = {
    id: number;
    stage: string;
    partyName: string;
    divisionCode: string;
    filedOn: string | null;
    decisionDueOn: string | null;
    decidedOn: string | null;
  };
  const all = (query: string, pageSize = 200) => allPages<TItem>(h, s.leader, `/api/cases?${query}`, pageSize);
  const key = (i: TItem, ...parts: string[]) => keyWithId(i.id, ...parts);
  const inOrder = expectInOrder;
  const awaitingDecision = (i: TItem) => i.decidedOn === null && i.decisionDueOn !== null && !['closed', 'withdrawn'].includes(i.stage);

  it('sorts by decision deadline (cases awaiting a decision first), filing date, party and town, both ways', async () => {
    // three more cases with their 90-day clocks ending on different days
    for (const due of ['2026-08-01', '2026-06-20', '2026-07-10']) {
      const id = await investigating();
      await h.db.execute(sql`UPDATE cases SET decision_due_on = ${due} WHERE id = ${id}`);
    }
    const everything = await all('');
    expect(everything.filter(awaitingDecision).length).toBeGreaterThanOrEqual(3);
    expect(everything.some((i) => !awaitingDecision(i))).toBe(true);
    for (const order of ['asc', 'desc'] as const) {
      const byDeadline = await all(`sort=deadline&order=${order}`);
      const firstOther = byDeadline.findIndex((i) => !awaitingDecision(i));
      expect(byDeadline.slice(firstOther).some(awaitingDecision)).toBe(false);
      inOrder(
        byDeadline.filter(awaitingDecision).map((i) => key(i, i.decisionDueOn!)),
        order,
      );
      inOrder(
        (await all(`sort=party&order=${order}`)).map((i) => key(i, i.partyName)),
        order,
      );
      inOrder(
        (await all(`sort=town&order=${order}`)).map((i) => i.divisionCode),
        order,
      );
      const byFiling = (await all(`sort=filedOn&order=${order}`)).filter((i) => i.filedOn !== null);
      inOrder(
        byFiling.map((i) => key(i, i.filedOn!)),
        order,
      );
    }
    // ascending, the nearest decision deadline is on top
    expect((await all('sort=deadline&order=asc'))[0]!.decisionDueOn).toBe(
      everything
        .filter(awaitingDecision)
        .map((i) => i.decisionDueOn!)
        .sort()[0],
    );
  });

  it('pages in any order neither repeat nor skip a case; a wrong sort is refused in Chinese', async () => {
    for (const sort of ['filedOn', 'deadline', 'party', 'town']) {
      const whole = (await all(`sort=${sort}&order=asc`)).map((i) => i.id);
      expect((await all(`sort=${sort}&order=asc`, 2)).map((i) => i.id)).toEqual(whole);
    }
    const bad = await get(s.leader, '/api/cases?sort=password');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('排序字段不正确');
  });
});
