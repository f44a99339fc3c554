import { AppError, riskEndpoints as e } from '@yingji/domain';
import { sendFile } from '../../kit/ledger-export';
import { handle, type TRouteBinding } from '../../kit/route';
import type { TRiskApi } from './risk.module';

/** The risk module's routes, mounted from their contracts. */
export const riskRoutes = ({ risk, views, imports }: TRiskApi): TRouteBinding[] => [
  handle(e.panel, ({ ctx, params }) => risk.panel(ctx, params.id)),
  handle(e.setInitialGrade, ({ ctx, params, body }) => risk.setInitialGrade(ctx, params.id, body)),
  handle(e.recordEvent, ({ ctx, params, body }) => risk.recordManualEvent(ctx, params.id, body)),
  handle(e.proposals, ({ ctx, query }) => risk.listProposals(ctx, query)),
  handle(e.decide, ({ ctx, params, body }) => risk.decide(ctx, params.id, body)),
  handle(e.evaluateAll, ({ ctx }) => risk.evaluateAll(ctx)),
  handle(e.distribution, ({ ctx }) => views.distribution(ctx)),
  handle(e.expiring, ({ ctx, query }) => views.expiring(ctx, query)),
  handle(e.map, ({ ctx }) => views.mapPoints(ctx)),
  // The upload is the file itself as the body; the octet-stream parser is the one the enterprise module registers.
  handle(e.importPreview, ({ ctx, query, request }) => {
    if (!Buffer.isBuffer(request.body)) throw new AppError('invalid', '请上传 .xlsx 或 .csv 文件', { field: 'file' });
    return imports.preview(ctx, { buffer: request.body, fileName: query.fileName });
  }),
  handle(e.importApply, ({ ctx, body }) => imports.apply(ctx, body)),
  handle(e.importTemplate, async ({ reply }) =>
    sendFile(reply, { body: await imports.template(), fileName: '风险评估结果导入模板.xlsx' }, 'risk-assessment-template.xlsx'),
  ),
];
