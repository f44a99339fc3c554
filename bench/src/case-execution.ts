import { addDaysToDate, daysBetween, paymentDueOn, surchargeFen } from '@yingji/domain';
import { roundYuan, S, SERVICE, weighted } from './case-data';
import type { TCaseKit } from './case-steps';

/**
 * The decision (with an art. 60 extension when it falls past the 90 days), its service, the payments with the
 * 3 %-a-day surcharge when late, and the closing.
 */
export function decideAndExecute(
  k: TCaseKit,
  p: { outcome: 'penalty' | 'no_penalty'; decideOn: string; due: string; stalled: boolean },
): void {
  const { random, today, penalties, step, officer, leader, source, receipt } = k;
  const { outcome, due, stalled } = p;
  let decideOn = p.decideOn;
  const fines = outcome === 'no_penalty' ? [] : penalties;
  // art. 60: past 90 days only with an approved extension (a stalled case still short of its decision has none yet).
  if (decideOn > due && !(stalled && due < today && decideOn > today)) {
    const days = Math.min(90, daysBetween(due, decideOn) + random.int(3, 15));
    const extendOn = addDaysToDate(due, -random.int(1, 7));
    const newDue = addDaysToDate(due, days);
    if (decideOn > newDue) decideOn = newDue;
    const reason = '案情复杂，需进一步调查取证，经负责人批准延长办案期限';
    step({
      on: extendOn,
      action: 'extend',
      to: null,
      actor: leader(),
      note: `延长 ${days} 天：${reason}`,
      payload: { days, reason },
      extension: days,
      apply: (c) => Object.assign(c, { decisionDueOn: newDue }),
    });
  }
  const decided = fines.reduce((a, p) => a + p.decided, 0);
  const decidedOn = decideOn;
  step({
    on: decidedOn,
    action: 'decide',
    to: 'decided',
    actor: leader(),
    note: outcome === 'no_penalty' ? '不予行政处罚' : `罚款 ${decided / 100} 元`,
    payload: {
      decidedOn,
      outcome,
      ...(fines.some((p) => p.decided !== p.proposed)
        ? { fines: fines.map((p) => ({ code: p.code, target: p.target, fineFen: p.decided })) }
        : {}),
    },
    doc: { kind: 'decision' },
    apply: (c) => Object.assign(c, { decisionOutcome: outcome, decidedOn, fineDecidedFen: decided }),
  });
  const servedOn = addDaysToDate(decidedOn, random.chance(0.96) ? random.int(0, 6) : random.int(8, 12));
  const method = weighted(random, SERVICE);
  const recipient = source.principal ?? '企业负责人';
  step({
    on: servedOn,
    action: 'serve',
    to: 'served',
    actor: officer(),
    note: `签收人：${recipient}`,
    payload: { servedOn, method, recipient },
    doc: { kind: 'service' },
    apply: (c) => Object.assign(c, { servedOn, serviceMethod: method }),
  });
  let last = servedOn;
  if (decided > 0) {
    const payDue = paymentDueOn(servedOn, S);
    const late = daysBetween(servedOn, today) <= 60 && random.chance(0.3);
    const r = random.next();
    const parts: [string, number][] =
      r < 0.05 && decided >= 2_000_000
        ? [
            [addDaysToDate(servedOn, random.int(1, 8)), roundYuan(decided / 2, 100)],
            [addDaysToDate(servedOn, random.int(9, 15)), decided - roundYuan(decided / 2, 100)],
          ]
        : r < 0.12
          ? [[addDaysToDate(payDue, random.int(1, 20)), decided]]
          : [[addDaysToDate(servedOn, random.int(1, 15)), decided]];
    const delay = late ? random.int(10, 40) : 0;
    for (const part of parts) part[0] = addDaysToDate(part[0], delay);
    let paid = 0;
    for (const [paidOn, principal] of parts) {
      paid += principal;
      const surcharge = surchargeFen(principal, payDue, paidOn, S);
      const sum = paid;
      step({
        on: paidOn,
        action: 'record_payment',
        to: sum >= decided ? 'paid' : 'executing',
        actor: officer(),
        note: `缴纳罚款 ${principal / 100} 元${surcharge ? `，加处罚款 ${surcharge / 100} 元` : ''}`,
        payload: { paidOn, principalFen: principal },
        payment: { principal, surcharge, receiptNo: receipt() },
        apply: (c) =>
          Object.assign(c, {
            finePaidFen: sum,
            surchargePaidFen: Number(c.surchargePaidFen ?? 0) + surcharge,
            paidOffOn: sum >= decided ? paidOn : null,
          }),
      });
      last = paidOn;
    }
  }
  const closedOn = addDaysToDate(last, random.int(3, 20));
  step({
    on: closedOn,
    action: 'close',
    to: 'closed',
    actor: leader(),
    note: '处罚决定已执行完毕，同意结案',
    payload: { closedOn, opinion: '处罚决定已执行完毕，同意结案' },
    doc: { kind: 'closing' },
    apply: (c) => Object.assign(c, { closedOn }),
  });
}
