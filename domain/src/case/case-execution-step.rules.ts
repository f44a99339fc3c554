/** The execution actions of a case (执行阶段) against the rules of case-execution.rules.ts. */
import type { TWorkCalendar } from '../shared/workdays';
import type { TCaseAction } from './case.schema';
import type { TCaseProcedureSettings } from './case.settings';
import type { TPaymentPlan } from './case-execution.schema';
import { dailyFineProblem, demandProblem, enforcementProblem, paymentPlanProblem } from './case-execution.rules';

/** What the execution rules read of a case, besides its fine and service. */
export interface TExecutionState {
  fineDecidedFen: number;
  finePaidFen: number;
  servedOn: string | null;
  decidedOn: string | null;
  paymentPlan: TPaymentPlan | null;
  demandServedOn: string | null;
  demandComplyBy: string | null;
  enforcementAppliedOn: string | null;
  dailyFineRecorded: boolean;
  /** The decided fine on the unit by violation code (原处罚数额 of 安全生产法 art. 112). */
  unitFinesByCode: Record<string, number>;
  /** The dates of the firm's other penalty decisions (安全生产法 art. 113 (1)). */
  firmPenaltyDates: string[];
}

type TExecutionAction = Extract<TCaseAction, { kind: 'arrange_payment' | 'demand_payment' | 'apply_enforcement' | 'record_daily_fine' }>;

export function executionStepProblem(
  c: TExecutionState,
  action: TExecutionAction,
  today: string,
  s: TCaseProcedureSettings,
  calendar: TWorkCalendar,
): string | null {
  if (!c.servedOn) return '处罚决定书尚未送达';
  const facts = { servedOn: c.servedOn, fineDecidedFen: c.fineDecidedFen, finePaidFen: c.finePaidFen, plan: c.paymentPlan };
  switch (action.kind) {
    case 'arrange_payment':
      return paymentPlanProblem({ ...facts, enforcementAppliedOn: c.enforcementAppliedOn }, action, today, s);
    case 'demand_payment':
      return demandProblem(
        { ...facts, demandServedOn: c.demandServedOn, enforcementAppliedOn: c.enforcementAppliedOn },
        action,
        today,
        s,
        calendar,
      );
    case 'apply_enforcement':
      return enforcementProblem(
        { ...facts, demandServedOn: c.demandServedOn, demandComplyBy: c.demandComplyBy, enforcementAppliedOn: c.enforcementAppliedOn },
        action.appliedOn,
        today,
        s,
      );
    case 'record_daily_fine':
      return dailyFineProblem(
        { decidedOn: c.decidedOn, unitFineFen: c.unitFinesByCode[action.code] ?? 0, recorded: c.dailyFineRecorded },
        action,
        today,
      );
  }
}
