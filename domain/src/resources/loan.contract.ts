/** Loans of emergency supplies (出借): request, approval, issue, returns, the loan ledger (出借台账). */
import { z } from 'zod';
import { FILE_RESPONSE, ZIdParamsSchema, defineEndpoint } from '../shared/contract';
import {
  ZLoanCreateSchema,
  ZLoanDecisionSchema,
  ZLoanDetailSchema,
  ZLoanListItemSchema,
  ZLoanListQuerySchema,
  ZLoanReturnSchema,
} from './resources.schema';

const tags = ['应急物资'];
const step = <P extends string, A extends 'resources.approve' | 'resources.loan' | 'resources.manage', B extends z.ZodType>(
  path: P,
  summary: string,
  access: A,
  body: B,
) =>
  defineEndpoint({
    method: 'POST',
    path: `/api/resources/loans/:id/${path}`,
    access,
    summary,
    tags,
    params: ZIdParamsSchema,
    body,
    response: ZLoanDetailSchema,
  });

export const loanEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/resources/loans',
    access: 'resources.read',
    summary: '出借台账',
    tags,
    query: ZLoanListQuerySchema,
    response: z.object({ items: z.array(ZLoanListItemSchema), total: z.number() }),
  }),
  export: defineEndpoint({
    method: 'GET',
    path: '/api/resources/loans/export',
    access: 'resources.read',
    summary: '导出出借台账（Excel）：名称、规格、数量、使用期限等',
    tags,
    query: ZLoanListQuerySchema.omit({ page: true, pageSize: true }),
    response: FILE_RESPONSE,
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/resources/loans',
    access: 'resources.loan',
    summary: '出借申请',
    tags,
    body: ZLoanCreateSchema,
    response: ZLoanDetailSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: 'GET',
    path: '/api/resources/loans/:id',
    access: 'resources.read',
    summary: '出借详情与流程',
    tags,
    params: ZIdParamsSchema,
    response: ZLoanDetailSchema,
  }),
  approve: step('approve', '审批同意（申请人以外的人；超过金额或特定物资须二级审批）', 'resources.approve', ZLoanDecisionSchema),
  refuse: step('refuse', '审批不同意', 'resources.approve', ZLoanDecisionSchema),
  cancel: step('cancel', '申请人撤回', 'resources.loan', ZLoanDecisionSchema),
  issue: step('issue', '保管员出库（先到期先出）', 'resources.manage', ZLoanDecisionSchema),
  return: step('returns', '登记归还（完好、损坏、已消耗、丢失）', 'resources.manage', ZLoanReturnSchema),
};
