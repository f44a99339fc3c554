import { caseEndpoints as e } from '@yingji/domain';
import { DOCX_MIME, sendFile } from '../../../kit/ledger-export';
import { handle, type TRouteBinding } from '../../../kit/route';
import type { TCaseService } from '../case.service';
import { caseDocumentDocx } from './case-document';

/** Cases, their evidence, interviews and Word documents, the views and the violation catalogue. */
export const caseRecordRoutes = (cases: TCaseService): TRouteBinding[] => [
  handle(e.list, ({ ctx, query }) => cases.list(ctx, query)),
  handle(e.stages, ({ ctx }) => cases.stageView(ctx)),
  handle(e.fines, ({ ctx, query }) => cases.fineTotals(ctx, query)),
  handle(e.violations, ({ ctx }) => cases.listViolations(ctx)),
  handle(e.saveViolation, ({ ctx, body }) => cases.saveViolation(ctx, body)),
  handle(e.detail, ({ ctx, params }) => cases.detail(ctx, params.id)),
  handle(e.create, ({ ctx, body }) => cases.create(ctx, body)),
  handle(e.addEvidence, ({ ctx, params, body }) => cases.addEvidence(ctx, params.id, body)),
  handle(e.addInquiry, ({ ctx, params, body }) => cases.addInquiry(ctx, params.id, body)),
  handle(e.document, async ({ ctx, params, reply }) => {
    const { buffer, fileName } = await caseDocumentDocx(cases, ctx, params.id, params.docId);
    return sendFile(reply, { body: buffer, fileName }, 'case-document.docx', DOCX_MIME);
  }),
];
