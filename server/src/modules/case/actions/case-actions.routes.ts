import { CASE_ACTION_KINDS, caseActionEndpoints, type TCaseAction } from '@yingji/domain';
import { handle, type TRouteBinding } from '../../../kit/route';
import type { TCaseActService } from './case-act.service';

/** `POST /api/cases/:id/<action>` for each procedural action: the kind from the path, the rest from the body. */
export const caseActionRoutes = (actions: TCaseActService): TRouteBinding[] =>
  CASE_ACTION_KINDS.map((kind) =>
    handle(caseActionEndpoints[kind], ({ ctx, params, body }) => actions.act(ctx, params.id, { ...body, kind } as TCaseAction)),
  );
