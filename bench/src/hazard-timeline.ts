import { addDaysToDate, daysBetween, HAZARD_SOURCE_LABELS, type THazardPlan } from '@yingji/domain';
import {
  at,
  COMPACT_BEFORE_THIS_YEAR_AT_PROVINCE,
  personName,
  type TDraft,
  type TEvent,
  type TFirm,
  type THazardCity,
} from './hazard-data';

export interface THazardTimelines {
  hazardRows: Record<string, unknown>[];
  transitionRows: Record<string, unknown>[];
  extensionRows: Record<string, unknown>[];
  tagRows: { hazardId: number; campaignId: number }[];
  findingLinks: { findingId: number; hazardId: number }[];
  openMajor: { id: number; firm: TFirm; foundOn: string; deadline: string }[];
  closedMajor: { id: number; firm: TFirm; foundOn: string; closedOn: string }[];
}

/**
 * Each drafted hazard's loop (order, plan, rectification, extensions, submit, 复查, 销号) up to yesterday: its row,
 * its timeline (hazard_transitions) ending in its state, and its 责令限期整改指令书 number.
 */
export function hazardTimelines(c: THazardCity, drafts: TDraft[]): THazardTimelines {
  const { ctx, random, city, today, last, start, span, thisYear, province, ids, enterpriseUsers, officerDivision, issuerOf, orderNos } = c;

  const hazardRows: Record<string, unknown>[] = [];
  const transitionRows: Record<string, unknown>[] = [];
  const extensionRows: Record<string, unknown>[] = [];
  const tagRows: { hazardId: number; campaignId: number }[] = [];
  const findingLinks: { findingId: number; hazardId: number }[] = [];
  const openMajor: { id: number; firm: TFirm; foundOn: string; deadline: string }[] = [];
  const closedMajor: { id: number; firm: TFirm; foundOn: string; closedOn: string }[] = [];
  for (const d of drafts) {
    const id = ++ids.hazard;
    const [a, b] = d.officers;
    const firmUser = enterpriseUsers.get(d.firm.id)?.userId ?? null;
    const firmActor = firmUser ?? a;
    const major = d.level === 'major';
    const F = d.foundOn;
    const t = daysBetween(start, F) / span; // 0 five years ago … 1 yesterday
    const orderOn = addDaysToDate(F, d.source === 'inspection' ? (random.chance(0.7) ? 0 : random.int(1, 2)) : random.int(1, 4));
    const days = major ? random.int(30, 90) : random.pick([7, 10, 15, 15, 20, 30, 30]);
    const reportActor = d.source === 'self_check' ? firmActor : a;
    const events: TEvent[] = [
      {
        action: 'create',
        from: null,
        to: 'found',
        on: F,
        actor: reportActor,
        note: `登记隐患（${HAZARD_SOURCE_LABELS[d.source]}）`,
        deadline: addDaysToDate(F, days),
      },
    ];
    const deadline = addDaysToDate(orderOn, days);
    events.push({ action: 'order', from: 'found', to: 'ordered', on: orderOn, actor: a, note: '责令限期整改', deadline });
    const startOn = addDaysToDate(orderOn, random.int(0, 3));
    let planValue: THazardPlan | null = null;
    if (major) {
      planValue = {
        measures: '停用相关设施，按判定标准逐项整改，整改完成前落实专人监护（生成数据）',
        fundsFen: random.int(20, 800) * 10_000,
        deadline,
        responsiblePerson: d.firm.principal_name ?? personName(random),
        contingency: '制定专项应急处置方案，设置警戒区域，配备应急器材',
      };
      events.push({
        action: 'plan',
        from: 'ordered',
        to: 'ordered',
        on: startOn,
        actor: firmActor,
        note: '填报整改方案（五到位）',
        deadline: null,
      });
    }
    events.push({
      action: 'start',
      from: 'ordered',
      to: 'rectifying',
      on: startOn,
      actor: firmActor,
      note: '已签收，开始整改',
      deadline: null,
    });
    // Work: most finish within the deadline, some late; major hazards took far longer five years ago (动态清零).
    const onTime = random.chance(0.88);
    const slow = major ? 2.2 - 1.7 * t : 1;
    const work = Math.max(1, Math.round(days * (onTime ? 0.3 + 0.7 * random.next() : 1.05 + 1.5 * random.next()) * slow));
    // A stuck general hazard now and then stays open far past its deadline.
    const stuck = !major && random.chance(0.0015);
    let submitOn = addDaysToDate(startOn, work);
    if (!onTime && random.chance(0.35)) {
      const requestOn = addDaysToDate(startOn, Math.min(work - 1, random.int(1, Math.max(1, days - 1))));
      const wanted = addDaysToDate(submitOn, random.int(3, 15));
      extensionRows.push({
        id: ++ids.extension,
        hazardId: id,
        previousDeadline: deadline,
        requestedDeadline: wanted,
        reason: '整改涉及设备采购和停产改造，申请延长整改期限',
        status: 'approved',
        requestedBy: firmActor,
        requestedAt: at(requestOn, 120),
        decidedBy: a === firmActor ? b : a,
        decidedAt: at(addDaysToDate(requestOn, 1), 90),
        decisionNote: '同意延期',
      });
      events.push({
        action: 'request_extension',
        from: 'rectifying',
        to: 'rectifying',
        on: requestOn,
        actor: firmActor,
        note: '申请延期',
        deadline: wanted,
      });
      events.push({
        action: 'approve_extension',
        from: 'rectifying',
        to: 'rectifying',
        on: addDaysToDate(requestOn, 1),
        actor: a === firmActor ? b : a,
        note: '同意延期',
        deadline: wanted,
      });
    }
    if (random.chance(0.08)) {
      const failOn = addDaysToDate(submitOn, random.int(1, 4));
      events.push({
        action: 'submit',
        from: 'rectifying',
        to: 'submitted',
        on: submitOn,
        actor: firmActor,
        note: '已完成整改，附整改后照片',
        deadline: null,
      });
      const again = addDaysToDate(failOn, random.int(5, 15));
      events.push({
        action: 'recheck_fail',
        from: 'submitted',
        to: 'rectifying',
        on: failOn,
        actor: a === firmActor ? b : a,
        note: '复查发现整改不到位，责令继续整改',
        deadline: again,
      });
      submitOn = addDaysToDate(failOn, random.int(2, 10));
    }
    if (!stuck) {
      events.push({
        action: 'submit',
        from: 'rectifying',
        to: 'submitted',
        on: submitOn,
        actor: firmActor,
        note: '已完成整改，附整改后照片和验收记录',
        deadline: null,
      });
      events.push({
        action: 'recheck_pass',
        from: 'submitted',
        to: 'closed',
        on: addDaysToDate(submitOn, random.int(1, 5)),
        actor: firmActor === a ? b : a,
        note: '经现场复查，隐患已整改到位，同意销号',
        deadline: null,
      });
    }
    // What has happened by yesterday; the state is where the timeline stops.
    let happened = events.filter((e) => e.on <= last);
    const closedEvent = happened.find((e) => e.action === 'recheck_pass');
    const state = happened[happened.length - 1]!.to;
    // The deadline in force: the last one set by yesterday (a requested extension sets none until approved).
    const deadlineNow = happened.reduce<string | null>((dl, e) => (e.action === 'request_extension' ? dl : (e.deadline ?? dl)), null)!;
    // An extension requested by yesterday but decided later is still pending; one requested later did not happen yet.
    let pending = false;
    for (let i = extensionRows.length - 1; i >= 0 && extensionRows[i]!.hazardId === id; i--) {
      const x = extensionRows[i]!;
      if (String(x.decidedAt).slice(0, 10) <= last) continue;
      if (String(x.requestedAt).slice(0, 10) > last) extensionRows.splice(i, 1);
      else {
        Object.assign(x, { status: 'pending', decidedBy: null, decidedAt: null, decisionNote: null });
        pending = true;
      }
    }
    // A few open hazards have an extension waiting.
    if (!pending && (state === 'ordered' || state === 'rectifying') && random.chance(0.05)) {
      const lastOn = happened[happened.length - 1]!.on;
      const requestOn = lastOn > addDaysToDate(last, -10) ? lastOn : addDaysToDate(last, -random.int(0, 9));
      const wanted = addDaysToDate([deadlineNow, today].sort()[1]!, random.int(10, 30));
      extensionRows.push({
        id: ++ids.extension,
        hazardId: id,
        previousDeadline: deadlineNow,
        requestedDeadline: wanted,
        reason: '整改所需设备订货周期较长，申请延期',
        status: 'pending',
        requestedBy: firmActor,
        requestedAt: at(requestOn, 200),
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      });
      happened = [
        ...happened,
        { action: 'request_extension', from: state, to: state, on: requestOn, actor: firmActor, note: '申请延期', deadline: wanted },
      ];
    }
    const compact = province && COMPACT_BEFORE_THIS_YEAR_AT_PROVINCE && closedEvent !== undefined && Number(F.slice(0, 4)) < thisYear;
    const timeline = compact ? [happened[0]!, { ...closedEvent, from: 'found' as const }] : happened;
    timeline.forEach((e, i) => {
      transitionRows.push({
        hazardId: id,
        action: e.action,
        from: e.from,
        to: e.to,
        note: e.note,
        deadline: e.deadline,
        actor: e.actor,
        at: at(e.on, 30 + i * 7),
      });
    });
    const ordered = happened.find((e) => e.action === 'order');
    const issuer = issuerOf(officerDivision.get(a) ?? city);
    const orderKey = `${issuer.prefix}|${ordered?.on.slice(0, 4) ?? ''}`;
    if (ordered) orderNos.set(orderKey, (orderNos.get(orderKey) ?? 0) + 1);
    const submit = [...happened].reverse().find((e) => e.action === 'submit');
    const submittedKept = state === 'submitted' || state === 'closed';
    const lastEvent = timeline[timeline.length - 1]!;
    hazardRows.push({
      id,
      enterpriseId: d.firm.id,
      divisionCode: d.firm.division_code,
      source: d.source,
      category: d.category,
      level: d.level,
      criterionItemId: d.criterionItemId,
      description: d.description,
      location: d.location,
      foundOn: F,
      foundBy: d.foundBy,
      responsiblePerson: d.firm.principal_name ?? d.firm.safety_manager_name ?? '企业主要负责人',
      deadline: deadlineNow,
      state,
      plan: planValue && happened.some((e) => e.action === 'plan') ? planValue : null,
      orderNo: ordered ? `${issuer.prefix}〔${ordered.on.slice(0, 4)}〕${orderNos.get(orderKey)}号` : null,
      orderedAt: ordered ? at(ordered.on, 30 + 7) : null,
      inspectionId: d.inspectionId,
      findingId: d.findingId,
      submittedBy: submittedKept && submit ? submit.actor : null,
      submittedAt: submittedKept && submit ? at(submit.on, 30 + happened.indexOf(submit) * 7) : null,
      closedBy: closedEvent?.actor ?? null,
      closedAt: closedEvent ? at(closedEvent.on, 30 + (timeline.length - 1) * 7) : null,
      closedOn: closedEvent?.on ?? null,
      version: happened.length,
      createdBy: happened[0]!.actor,
      createdAt: at(F, 30),
      updatedAt: at(lastEvent.on, 30 + (timeline.length - 1) * 7),
      supervised: false,
    });
    for (const c of d.campaignIds) tagRows.push({ hazardId: id, campaignId: c });
    if (d.findingId !== null) findingLinks.push({ findingId: d.findingId, hazardId: id });
    if (major && state !== 'closed') openMajor.push({ id, firm: d.firm, foundOn: F, deadline: deadlineNow });
    if (major && closedEvent) closedMajor.push({ id, firm: d.firm, foundOn: F, closedOn: closedEvent.on });
    ctx.fingerprint.update(
      `hz|${id}|${d.firm.id}|${d.source}|${d.level}|${d.category}|${F}|${state}|${deadlineNow}|${closedEvent?.on ?? ''}|${timeline.length}\n`,
    );
  }
  return { hazardRows, transitionRows, extensionRows, tagRows, findingLinks, openMajor, closedMajor };
}
