/**
 * The procedural actions of a case, one endpoint each: `POST /api/cases/:id/<action>` with the action's body, checked
 * by the procedure rules (case.rules.ts) and answered with the case as it is after the action.
 */
import { defineEndpoint } from '../shared/contract';
import { CASE_ACTION_LABELS, CASE_ACTION_SCHEMAS, type TCaseActionKind } from './case-action.schema';
import { ZCaseIdParamsSchema } from './case.contract';
import { ZCaseDetailSchema } from './case-record.schema';
import { CASE_ACTION_PERMISSIONS } from './case.rules';

/** `approve_filing` → `approve-filing`: the action's path segment. */
export const caseActionPath = <K extends TCaseActionKind>(kind: K) => kind.replace(/_/g, '-');

const action = <K extends TCaseActionKind>(kind: K) =>
  defineEndpoint({
    method: 'POST',
    path: `/api/cases/:id/${caseActionPath(kind)}`,
    access: CASE_ACTION_PERMISSIONS[kind],
    tags: ['case'],
    summary: `${CASE_ACTION_LABELS[kind]}（按程序规则校验；不符合时拒绝且不作任何改动）`,
    params: ZCaseIdParamsSchema,
    body: CASE_ACTION_SCHEMAS[kind],
    response: ZCaseDetailSchema,
  });

export type TCaseActionEndpoint<K extends TCaseActionKind = TCaseActionKind> = ReturnType<typeof action<K>>;

export const caseActionEndpoints: { [K in TCaseActionKind]: TCaseActionEndpoint<K> } = {
  approve_filing: action('approve_filing'),
  start_investigation: action('start_investigation'),
  propose: action('propose'),
  request_legal_review: action('request_legal_review'),
  legal_review: action('legal_review'),
  request_deliberation: action('request_deliberation'),
  deliberate: action('deliberate'),
  notify: action('notify'),
  record_statement: action('record_statement'),
  waive_rights: action('waive_rights'),
  request_hearing: action('request_hearing'),
  schedule_hearing: action('schedule_hearing'),
  conclude_hearing: action('conclude_hearing'),
  decide: action('decide'),
  decide_on_spot: action('decide_on_spot'),
  serve: action('serve'),
  record_payment: action('record_payment'),
  extend: action('extend'),
  close: action('close'),
  withdraw: action('withdraw'),
  arrange_payment: action('arrange_payment'),
  demand_payment: action('demand_payment'),
  apply_enforcement: action('apply_enforcement'),
  record_daily_fine: action('record_daily_fine'),
};
