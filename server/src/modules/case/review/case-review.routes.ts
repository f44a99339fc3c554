import { caseReviewEndpoints as e } from '@yingji/domain';
import { handle, type TRouteBinding } from '../../../kit/route';
import type { TCaseReviewService } from './case-review.service';

/** 案卷评查: rounds, scores, the report, and the correction tasks sent back to the handling bodies. */
export const caseReviewRoutes = (reviews: TCaseReviewService): TRouteBinding[] => [
  handle(e.rounds, ({ ctx }) => reviews.listRounds(ctx)),
  handle(e.create, ({ ctx, body }) => reviews.createRound(ctx, body)),
  handle(e.round, ({ ctx, params }) => reviews.round(ctx, params.id)),
  handle(e.report, ({ ctx, params }) => reviews.report(ctx, params.id)),
  handle(e.score, ({ ctx, params, body }) => reviews.score(ctx, params.id, params.caseId, body)),
  handle(e.tasks, ({ ctx, query }) => reviews.correctionTasks(ctx, query)),
  handle(e.resolve, ({ ctx, params }) => reviews.resolveTask(ctx, params.id)),
];
