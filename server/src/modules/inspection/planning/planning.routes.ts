import { drawEndpoints, planEndpoints, publicDrawEndpoints } from '@yingji/domain';
import { handle, type TRouteBinding } from '../../../kit/route';
import type { TPublicationService } from './draw.publication';
import type { TDrawService } from './draw.service';
import type { TPlanService } from './plan.service';

/** Plans, their draws, and the public pages of 双随机一公开 (access 'public'), with their handlers. */
export function planningRoutes({
  plans,
  draws,
  publication,
}: {
  plans: TPlanService;
  draws: TDrawService;
  publication: TPublicationService;
}): TRouteBinding[] {
  const p = planEndpoints;
  const d = drawEndpoints;
  const pub = publicDrawEndpoints;
  return [
    handle(p.list, ({ ctx, query }) => plans.list(ctx, query)),
    handle(p.detail, ({ ctx, params }) => plans.detail(ctx, params.id)),
    handle(p.create, ({ ctx, body }) => plans.create(ctx, body)),
    handle(p.update, ({ ctx, params, body }) => plans.update(ctx, params.id, body)),
    handle(p.approve, ({ ctx, params }) => plans.approve(ctx, params.id)),

    handle(d.ofPlan, ({ ctx, params }) => draws.listOfPlan(ctx, params.id)),
    handle(d.commit, ({ ctx, params, body }) => draws.commit(ctx, params.id, body.label)),
    handle(d.detail, ({ ctx, params, query }) => draws.detail(ctx, params.id, query.page, query.pageSize)),
    handle(d.execute, ({ ctx, params }) => draws.execute(ctx, params.id)),
    handle(d.publish, ({ ctx, params }) => draws.publish(ctx, params.id)),
    handle(d.redraw, ({ ctx, params, body }) => draws.redraw(ctx, params.id, body.reason)),
    handle(d.correct, ({ ctx, params, body }) => draws.correct(ctx, params.id, body.reason)),
    handle(d.inputs, ({ ctx, params }) => draws.inputs(ctx, params.id)),
    handle(d.verify, async ({ ctx, params }) => {
      const v = await draws.verifyInScope(ctx, params.id);
      return v.ok ? { ok: true, problem: null, targets: v.targets } : { ok: false, problem: v.problem, targets: 0 };
    }),

    handle(pub.list, ({ query }) => publication.list(query.page, query.pageSize, query.q)),
    handle(pub.detail, ({ params, query }) => publication.detail(params.id, query.page, query.pageSize)),
    handle(pub.inputs, ({ params }) => publication.inputs(params.id)),
  ];
}
