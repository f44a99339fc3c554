import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CASE_ACTION_LABELS,
  CASE_ACTION_PERMISSIONS,
  CASE_ACTION_SCHEMAS,
  ZCaseCreateSchema,
  ZCaseDetailSchema,
  ZCaseListQuerySchema,
  ZCasePageSchema,
  ZCaseStageCountSchema,
  ZEvidenceCreateSchema,
  ZInquiryCreateSchema,
  ZFineTotalsQuerySchema,
  ZFineTotalsSchema,
  ZViolationSchema,
  ZViolationUpsertSchema,
  type TCaseAction,
  type TCaseActionKind,
  idParams,
} from '@yingji/domain';
import { caseDocumentDocx } from './case-document';
import type { TCaseService } from './case.service';
import { contentDisposition } from '../../kit/ledger-export';

const ZIdParams = idParams('案件编号');
const ZDocParams = ZIdParams.extend({ docId: z.coerce.number().int().positive('文书编号必须是正整数') });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** `approve_filing` → `approve-filing`: each procedural action is `POST /api/cases/:id/<action>`. */
export const actionPath = (kind: TCaseActionKind): string => kind.replace(/_/g, '-');

export function caseRoutes(app: FastifyInstance, cases: TCaseService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['case'];

  r.get('/api/cases', {
    config: { access: 'case.read' },
    schema: {
      tags,
      summary: '行政处罚案件（阶段、办案机关、期限：7日内到期/已逾期、立案日期、关键词；分页；期限在读取时计算）',
      querystring: ZCaseListQuerySchema,
      response: { 200: ZCasePageSchema },
    },
    handler: (request) => cases.list(request.ctx, request.query),
  });

  r.get('/api/cases/stages', {
    config: { access: 'case.read' },
    schema: { tags, summary: '各阶段案件数及即将到期、已逾期数', response: { 200: z.array(ZCaseStageCountSchema) } },
    handler: (request) => cases.stageView(request.ctx),
  });

  r.get('/api/cases/fines', {
    config: { access: 'case.read' },
    schema: {
      tags,
      summary: '罚没款：按办案机关和期间统计决定罚款与实缴罚款',
      querystring: ZFineTotalsQuerySchema,
      response: { 200: ZFineTotalsSchema },
    },
    handler: (request) => cases.fineTotals(request.ctx, request.query),
  });

  r.get('/api/case-violations', {
    config: { access: 'case.read' },
    schema: { tags, summary: '违法行为目录及自由裁量基准', response: { 200: z.array(ZViolationSchema) } },
    handler: (request) => cases.listViolations(request.ctx),
  });

  r.put('/api/case-violations', {
    config: { access: 'case.catalogue' },
    schema: {
      tags,
      summary: '新增或修改违法行为及其裁量档次（按编码）',
      body: ZViolationUpsertSchema,
      response: { 200: ZViolationSchema },
    },
    handler: (request) => cases.saveViolation(request.ctx, request.body),
  });

  r.get('/api/cases/:id', {
    config: { access: 'case.read' },
    schema: {
      tags,
      summary: '案件详情：当事人、违法行为与裁量、证据、进程、文书、缴款、期限、可执行的操作',
      params: ZIdParams,
      response: { 200: ZCaseDetailSchema },
    },
    handler: (request) => cases.detail(request.ctx, request.params.id),
  });

  r.post('/api/cases', {
    config: { access: 'case.handle' },
    schema: {
      tags,
      summary: '登记案件（待立案审批）：当事人、来源、违法行为、办案机关、承办人',
      body: ZCaseCreateSchema,
      response: { 201: ZCaseDetailSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await cases.create(request.ctx, request.body)),
  });

  r.post('/api/cases/:id/evidence', {
    config: { access: 'case.handle' },
    schema: {
      tags,
      summary: '添加证据（书证、照片、笔录；附件 SHA-256）',
      params: ZIdParams,
      body: ZEvidenceCreateSchema,
      response: { 200: ZCaseDetailSchema },
    },
    handler: (request) => cases.addEvidence(request.ctx, request.params.id, request.body),
  });

  r.post('/api/cases/:id/inquiries', {
    config: { access: 'case.handle' },
    schema: {
      tags,
      summary: '制作询问笔录（问答记录，编号，可生成 Word）',
      params: ZIdParams,
      body: ZInquiryCreateSchema,
      response: { 201: ZCaseDetailSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await cases.addInquiry(request.ctx, request.params.id, request.body)),
  });

  r.get('/api/cases/:id/documents/:docId', {
    config: { access: 'case.read' },
    schema: { tags, summary: '案件文书（Word，按文号生成）', params: ZDocParams },
    handler: async (request, reply) => {
      const { buffer, fileName } = await caseDocumentDocx(cases, request.ctx, request.params.id, request.params.docId);
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', contentDisposition('case-document.docx', fileName))
        .send(buffer);
    },
  });

  for (const kind of Object.keys(CASE_ACTION_SCHEMAS) as TCaseActionKind[]) {
    r.post(`/api/cases/:id/${actionPath(kind)}`, {
      config: { access: CASE_ACTION_PERMISSIONS[kind] },
      schema: {
        tags,
        summary: `${CASE_ACTION_LABELS[kind]}（按程序规则校验；不符合时拒绝且不作任何改动）`,
        params: ZIdParams,
        body: CASE_ACTION_SCHEMAS[kind] as z.ZodType<object>,
        response: { 200: ZCaseDetailSchema },
      },
      handler: (request) => cases.act(request.ctx, request.params.id, { ...(request.body as object), kind } as TCaseAction),
    });
  }
}
