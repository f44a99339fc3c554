/**
 * After the decision (执行): 暂缓或分期缴纳 (行政处罚法 art. 66), 催告 (行政强制法 arts. 35, 54), 申请人民法院强制执行
 * (行政强制法 art. 53) and 按日连续处罚 (安全生产法 art. 112). The rules (domain case-execution.rules.ts) were asked first.
 */
import { dailyFine, enforcementWindow, PAYMENT_PLAN_KIND_LABELS, yuanText } from '@yingji/domain';
import type { TActionHandlers } from './case-action';

export const executionActions: Pick<TActionHandlers, 'arrange_payment' | 'demand_payment' | 'apply_enforcement' | 'record_daily_fine'> = {
  arrange_payment: ({ action }) => {
    const { kind: _k, ...plan } = action;
    const dates = plan.instalments.map((i) => `${i.dueOn} ${yuanText(i.amountFen)}`).join('；');
    return {
      patch: { paymentPlan: plan },
      note: `${action.appliedOn} 当事人申请，${action.approvedOn} 批准${PAYMENT_PLAN_KIND_LABELS[plan.type]}：${dates}`,
    };
  },

  demand_payment: ({ row, action, procedure }) => ({
    patch: {
      demandServedOn: action.servedOn,
      demandComplyBy: action.complyBy,
      enforcementDueOn: enforcementWindow(row.servedOn!, procedure).closesOn,
    },
    note: `催告书 ${action.servedOn} 送达，履行期限至 ${action.complyBy}`,
    document: { kind: 'demand', on: action.servedOn },
  }),

  apply_enforcement: ({ action }) => ({
    patch: { enforcementAppliedOn: action.appliedOn, enforcementCourt: action.court },
    note: `向${action.court}申请强制执行`,
    document: { kind: 'enforcement', on: action.appliedOn },
  }),

  record_daily_fine: ({ state, action, today }) => {
    const perDayFen = state.unitFinesByCode[action.code]!;
    const r = dailyFine(perDayFen, action);
    if (typeof r === 'string') throw new Error(r); // the rules refused this already
    const { kind: _k, ...input } = action;
    return {
      patch: { dailyFine: { ...input, ...r, perDayFen, decidedOn: today } },
      note: `${r.fromOn} 至 ${r.throughOn} 共 ${r.days} 日，每日 ${yuanText(perDayFen)}，合计 ${yuanText(r.totalFen)}`,
      document: { kind: 'daily_fine', on: today },
    };
  },
};
