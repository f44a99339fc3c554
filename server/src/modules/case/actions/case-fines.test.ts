import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { accidents, hazards, hazardTransitions } from '../../../db/schema/index';
import { TOWNS } from '../../../../test/harness';
import { act, docxText, firm, get, h, investigating, ok, s, setUpCases, snapshot } from '../../../../test/case-fixtures';

// 安全生产法 fine tiers (责令限期改正 / 逾期未改正), art. 114 by accident grade, 行政处罚法 arts. 32–33 (issue 14 items 2–4).
beforeAll(setUpCases);
afterAll(() => h.close());

const W = 1_000_000; // 1 万元 in fen
const findings = '经查，该单位逾期未改正。';

async function orderedHazard(): Promise<number> {
  const at = (d: string) => `${d}T02:00:00Z`;
  const [hz] = await h.db
    .insert(hazards)
    .values({
      enterpriseId: firm,
      divisionCode: TOWNS.tanzhou,
      source: 'inspection',
      category: 'management',
      level: 'general',
      description: '仓库未设置安全警示标志',
      location: '一号仓库',
      foundOn: '2026-02-02',
      foundBy: '张三',
      responsiblePerson: '王五',
      deadline: '2026-03-10',
      state: 'rectifying',
      orderNo: '坦洲应急责改〔2026〕7号',
      orderedAt: at('2026-02-02'),
      createdAt: at('2026-02-02'),
      updatedAt: at('2026-02-24'),
    })
    .returning();
  // ordered with 02-20; the 复查 of 02-24 found it unmet and set 03-10
  await h.db.insert(hazardTransitions).values([
    { hazardId: hz!.id, action: 'order', fromState: 'found', toState: 'ordered', deadline: '2026-02-20', at: at('2026-02-02') },
    { hazardId: hz!.id, action: 'submit', fromState: 'rectifying', toState: 'submitted', at: at('2026-02-19') },
    {
      hazardId: hz!.id,
      action: 'recheck_fail',
      fromState: 'submitted',
      toState: 'rectifying',
      note: '警示标志仍未设置',
      deadline: '2026-03-10',
      at: at('2026-02-24'),
    },
  ]);
  return hz!.id;
}

describe('the catalogue shipped wrongly is corrected once', () => {
  it('gives art. 99 its tiers, keeps the bureau band inside the law, moves person bands to tier 2, audits, and only once', async () => {
    const [row] = await queryRows<{ id: number }>(h.db, sql`SELECT id FROM case_violations WHERE code = 'SAFL-99'`);
    const id = row!.id;
    // the database as the earlier release left it: persons fined in tier 1, no tier 2, one band edited by the bureau
    await h.db.execute(sql`UPDATE case_violations SET person_min_fen = ${W}, person_max_fen = ${2 * W}, tier2 = NULL WHERE id = ${id}`);
    await h.db.execute(sql`UPDATE case_violations SET unit_max_fen = ${2000 * W}, unit_min_fen = ${30 * W} WHERE code = 'SAFL-114'`);
    // a bureau that had narrowed a statutory range: corrected all the same (the range is the law's)
    await h.db.execute(
      sql`UPDATE case_violations SET person_min_fen = ${2 * W}, person_max_fen = ${4 * W}, tier2 = NULL WHERE code = 'SAFL-97'`,
    );
    await h.db.execute(sql`DELETE FROM case_discretion_bands WHERE violation_id = ${id}`);
    await h.db.execute(sql`INSERT INTO case_discretion_bands (violation_id, target, circumstance, min_fen, max_fen, description) VALUES
      (${id}, 'unit', 'minor', 0, ${0.5 * W}, '本局：轻微'),
      (${id}, 'unit', 'general', ${W}, ${2.5 * W}, ''),
      (${id}, 'person', 'general', ${1.2 * W}, ${1.4 * W}, '本局：个人一般')`);

    expect(await h.services.modules.case.ensureCatalogue()).toEqual({ violations: 0, corrected: 3 });
    const list = await ok(get(s.leader, '/api/case-violations'));
    const v99 = list.find((v: { code: string }) => v.code === 'SAFL-99');
    expect(v99).toMatchObject({
      unitRange: { minFen: 0, maxFen: 5 * W },
      personRange: null,
      tier2: { unitRange: { minFen: 5 * W, maxFen: 20 * W }, personRange: { minFen: W, maxFen: 2 * W } },
    });
    const band = (tier: number, target: string, c: string) =>
      v99.bands.find(
        (b: { tier: number; target: string; circumstance: string }) => b.tier === tier && b.target === target && b.circumstance === c,
      );
    expect(band(1, 'unit', 'minor')).toMatchObject({ minFen: 0, maxFen: 0.5 * W, description: '本局：轻微' });
    expect(band(2, 'person', 'general')).toMatchObject({ minFen: 1.2 * W, maxFen: 1.4 * W, description: '本局：个人一般' });
    expect(band(2, 'unit', 'grave')).toMatchObject({ minFen: 17 * W, maxFen: 20 * W });
    expect(band(1, 'person', 'general')).toBeUndefined();
    expect(list.find((v: { code: string }) => v.code === 'SAFL-114').unitRange).toEqual({ minFen: 30 * W, maxFen: 10_000 * W });
    expect(list.find((v: { code: string }) => v.code === 'SAFL-97')).toMatchObject({
      personRange: null,
      tier2: { unitRange: { minFen: 10 * W, maxFen: 20 * W }, personRange: { minFen: 2 * W, maxFen: 5 * W } },
    });
    const audit = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'case_violation' AND entity_id = ${String(id)} AND actor_name = '系统'`,
    );
    expect(audit[0]!.n).toBe(1);
    expect(await h.services.modules.case.ensureCatalogue()).toEqual({ violations: 0, corrected: 0 });
  });

  it('refuses an edit of the statutory ranges and two bands for the same tier, target and circumstance', async () => {
    const list = await ok(get(s.leader, '/api/case-violations'));
    const { id: _id, ...v99 } = list.find((v: { code: string }) => v.code === 'SAFL-99');
    const officer = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
    const put = (body: unknown) => h.call('PUT', '/api/case-violations', { cookie: officer, body });
    const person = await put({ ...v99, personRange: { minFen: W, maxFen: 2 * W } });
    expect(person.statusCode).toBe(400);
    expect(person.json().message).toBe('《安全生产法》第九十九条的法定罚款幅度以法律规定为准，不能修改（可调整裁量基准）');
    const twice = await put({ ...v99, bands: [...v99.bands, v99.bands[0]] });
    expect(twice.json()).toMatchObject({ field: 'bands', message: '同一档次、处罚对象和违法情节只能设置一个裁量档次' });
    expect((await put(v99)).statusCode).toBe(200);
  });
});

describe('tier 2 needs the order found unmet at a 复查', () => {
  it('prefills the order and 复查 from the source hazard; refuses a tier-2 fine without them; keeps its own record', async () => {
    const hazardId = await orderedHazard();
    const id = await investigating({ sourceKind: 'hazard', sourceRef: hazardId });
    const detail = await ok(get(s.officerA, `/api/cases/${id}`));
    expect(detail.case.sourceOrder).toEqual({
      orderNo: '坦洲应急责改〔2026〕7号',
      orderedOn: '2026-02-02',
      deadline: '2026-02-20',
      recheckedOn: '2026-02-24',
      recheckUnmet: true,
      recheckNote: '警示标志仍未设置',
    });
    expect(detail.case.order).toBeNull();
    const before = await snapshot(id);
    const tier2 = { code: 'SAFL-99', target: 'unit', tier: 2, circumstance: 'grave', fineFen: 20 * W };
    const refused = await act(s.officerA, id, 'propose', { findings, violations: [tier2] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toBe(
      '《安全生产法》第九十九条：对单位处第二档罚款须以逾期未改正为前提，请先登记责令限期改正指令及复查情况（未登记责令限期改正指令书）',
    );
    const onDeadline = await act(s.officerA, id, 'propose', {
      findings,
      violations: [tier2],
      order: { ...detail.case.sourceOrder, recheckedOn: '2026-02-20' },
    });
    expect(onDeadline.json().message).toContain('不能认定逾期未改正');
    expect(await snapshot(id)).toEqual(before);

    const person = { code: 'SAFL-99', target: 'person', tier: 2, circumstance: 'grave', fineFen: 2 * W };
    const proposed = await ok(act(s.officerA, id, 'propose', { findings, violations: [tier2, person], order: detail.case.sourceOrder }));
    expect(proposed.case).toMatchObject({ stage: 'proposed', order: detail.case.sourceOrder, fineDecidedFen: 0 });
    expect(proposed.violations).toEqual([
      expect.objectContaining({ target: 'person', tier: 2, statutoryRange: { minFen: W, maxFen: 2 * W }, proposedFineFen: 2 * W }),
      expect.objectContaining({ target: 'unit', tier: 2, statutoryRange: { minFen: 5 * W, maxFen: 20 * W }, proposedFineFen: 20 * W }),
    ]);
  });
});

describe('安全生产法 art. 114', () => {
  it('takes the grade from the accident record, refuses another one, allows 2–5 times when aggravated', async () => {
    const [acc] = await h.db
      .insert(accidents)
      .values({
        kind: 'accident',
        title: '仓库坍塌事故',
        enterpriseId: firm,
        divisionCode: TOWNS.tanzhou,
        place: '一号仓库',
        occurredAt: '2026-02-10T02:00:00Z',
        occurredOn: '2026-02-10',
        knownAt: '2026-02-10T02:30:00Z',
        summary: '仓库货架坍塌',
        deaths: 1,
        grade: 'general',
        followUpLastDay: '2026-03-12',
        createdAt: '2026-02-10T02:30:00Z',
        updatedAt: '2026-02-10T02:30:00Z',
      })
      .returning();
    const id = await investigating({ sourceKind: 'accident', sourceRef: acc!.id, violationCodes: ['SAFL-114'], occurredOn: '2026-02-10' });
    expect((await ok(get(s.officerA, `/api/cases/${id}`))).case.sourceAccidentGrade).toBe('general');
    const fine = (fineFen: number) => ({ findings, violations: [{ code: 'SAFL-114', target: 'unit', circumstance: 'grave', fineFen }] });
    const typed = await act(s.officerA, id, 'propose', { ...fine(150 * W), accident: { grade: 'larger', aggravated: false } });
    expect(typed.statusCode).toBe(422);
    expect(typed.json().message).toContain('事故等级以事故记录为准（一般事故）');
    const over = await act(s.officerA, id, 'propose', fine(100 * W + 1));
    expect(over.json().message).toContain('最高 1,000,000 元');
    const aggravated = await ok(act(s.officerA, id, 'propose', { ...fine(500 * W), accident: { grade: 'general', aggravated: true } }));
    expect(aggravated.case).toMatchObject({ accidentGrade: 'general', accidentAggravated: true });
    expect(aggravated.violations[0]).toMatchObject({ statutoryRange: { minFen: 60 * W, maxFen: 500 * W }, proposedFineFen: 500 * W });

    // the accident's page lists the cases opened from it, within the reader's scope (issue 14)
    const other = await investigating({ violationCodes: ['SAFL-109'] });
    const byAccident = await ok(get(s.officerA, `/api/cases?accidentId=${acc!.id}`));
    expect(byAccident.items.map((c: { id: number }) => c.id)).toEqual([id]);
    expect(byAccident.total).toBe(1);
    expect(byAccident.items.map((c: { id: number }) => c.id)).not.toContain(other);
    expect((await ok(get(s.xiaolan, `/api/cases?accidentId=${acc!.id}`))).items).toEqual([]);
    const bad = await get(s.officerA, '/api/cases?accidentId=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('事故编号应为正整数');
  });
});

describe('减轻处罚 (art. 32) and 不予处罚 (art. 33) need their ground', () => {
  it('refuses a fine below the minimum without an art. 32 ground; with it the case goes to legal review showing it', async () => {
    const id = await investigating({ violationCodes: ['SAFL-109'] });
    const line = { code: 'SAFL-109', target: 'unit', circumstance: 'minor', fineFen: 4 * W };
    const refused = await act(s.officerA, id, 'propose', { findings, violations: [line] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('低于法定最低额，属减轻处罚，须记录《行政处罚法》第三十二条规定的减轻情形');
    const reduced = await ok(act(s.officerA, id, 'propose', { findings, violations: [{ ...line, reductionGround: 'eliminated_harm' }] }));
    expect(reduced.violations[0]).toMatchObject({ reductionGround: 'eliminated_harm', statutoryRange: { minFen: 5 * W, maxFen: 10 * W } });
    expect(reduced.case.legalReviewRequired).toBe(true);
    expect(reduced.case.legalReviewReasons).toContain('减轻处罚，罚款低于法定最低额（第三十二条、第五十八条第一款第四项）');
  });

  it('refuses 不予处罚 without its ground or before legal review; reviewed, it is decided with its ground', async () => {
    const id = await investigating();
    const refused = await act(s.leader, id, 'decide', { decidedOn: '2026-03-02', outcome: 'no_penalty' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('行政处罚法第三十三条');
    const unreviewed = await act(s.leader, id, 'decide', { decidedOn: '2026-03-02', outcome: 'no_penalty', noPenaltyGround: 'no_fault' });
    expect(unreviewed.json().message).toBe(
      '不予行政处罚决定须先经法制审核（行政处罚法第三十三条、第五十八条，本局规定），请先提交法制审核',
    );
    await ok(act(s.officerA, id, 'request-legal-review', { note: '当事人有证据证明没有主观过错，拟不予处罚' }));
    await ok(act(s.reviewer, id, 'legal-review', { result: 'pass', opinion: '证据足以证明没有主观过错，同意不予处罚' }));
    const notice = await act(s.officerA, id, 'notify', { notifiedOn: '2026-03-02' });
    expect(notice.json().message).toContain('尚未提出处罚意见');
    const decided = await ok(act(s.leader, id, 'decide', { decidedOn: '2026-03-02', outcome: 'no_penalty', noPenaltyGround: 'no_fault' }));
    expect(decided.case).toMatchObject({ stage: 'decided', decisionOutcome: 'no_penalty', noPenaltyGround: 'no_fault' });
    const doc = decided.documents.find((x: { kind: string }) => x.kind === 'decision');
    const text = await docxText((await h.call('GET', `/api/cases/${id}/documents/${doc.id}`, { cookie: s.leader })).rawPayload);
    expect(text).toContain('不予行政处罚决定书');
    expect(text).toContain(
      '你（单位）有证据足以证明没有主观过错，根据《中华人民共和国行政处罚法》第三十三条第二款的规定，决定不予行政处罚。',
    );
  });
});
