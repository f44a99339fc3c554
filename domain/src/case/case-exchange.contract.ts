/**
 * 双公示 (no login) and the provincial export (docs/case-exchange.md). Each answers JSON, or with `format=csv` a CSV
 * file: the response schema whitelists the JSON, the CSV is sent as a download.
 */
import { defineEndpoint } from '../shared/contract';
import {
  ZCaseExchangePageSchema,
  ZCaseExchangeQuerySchema,
  ZPublicDecisionPageSchema,
  ZPublicDecisionQuerySchema,
} from './case-exchange.schema';

export const caseExchangeEndpoints = {
  publicDecisions: defineEndpoint({
    method: 'GET',
    path: '/api/public/case-decisions',
    access: 'public',
    tags: ['public'],
    summary: '行政处罚决定公示（双公示）：文号、当事人（自然人姓名隐去）、违法行为、依据、处罚内容；format=csv 导出',
    query: ZPublicDecisionQuerySchema,
    response: ZPublicDecisionPageSchema,
  }),
  export: defineEndpoint({
    method: 'GET',
    path: '/api/cases/export',
    access: 'case.read',
    tags: ['case'],
    summary: '向省执法平台导出案件（JSON 或 CSV；按游标增量，可重复）',
    query: ZCaseExchangeQuerySchema,
    response: ZCaseExchangePageSchema,
  }),
};
