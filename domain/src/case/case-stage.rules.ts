/**
 * The stages of a penalty case: which stage each action starts from, and the stage it leads to. The rules that decide
 * whether an action may be taken are in case.rules.ts.
 */
import type { TCaseAction, TCaseActionKind, TCaseStage } from './case.schema';
import type { TCaseRuleState } from './case.rules';

const BEFORE_DECISION: TCaseStage[] = ['filed', 'investigating', 'proposed', 'legal_review', 'deliberation', 'notified', 'hearing'];

/** The stages each action starts from. */
export const CASE_ACTION_FROM: Record<TCaseActionKind, TCaseStage[]> = {
  approve_filing: ['pending_filing'],
  start_investigation: ['filed'],
  propose: ['investigating'],
  // from the investigation too: a decision not to penalise (不予处罚) is reviewed without a proposal
  request_legal_review: ['proposed', 'investigating'],
  legal_review: ['legal_review'],
  request_deliberation: ['proposed', 'legal_review'],
  deliberate: ['deliberation'],
  notify: ['proposed', 'legal_review', 'deliberation'],
  record_statement: ['notified', 'hearing'],
  waive_rights: ['notified'],
  request_hearing: ['notified'],
  schedule_hearing: ['hearing'],
  conclude_hearing: ['hearing'],
  // a penalty needs the notice (checked by the rules); 不予处罚 may end the investigation directly
  decide: ['investigating', 'proposed', 'legal_review', 'deliberation', 'notified', 'hearing'],
  decide_on_spot: ['pending_filing'],
  serve: ['decided'],
  record_payment: ['served', 'executing'],
  extend: BEFORE_DECISION,
  close: ['served', 'paid'],
  withdraw: ['pending_filing', 'filed', 'investigating'],
  arrange_payment: ['served', 'executing'],
  demand_payment: ['served', 'executing'],
  apply_enforcement: ['served', 'executing'],
  // art. 112: the unit may have paid the fine and still refuse to correct
  record_daily_fine: ['served', 'executing', 'paid'],
};

/** The actions a simple-procedure (当场处罚) case takes. */
export const SIMPLE_ACTIONS: TCaseActionKind[] = [
  'decide_on_spot',
  'record_payment',
  'close',
  'arrange_payment',
  'demand_payment',
  'apply_enforcement',
  'record_daily_fine',
];

/** The stage after a successful action. */
export function nextStage(c: TCaseRuleState, action: TCaseAction): TCaseStage {
  switch (action.kind) {
    case 'approve_filing':
      return 'filed';
    case 'start_investigation':
      return 'investigating';
    case 'propose':
      return 'proposed';
    case 'request_legal_review':
      return 'legal_review';
    case 'legal_review':
      return action.result === 'pass' ? 'legal_review' : 'investigating';
    case 'request_deliberation':
      return 'deliberation';
    case 'deliberate':
      return action.result === 'agree' ? 'deliberation' : 'investigating';
    case 'notify':
      return 'notified';
    case 'request_hearing':
    case 'schedule_hearing':
      return 'hearing';
    // arts. 58 (1)(2), 65: the hearing record goes to legal review (and then collective deliberation) again
    case 'conclude_hearing':
      return 'legal_review';
    case 'decide':
      return 'decided';
    // art. 52: the on-the-spot decision is handed to the party there and then
    case 'decide_on_spot':
      return 'served';
    case 'serve':
      return 'served';
    case 'record_payment':
      return c.finePaidFen + action.principalFen >= c.fineDecidedFen ? 'paid' : 'executing';
    case 'close':
      return 'closed';
    // 行政强制法 art. 53: the case is in compulsory execution until the fine is paid
    case 'apply_enforcement':
      return 'executing';
    case 'withdraw':
      return 'withdrawn';
    default:
      return c.stage;
  }
}
