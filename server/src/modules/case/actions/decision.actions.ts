/** The decision and after: 作出决定、当场处罚、送达、缴款、结案. */
import { CLOSURE_GROUND_LABELS, paymentSchedule, scheduledSurchargeFen, yuanText } from '@yingji/domain';
import * as repo from '../records/case.repo';
import type { TActionHandlers } from './case-action';

export const decisionActions: Pick<TActionHandlers, 'decide' | 'decide_on_spot' | 'serve' | 'record_payment' | 'close'> = {
  /** The final fine of each proposed penalty: as proposed unless the decision names it; none for 不予处罚. */
  decide: async ({ tx, id, row, action, at, notify }) => {
    let total = 0;
    for (const p of await repo.penaltiesOf(tx, id)) {
      const fen =
        action.outcome === 'no_penalty'
          ? 0
          : (action.fines?.find((f) => f.code === p.code && f.target === p.target)?.fineFen ?? (action.fines ? 0 : p.proposedFineFen));
      total += fen;
      await repo.setDecidedFine(tx, id, p.code, p.target, fen);
    }
    // 安全生产法 art. 113: a decision that asks the government to close the unit alerts the town (a record and a notification)
    const closure = action.outcome === 'penalty' && row.otherPenalties.includes('propose_closure');
    if (closure) {
      const firm = row.enterpriseId ? await repo.findFirm(tx, row.enterpriseId) : undefined;
      await notify.send(tx, {
        module: 'case',
        kind: 'case.closure_proposed',
        ref: `case-closure:${id}`,
        to: { permission: 'case.read', divisionCode: firm?.divisionCode ?? row.divisionCode },
        title: `提请地方人民政府予以关闭：${row.partyName}`,
        body: `${action.decidedOn} 作出处罚决定，提请关闭（${row.closureGround ? CLOSURE_GROUND_LABELS[row.closureGround] : '安全生产法第一百一十三条'}）`,
        href: `/cases/${id}`,
      });
    }
    return {
      patch: {
        decisionOutcome: action.outcome,
        noPenaltyGround: action.outcome === 'no_penalty' ? (action.noPenaltyGround ?? null) : null,
        decidedOn: action.decidedOn,
        fineDecidedFen: total,
        closureAlertedAt: closure ? at : null,
      },
      note:
        action.outcome === 'no_penalty'
          ? '不予行政处罚'
          : `罚款 ${yuanText(total)}${closure ? '；提请地方人民政府予以关闭，已通知属地镇街' : ''}`,
      document: { kind: 'decision', on: action.decidedOn },
      ...(action.outcome === 'no_penalty' ? {} : { raises: 'case.penalty_decided' as const }),
    };
  },

  // 行政处罚法 art. 51–52: decided and served on the spot
  decide_on_spot: async ({ tx, id, action }) => {
    const v = action.violation;
    const fen = action.warningOnly ? 0 : v.fineFen;
    await repo.replacePenalties(tx, id, [
      {
        code: v.code,
        target: v.target,
        circumstance: v.circumstance,
        proposedFineFen: fen,
        decidedFineFen: fen,
        outsideBandReason: v.outsideBandReason || null,
      },
    ]);
    return {
      patch: {
        decisionOutcome: 'penalty',
        decidedOn: action.decidedOn,
        servedOn: action.decidedOn,
        serviceMethod: 'direct',
        fineDecidedFen: fen,
        otherPenalties: action.warningOnly ? ['warning'] : [],
      },
      note: action.warningOnly ? '当场警告' : `当场罚款 ${yuanText(fen)}`,
      document: { kind: 'decision', on: action.decidedOn },
      raises: 'case.penalty_decided',
    };
  },

  serve: ({ action }) => ({
    patch: { servedOn: action.servedOn, serviceMethod: action.method },
    note: `签收人：${action.recipient}`,
    document: { kind: 'service', on: action.servedOn },
  }),

  // 行政处罚法 art. 72: 3 % a day on each part paid after its date (the schedule of art. 66 when approved), at most the fine
  record_payment: async ({ tx, id, row, action, actor, at, procedure }) => {
    const schedule = paymentSchedule({ servedOn: row.servedOn!, fineDecidedFen: row.fineDecidedFen, plan: row.paymentPlan }, procedure);
    const surcharge = scheduledSurchargeFen(schedule, row.finePaidFen, action.principalFen, action.paidOn, procedure);
    await repo.insertPayment(tx, {
      caseId: id,
      paidOn: action.paidOn,
      principalFen: action.principalFen,
      surchargeFen: surcharge,
      receiptNo: action.receiptNo ?? null,
      createdBy: actor.id,
      createdAt: at,
    });
    const paid = row.finePaidFen + action.principalFen;
    return {
      patch: {
        finePaidFen: paid,
        surchargePaidFen: row.surchargePaidFen + surcharge,
        paidOffOn: paid >= row.fineDecidedFen ? action.paidOn : null,
      },
      note: `缴纳罚款 ${yuanText(action.principalFen)}${surcharge ? `，加处罚款 ${yuanText(surcharge)}` : ''}`,
    };
  },

  close: ({ action }) => ({
    patch: { closedOn: action.closedOn },
    note: action.opinion ?? null,
    document: { kind: 'closing', on: action.closedOn },
  }),
};
