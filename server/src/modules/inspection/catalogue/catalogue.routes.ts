import { catalogueEndpoints as e } from '@yingji/domain';
import type { TCore } from '../../../kit/module';
import { sendFile } from '../../../kit/ledger-export';
import { handle, type TRouteBinding } from '../../../kit/route';
import { exportCatalogueXlsx } from './catalogue.export';
import type { TCatalogueService } from './catalogue.service';

/** The catalogue's endpoints with their handlers. */
export function catalogueRoutes(catalogue: TCatalogueService, { db, audit, clock }: TCore): TRouteBinding[] {
  return [
    handle(e.items, ({ ctx, query }) => catalogue.listItems(ctx, query)),
    handle(e.exportItems, async ({ ctx, query, reply }) =>
      sendFile(reply, await exportCatalogueXlsx({ db, audit, clock }, ctx, query), 'inspection-items.xlsx'),
    ),
    handle(e.createItem, ({ ctx, body }) => catalogue.createItem(ctx, body)),
    handle(e.checklists, ({ ctx }) => catalogue.listChecklists(ctx)),
    handle(e.createChecklist, ({ ctx, body }) => catalogue.createChecklist(ctx, body)),
    handle(e.checklist, ({ ctx, params }) => catalogue.checklistDetail(ctx, params.id)),
    handle(e.setChecklistItems, ({ ctx, params, body }) => catalogue.setChecklistItems(ctx, params.id, body.itemIds)),
  ];
}
