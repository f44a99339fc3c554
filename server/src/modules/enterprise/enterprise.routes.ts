import { AppError, ENTERPRISE_UPLOAD_LIMIT_BYTES, enterpriseEndpoints as e, ZColumnMappingSchema } from '@yingji/domain';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { sendFile } from '../../kit/ledger-export';
import { handle, type TRouteBinding } from '../../kit/route';
import { iso } from '../../shared/iso';
import type { TEnterpriseApi } from './enterprise.module';

type TTransferRow = { requestedAt: string; decidedAt: string | null };
const transferDto = <T extends TTransferRow>(t: T) => ({ ...t, requestedAt: iso(t.requestedAt)!, decidedAt: iso(t.decidedAt) });

/** Uploads are the file itself as the body (the regulator's feed here, assessment sheets in the risk module). */
export function registerUploadParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    { parseAs: 'buffer', bodyLimit: ENTERPRISE_UPLOAD_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );
}

/** A column mapping typed as JSON in the query string, checked field by field. */
function parseMapping(text: string | undefined): z.infer<typeof ZColumnMappingSchema> | undefined {
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('invalid', '列对应关系不是有效的 JSON', { field: 'mapping' });
  }
  const parsed = ZColumnMappingSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('invalid', `列对应关系：${parsed.error.issues[0]!.message}`, { field: 'mapping' });
  return parsed.data;
}

/** The registry's routes, mounted from their contracts. */
export const enterpriseRoutes = ({ enterprises, transfers, exporter, imports }: TEnterpriseApi): TRouteBinding[] => [
  handle(e.list, ({ ctx, query }) => enterprises.list(ctx, query)),
  handle(e.export, async ({ ctx, query, reply }) => {
    const { stream, fileName } = await exporter.exportXlsx(ctx, query);
    return sendFile(reply, { body: stream, fileName }, 'enterprises.xlsx');
  }),
  handle(e.alerts, ({ ctx }) => enterprises.deregistrationAlerts(ctx)),
  handle(e.detail, ({ ctx, params }) => enterprises.detail(ctx, params.id)),
  handle(e.timeline, ({ ctx, params, query }) => enterprises.timeline(ctx, params.id, query)),
  handle(e.create, ({ ctx, body }) => enterprises.create(ctx, body)),
  handle(e.update, ({ ctx, params, body }) => enterprises.update(ctx, params.id, body)),
  handle(e.setStatus, ({ ctx, params, body }) => enterprises.setStatus(ctx, params.id, body.status, body.reason)),
  handle(e.requestTransfer, async ({ ctx, params, body }) => transferDto(await transfers.request(ctx, params.id, body))),
  handle(e.transfers, async ({ ctx, query }) => (await transfers.list(ctx, query.status)).map(transferDto)),
  handle(e.decideTransfer, async ({ ctx, params, body }) => transferDto(await transfers.decide(ctx, params.id, body))),
  handle(e.importPreview, ({ ctx, query, request }) => {
    if (!Buffer.isBuffer(request.body)) throw new AppError('invalid', '请上传 .xlsx 或 .csv 文件', { field: 'file' });
    const mapping = parseMapping(query.mapping);
    return imports.preview(ctx, {
      source: { buffer: request.body },
      fileName: query.fileName,
      sourceName: query.source,
      ...(mapping ? { mapping } : {}),
    });
  }),
  handle(e.importApply, ({ ctx, body }) =>
    imports.apply(ctx, {
      token: body.token,
      fileName: body.fileName,
      sourceName: body.source,
      skipInvalid: body.skipInvalid,
      ...(body.mapping ? { mapping: body.mapping } : {}),
    }),
  ),
];
