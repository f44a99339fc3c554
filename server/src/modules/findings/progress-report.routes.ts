/** The progress report's routes: the office's (draft, approve, publish, document, answers) and the public's. */
import { bureauDate, progressReportEndpoints as e, publicReportEndpoints as p } from '@yingji/domain';
import { DOCX_MIME, sendFile } from '../../kit/ledger-export';
import { handle, type TRouteBinding } from '../../kit/route';
import type { TClock } from '../../shared/context';
import { progressReportDocument } from './progress-report.document';
import type { TProgressReportService } from './progress-report.service';

export const progressReportRoutes = (api: TProgressReportService, clock: TClock): TRouteBinding[] => [
  handle(e.list, ({ ctx }) => api.list(ctx)),
  handle(e.create, ({ ctx, params, body }) => api.create(ctx, params.id, body)),
  handle(e.detail, ({ ctx, params }) => api.detail(ctx, params.id)),
  handle(e.update, ({ ctx, params, body }) => api.update(ctx, params.id, body)),
  handle(e.approve, ({ ctx, params }) => api.approve(ctx, params.id)),
  handle(e.publish, ({ ctx, params }) => api.publish(ctx, params.id)),
  handle(e.document, async ({ ctx, params, reply }) =>
    sendFile(reply, await progressReportDocument(await api.detail(ctx, params.id), bureauDate(clock())), 'progress-report.docx', DOCX_MIME),
  ),
  handle(e.reply, ({ ctx, params, body }) => api.reply(ctx, params.id, body.reply)),
  handle(p.list, () => api.publicList()),
  handle(p.detail, ({ params }) => api.publicDetail(params.id)),
  handle(p.challenge, ({ params }) => api.challenge(params.id)),
  handle(p.feedback, ({ ctx, params, body }) => api.submitFeedback(ctx, params.id, body)),
];
