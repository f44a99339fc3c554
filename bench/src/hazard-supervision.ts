import { addDaysToDate } from '@yingji/domain';
import { at, personName, YEARS, type THazardCity } from './hazard-data';
import type { THazardTimelines } from './hazard-timeline';

/**
 * Listed supervision (挂牌督办): four towns (two last year, lifted; two this year, active) and some major hazards, with
 * 约谈, 提醒函 and a resumption request and review. Marks the open listed hazards as supervised.
 */
export function listSupervisions(
  c: THazardCity,
  t: Pick<THazardTimelines, 'hazardRows' | 'openMajor' | 'closedMajor'>,
): { supervisionRows: Record<string, unknown>[]; actionRows: Record<string, unknown>[] } {
  const { ctx, random, city, today, last, thisYear, scale, ids, towns, cityName, townName, bureauOfficer } = c;
  const { hazardRows, openMajor, closedMajor } = t;
  const supervisionRows: Record<string, unknown>[] = [];
  const actionRows: Record<string, unknown>[] = [];
  const cityTitle = cityName.get(city) ?? '';
  const lister = bureauOfficer;
  const act = (
    supervisionId: number,
    kind: string,
    on: string,
    note: string,
    extra: { passed?: boolean; reviewDueOn?: string; requestId?: number } = {},
  ) => {
    const actionId = ++ids.action;
    actionRows.push({
      id: actionId,
      supervisionId,
      kind,
      on,
      note,
      passed: extra.passed ?? null,
      reviewDueOn: extra.reviewDueOn ?? null,
      requestId: extra.requestId ?? null,
      actor: lister,
      at: at(on, 150),
    });
    return actionId;
  };
  const listedTowns = [...towns]
    .map((code) => ({ code, k: random.next() }))
    .sort((x, y) => x.k - y.k)
    .slice(0, 4)
    .map((x) => x.code);
  listedTowns.forEach((town, i) => {
    const sid = ++ids.supervision;
    const lifted = i < 2;
    const listedOn = lifted ? `${thisYear - 1}-0${3 + i * 2}-15` : addDaysToDate(last, -random.int(40, 120));
    const liftedOn = lifted ? addDaysToDate(listedOn, random.int(120, 200)) : null;
    supervisionRows.push({
      id: sid,
      target: 'town',
      hazardId: null,
      divisionCode: town,
      supervisingBody: `${cityTitle}安全生产委员会办公室`,
      leaderName: personName(random),
      deadline: lifted ? addDaysToDate(listedOn, 180) : addDaysToDate(today, random.int(30, 90)),
      reason: `${townName.get(town) ?? town}安全生产形势严峻，事故起数和死亡人数同比上升，重大事故隐患整改不力，实施挂牌督办`,
      status: lifted ? 'lifted' : 'active',
      liftedBy: lifted ? lister : null,
      liftedAt: liftedOn ? at(liftedOn, 180) : null,
      liftNote: lifted ? '督办事项已整改落实，经评估同意摘牌' : null,
      createdBy: lister,
      createdAt: at(listedOn, 60),
    });
    act(
      sid,
      'interview',
      addDaysToDate(listedOn, random.int(3, 10)),
      `约谈${townName.get(town) ?? ''}党政主要负责人，通报安全生产形势，提出整改要求`,
    );
    act(sid, 'reminder_letter', addDaysToDate(listedOn, random.int(12, 30)), '发出安全风险提醒函，督促落实属地管理责任');
  });
  // Major hazards: about ten a year were listed and lifted after their sign-off; a few open ones are listed now.
  const listedClosed = closedMajor.filter(() => random.chance(Math.min(1, (10 * YEARS * scale) / Math.max(1, closedMajor.length))));
  const listedOpen = openMajor.filter((h) => h.foundOn < addDaysToDate(last, -20)).slice(-6);
  for (const h of [...listedClosed, ...listedOpen]) {
    const sid = ++ids.supervision;
    const closed = 'closedOn' in h;
    const listedOn = addDaysToDate(h.foundOn, random.int(1, 4));
    supervisionRows.push({
      id: sid,
      target: 'hazard',
      hazardId: h.id,
      divisionCode: h.firm.division_code,
      supervisingBody: `${cityTitle}应急管理局`,
      leaderName: personName(random),
      deadline: closed ? addDaysToDate(listedOn, 90) : addDaysToDate([h.deadline, today].sort()[1]!, 30),
      reason: `${h.firm.name}存在重大事故隐患，责令停产停业整改，实施挂牌督办`,
      status: closed ? 'lifted' : 'active',
      liftedBy: closed ? lister : null,
      liftedAt: closed ? at(addDaysToDate(h.closedOn, 5), 180) : null,
      liftNote: closed ? '重大隐患已整改销号，复产审查合格，同意摘牌' : null,
      createdBy: lister,
      createdAt: at(listedOn, 60),
    });
    const interviewOn = addDaysToDate(listedOn, 2);
    if (interviewOn <= last) act(sid, 'interview', interviewOn, `约谈${h.firm.name}主要负责人，要求落实整改“五到位”`);
    if (closed) {
      const requestOn = [addDaysToDate(h.closedOn, -random.int(2, 6)), addDaysToDate(listedOn, 3)].sort()[1]!;
      const requestId = act(sid, 'resumption_request', requestOn, '企业完成整改，申请恢复生产', {
        reviewDueOn: addDaysToDate(requestOn, 10),
      });
      act(sid, 'resumption_review', addDaysToDate(requestOn, random.int(1, 3)), '现场审查整改到位，同意恢复生产', {
        passed: true,
        requestId,
      });
    } else {
      const letterOn = addDaysToDate(listedOn, 7);
      if (letterOn <= last) act(sid, 'reminder_letter', letterOn, '发出督办提醒函，要求按期完成整改');
    }
  }
  // Two of the open listings have a resumption request: one reviewed and refused, one waiting for its review.
  const openListed = supervisionRows.filter((s) => s.target === 'hazard' && s.status === 'active');
  openListed.slice(0, 2).forEach((s, i) => {
    const requestOn = addDaysToDate(last, -(i === 0 ? 12 : 3));
    const requestId = act(Number(s.id), 'resumption_request', requestOn, '企业报告已完成主要整改措施，申请恢复生产', {
      reviewDueOn: addDaysToDate(requestOn, 10),
    });
    if (i === 0)
      act(Number(s.id), 'resumption_review', addDaysToDate(requestOn, 6), '现场审查发现部分措施未落实，暂不同意复产', {
        passed: false,
        requestId,
      });
  });
  const supervisedIds = new Set(listedOpen.map((h) => h.id));
  for (const row of hazardRows) if (supervisedIds.has(Number(row.id))) row.supervised = true;
  for (const s of supervisionRows)
    ctx.fingerprint.update(`sv|${String(s.id)}|${String(s.target)}|${String(s.divisionCode)}|${String(s.hazardId)}|${String(s.status)}\n`);
  return { supervisionRows, actionRows };
}
