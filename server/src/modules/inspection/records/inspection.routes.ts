import { findingEndpoints, inspectionEndpoints as e } from '@yingji/domain';
import { DOCX_MIME, sendFile } from '../../../kit/ledger-export';
import { handle, type TRouteBinding } from '../../../kit/route';
import type { TFindingService } from './finding.service';
import type { TInspectionDocumentService } from './inspection-document.service';
import type { TInspectionRead } from './inspection.read';
import type { TInspectionService } from './inspection.service';
import type { TRecordsExport } from './records.export';

/** Inspection records, their findings and the 现场检查记录 document, with their handlers. */
export function inspectionRoutes({
  inspections,
  read,
  findings,
  exporter,
  documents,
}: {
  inspections: TInspectionService;
  read: TInspectionRead;
  findings: TFindingService;
  exporter: TRecordsExport;
  documents: TInspectionDocumentService;
}): TRouteBinding[] {
  return [
    handle(e.list, ({ ctx, query }) => read.list(ctx, query)),
    handle(e.export, async ({ ctx, query, reply }) => sendFile(reply, await exporter.inspections(ctx, query), 'inspections.xlsx')),
    handle(e.pendingTargets, ({ ctx }) => read.pendingTargets(ctx)),
    handle(e.inspectorOptions, ({ ctx }) => read.inspectorOptions(ctx)),
    handle(e.detail, ({ ctx, params }) => read.detail(ctx, params.id)),
    handle(e.create, ({ ctx, body }) => inspections.create(ctx, body)),
    handle(e.update, ({ ctx, params, body }) => inspections.update(ctx, params.id, body)),
    handle(e.submit, ({ ctx, params }) => inspections.submit(ctx, params.id)),
    handle(e.publish, ({ ctx, params }) => inspections.publish(ctx, params.id)),
    handle(e.recordDocx, async ({ ctx, params, reply }) => {
      const { buffer, fileName } = await documents.recordDocx(ctx, params.id);
      return sendFile(reply, { body: buffer, fileName }, 'inspection-record.docx', DOCX_MIME);
    }),
    handle(findingEndpoints.list, ({ ctx, query }) => findings.list(ctx, query)),
    handle(findingEndpoints.summary, ({ ctx, query }) => findings.summary(ctx, query)),
    handle(findingEndpoints.export, async ({ ctx, query, reply }) => sendFile(reply, await exporter.findings(ctx, query), 'findings.xlsx')),
  ];
}
