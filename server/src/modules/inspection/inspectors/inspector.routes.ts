import { inspectorEndpoints as e } from '@yingji/domain';
import type { TCore } from '../../../kit/module';
import { sendFile } from '../../../kit/ledger-export';
import { handle, type TRouteBinding } from '../../../kit/route';
import { exportInspectorsXlsx } from './inspector.export';
import type { TInspectorService } from './inspector.service';

/** The inspector pool's endpoints with their handlers. */
export function inspectorRoutes(inspectors: TInspectorService, { db, audit, clock }: TCore): TRouteBinding[] {
  return [
    handle(e.list, ({ ctx, query }) => inspectors.list(ctx, query)),
    handle(e.export, async ({ ctx, query, reply }) =>
      sendFile(reply, await exportInspectorsXlsx({ db, audit, clock }, ctx, query), 'inspectors.xlsx'),
    ),
    handle(e.candidates, ({ ctx }) => inspectors.candidates(ctx)),
    handle(e.create, ({ ctx, body }) => inspectors.create(ctx, body)),
    handle(e.update, ({ ctx, params, body }) => inspectors.update(ctx, params.id, body)),
    handle(e.conflicts, ({ ctx, params }) => inspectors.conflicts(ctx, params.id)),
    handle(e.declareConflict, ({ ctx, params, body }) => inspectors.declareConflict(ctx, params.id, body)),
    handle(e.withdrawConflict, ({ ctx, params }) => inspectors.withdrawConflict(ctx, params.id, params.enterpriseId)),
  ];
}
