import { addDaysToDate, daysBetween, type penaltyFacts } from '@yingji/domain';
import type { TRandom } from './prng';
import { S, SHORT, type TPenalty, type TSource, type TStep, type TUser } from './case-data';
import { proposeAndNotify } from './case-decision';
import { decideAndExecute } from './case-execution';

/** What a case's steps are planned from: its parties, officers, penalties and the rule facts, and the plan so far. */
export interface TCaseKit {
  random: TRandom;
  today: string;
  body: string;
  source: TSource;
  officers: TUser[];
  leaders: TUser[];
  reviewers: TUser[];
  divisionName: Map<string, string>;
  codes: string[];
  penalties: TPenalty[];
  facts: ReturnType<typeof penaltyFacts>;
  eligible: boolean;
  complex: boolean;
  accident: boolean;
  findings: string;
  created0: string;
  steps: TStep[];
  step: (s: TStep) => void;
  officer: () => TUser;
  leader: () => TUser;
  receipt: () => string;
}

/** 简易程序: decided and handed over on the spot (art. 51–52), paid within days, closed. */
export function simpleSteps(k: TCaseKit): void {
  const { random, penalties, created0, step, officers, receipt, leader } = k;
  const p = penalties[0]!;
  const warningOnly = p.decided === 0;
  const on = created0;
  step({
    on,
    action: 'decide_on_spot',
    to: 'served',
    actor: officers[0]!,
    note: warningOnly ? '当场警告' : `当场罚款 ${p.decided / 100} 元`,
    payload: {
      decidedOn: on,
      violation: { code: p.code, target: p.target, circumstance: p.circumstance, fineFen: p.decided },
      warningOnly,
    },
    doc: { kind: 'decision' },
    apply: (c) =>
      Object.assign(c, {
        decisionOutcome: 'penalty',
        decidedOn: on,
        servedOn: on,
        serviceMethod: 'direct',
        fineDecidedFen: p.decided,
        otherPenalties: warningOnly ? ['warning'] : [],
      }),
  });
  let last = on;
  if (!warningOnly) {
    last = addDaysToDate(on, random.chance(0.6) ? 0 : random.int(1, 12));
    const paidOn = last;
    const principal = p.decided;
    step({
      on: paidOn,
      action: 'record_payment',
      to: 'paid',
      actor: officers[0]!,
      note: `缴纳罚款 ${principal / 100} 元`,
      payload: { paidOn, principalFen: principal },
      payment: { principal, surcharge: 0, receiptNo: receipt() },
      apply: (c) => Object.assign(c, { finePaidFen: principal, paidOffOn: paidOn }),
    });
  }
  const closedOn = addDaysToDate(last, random.int(1, 10));
  step({
    on: closedOn,
    action: 'close',
    to: 'closed',
    actor: leader(),
    note: '处罚决定已执行完毕，同意结案',
    payload: { closedOn },
    doc: { kind: 'closing' },
    apply: (c) => Object.assign(c, { closedOn }),
  });
}

/**
 * 普通程序: filing, investigation with evidence and 询问笔录, then withdrawal, or proposal, review, notice and the
 * party's rights, decision, service, payment and closing.
 */
export function generalSteps(k: TCaseKit): void {
  const { random, today, source, codes, steps, step, officer, leader, created0 } = k;
  const filed = addDaysToDate(created0, random.int(1, 5));
  const due = addDaysToDate(filed, S.decisionDays);
  step({
    on: filed,
    action: 'approve_filing',
    to: 'filed',
    actor: leader(),
    note: '同意立案',
    payload: { opinion: '同意立案' },
    doc: { kind: 'filing' },
    apply: (c) => Object.assign(c, { filedOn: filed, decisionDueOn: due }),
  });
  const investigating = addDaysToDate(filed, random.int(0, 2));
  step({ on: investigating, action: 'start_investigation', to: 'investigating', actor: officer(), note: null, payload: {} });
  const recent = daysBetween(filed, today);
  const stalled = recent >= 20 && recent <= 150 && random.chance(0.15);
  let proposeOn = addDaysToDate(investigating, random.int(15, 45) + (stalled ? random.int(60, 120) : 0));
  const evidenceDays = Math.max(1, daysBetween(investigating, proposeOn) - 1);
  const kinds: ['document' | 'photo' | 'transcript', string][] = [
    ['photo', '现场照片'],
    ['document', '现场检查记录'],
    ['document', '营业执照复印件'],
    ['transcript', '现场笔录'],
    ['document', '隐患整改通知书'],
    ['photo', '违法行为现场照片'],
  ];
  const nEvidence = random.int(2, 5);
  const evidenceDates = Array.from({ length: nEvidence }, () =>
    addDaysToDate(investigating, random.int(0, Math.min(evidenceDays, 20))),
  ).sort();
  evidenceDates.forEach((on, i) => {
    const [kind, title] = kinds[i % kinds.length]!;
    step({ on, action: 'add_evidence', to: null, actor: officer(), note: title, payload: null, evidence: { kind, title } });
  });
  const inquiries = random.chance(0.7) ? (random.chance(0.25) ? 2 : 1) : 0;
  for (let q = 0; q < inquiries; q++) {
    const askedOn = addDaysToDate(investigating, random.int(1, Math.min(evidenceDays, 25)));
    const interviewee = {
      name: source.principal ?? '企业负责人',
      position: q === 0 ? '主要负责人' : '安全管理人员',
      phone: source.phone,
    };
    const content = {
      askedOn,
      place: source.address ?? '本机关询问室',
      interviewee,
      questions: [
        { question: '我们是应急管理部门的执法人员，现依法向你询问，你是否听清楚？', answer: '听清楚了。' },
        {
          question: '请介绍你单位的基本情况和你的职务。',
          answer: `我是${source.firmName}的${interviewee.position}，负责公司的安全生产工作。`,
        },
        {
          question: `执法人员检查时发现你单位${SHORT[codes[0]!] ?? '存在违法行为'}，情况是否属实？`,
          answer: '属实，我们会尽快整改。',
        },
      ],
    };
    step({
      on: askedOn,
      action: 'add_inquiry',
      to: null,
      actor: officer(),
      note: `询问 ${interviewee.name}`,
      payload: null,
      doc: { kind: 'inquiry', content },
    });
  }
  steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  if (proposeOn <= (steps[steps.length - 1]?.on ?? investigating)) proposeOn = addDaysToDate(steps[steps.length - 1]!.on, 1);
  const outcome = random.chance(0.02) ? 'no_penalty' : random.chance(0.02) ? 'withdrawn' : 'penalty';
  if (outcome === 'withdrawn') {
    const on = addDaysToDate(investigating, random.int(3, 20));
    for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.on > on) steps.splice(i, 1);
    step({
      on,
      action: 'withdraw',
      to: 'withdrawn',
      actor: leader(),
      note: '经调查，违法事实不能成立，撤销立案',
      payload: { reason: '经调查，违法事实不能成立，撤销立案' },
      apply: (c) => Object.assign(c, { withdrawnReason: '经调查，违法事实不能成立，撤销立案' }),
    });
  } else {
    const decideOn = proposeAndNotify(k, proposeOn, outcome);
    decideAndExecute(k, { outcome, decideOn, due, stalled });
  }
}
