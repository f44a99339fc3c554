/**
 * The resources module's manifest: emergency supplies (warehouses, catalogue, lots and movements, loans with approval,
 * alerts) and shelters (应急避难场所). Raises `resources.loan_changed` at every step of a loan.
 */
import {
  AppError,
  floodCheckEndpoints,
  loanEndpoints,
  reserveGuidanceEndpoints,
  resourcesEndpoints,
  shelterEndpoints,
  stocktakeEndpoints,
} from '@yingji/domain';
import { sendFile } from '../../kit/ledger-export';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';
import type { TCore } from '../../kit/module';
import type { TAttachmentService } from '../attachment/attachment.service';
import { createAlertsService } from './alerts.service';
import { createFloodCheckService } from './flood-check.service';
import { sendJson } from '../../kit/snapshot-cache';
import { createLoanService } from './loan.service';
import { createMinimumService } from './minimum.service';
import { createResourcesService } from './resources.service';
import { resourcesReminders } from './resources.reminders';
import { resourcesWorkbench } from './resources.workbench';
import { createShelterExport } from './shelter-export';
import { createShelterImport } from './shelter-import';
import { createShelterService } from './shelter.service';
import { createShelterStock } from './shelter-stock';
import { createStocktakeService } from './stocktake.service';
import { createStockLedger } from './stock-ledger';
import { resourcesMapLayers } from './resources.map';

function createResourcesApi(core: TCore, attachments: TAttachmentService) {
  const stock = createResourcesService(core);
  const shelters = createShelterService(core);
  return {
    stock,
    loans: createLoanService({ ...core, attachments, stock }),
    alerts: createAlertsService({ ...core, today: stock.today }),
    shelters,
    shelterImport: createShelterImport({ ...core, shelters }),
    shelterExport: createShelterExport(core),
    shelterStock: createShelterStock({ ...core, today: stock.today }),
    stocktakes: createStocktakeService({ ...core, stock }),
    floodChecks: createFloodCheckService({ ...core, attachments, today: stock.today }),
    stockLedger: createStockLedger({ ...core, today: stock.today }),
    guidance: createMinimumService(core),
  };
}
export type TResourcesApi = ReturnType<typeof createResourcesApi>;

declare module '../../kit/module' {
  interface TModuleApis {
    resources: TResourcesApi;
  }
}

const r = resourcesEndpoints;
const l = loanEndpoints;
const s = shelterEndpoints;
const f = floodCheckEndpoints;

export const resourcesModule = defineModule({
  name: 'resources',
  title: '应急物资与避难场所',
  permissions: [
    'resources.read',
    'resources.catalogue',
    'resources.manage',
    'resources.loan',
    'resources.approve',
    'shelter.read',
    'shelter.manage',
  ],
  settings: ['resources', 'reserveGuidance'],
  create: (core, { attachment }) => createResourcesApi(core, attachment),
  routes: ({
    stock,
    loans,
    alerts,
    shelters,
    shelterImport,
    shelterExport,
    shelterStock,
    stocktakes,
    floodChecks,
    stockLedger,
    guidance,
  }) => [
    handle(r.warehouses, ({ ctx }) => stock.warehouses(ctx)),
    handle(r.createWarehouse, ({ ctx, body }) => stock.saveWarehouse(ctx, null, body)),
    handle(r.updateWarehouse, ({ ctx, params, body }) => stock.saveWarehouse(ctx, params.id, body)),
    handle(r.setMinimum, ({ ctx, params, body }) => stock.setMinimum(ctx, params.id, body)),
    handle(r.items, ({ ctx }) => stock.items(ctx)),
    handle(r.createItem, ({ ctx, body }) => stock.createItem(ctx, body)),
    handle(r.stock, async ({ ctx, query, reply }) => sendJson(reply, await stock.stock(ctx, query))),
    handle(r.lots, ({ ctx, query }) => stock.lots(ctx, query)),
    handle(r.receipt, ({ ctx, body }) => stock.receipt(ctx, body)),
    handle(r.suggestIssue, ({ ctx, query }) => stock.suggest(ctx, query)),
    handle(r.issue, ({ ctx, body }) => stock.issue(ctx, body)),
    handle(r.transfer, ({ ctx, body }) => stock.transfer(ctx, body)),
    handle(r.writeOff, ({ ctx, body }) => stock.writeOff(ctx, body)),
    handle(r.maintain, ({ ctx, body }) => stock.maintain(ctx, body)),
    handle(r.movements, ({ ctx, query }) => stock.movements(ctx, query)),
    handle(r.balanceCheck, ({ ctx }) => stock.balanceCheck(ctx)),
    handle(r.alerts, async ({ ctx, query, reply }) => sendJson(reply, await alerts.list(ctx, query))),
    handle(l.list, async ({ ctx, query, reply }) => sendJson(reply, await loans.list(ctx, query))),
    handle(l.export, async ({ ctx, query, reply }) => {
      const file = await loans.ledger(ctx, query);
      return sendFile(reply, file, `loans-${file.date}.xlsx`);
    }),
    handle(l.create, ({ ctx, body }) => loans.create(ctx, body)),
    handle(l.get, ({ ctx, params }) => loans.get(ctx, params.id)),
    handle(l.approve, ({ ctx, params, body }) => loans.approve(ctx, params.id, body)),
    handle(l.refuse, ({ ctx, params, body }) => loans.refuse(ctx, params.id, body)),
    handle(l.cancel, ({ ctx, params, body }) => loans.cancel(ctx, params.id, body)),
    handle(l.issue, ({ ctx, params, body }) => loans.issue(ctx, params.id, body)),
    handle(l.return, ({ ctx, params, body }) => loans.recordReturn(ctx, params.id, body)),
    handle(stocktakeEndpoints.create, ({ ctx, body }) => stocktakes.create(ctx, body)),
    handle(stocktakeEndpoints.get, ({ ctx, params }) => stocktakes.get(ctx, params.id)),
    handle(stocktakeEndpoints.counts, ({ ctx, params, body }) => stocktakes.submitCounts(ctx, params.id, body)),
    handle(stocktakeEndpoints.approve, ({ ctx, params }) => stocktakes.approve(ctx, params.id)),
    handle(s.list, ({ ctx, query }) => shelters.list(ctx, query)),
    handle(s.totals, ({ ctx }) => shelters.totals(ctx)),
    handle(s.nearest, ({ ctx, query }) => shelters.nearest(ctx, query)),
    handle(s.create, ({ ctx, body }) => shelters.save(ctx, null, body)),
    handle(s.update, ({ ctx, params, body }) => shelters.save(ctx, params.id, body)),
    handle(s.import, ({ ctx, query, request }) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('invalid', '请上传 .xlsx 或 .csv 文件', { field: 'file' });
      return shelterImport.preview(ctx, request.body, query.fileName, query.mapping);
    }),
    handle(s.export, async ({ ctx, query, reply }) => {
      const file = await shelterExport.census(ctx, query);
      return sendFile(reply, file, `shelters-${file.date}.xlsx`);
    }),
    handle(s.importTemplate, async ({ reply }) =>
      sendFile(reply, { body: await shelterImport.template(), fileName: '避难场所普查表模板.xlsx' }, 'shelter-census-template.xlsx'),
    ),
    handle(f.rounds, ({ ctx }) => floodChecks.rounds(ctx)),
    handle(f.create, ({ ctx, body }) => floodChecks.create(ctx, body)),
    handle(f.get, ({ ctx, params }) => floodChecks.view(ctx, params.id)),
    handle(f.unit, ({ ctx, params }) => floodChecks.unit(ctx, params.id, params.code)),
    handle(f.record, ({ ctx, params, body }) => floodChecks.record(ctx, params.id, params.code, body)),
    handle(f.fix, ({ ctx, params, body }) => floodChecks.fix(ctx, params.id, params.code, params.item, body)),
    handle(f.export, async ({ ctx, params, reply }) => {
      const file = await floodChecks.ledger(ctx, params.id);
      return sendFile(reply, file, `flood-checks-${file.date}.xlsx`);
    }),
    handle(r.updateItem, ({ ctx, params, body }) => stock.updateItem(ctx, params.id, body)),
    handle(r.warehouseLedger, async ({ ctx, params, reply }) => {
      const file = await stockLedger.warehouseLedger(ctx, params.id);
      return sendFile(reply, file, `stock-ledger-${params.id}-${file.date}.xlsx`);
    }),
    handle(r.acceptorOptions, ({ ctx }) => stock.acceptorOptions(ctx)),
    handle(s.get, ({ ctx, params }) => shelters.get(ctx, params.id)),
    handle(s.stock, ({ ctx, params }) => shelterStock.stock(ctx, params.id)),
    handle(s.importApply, ({ ctx, body }) => shelterImport.apply(ctx, body)),
    handle(reserveGuidanceEndpoints.export, async ({ ctx, reply }) => {
      const file = await guidance.exportGuidance(ctx);
      return sendFile(reply, file, `reserve-guidance-${file.date}.xlsx`);
    }),
    handle(reserveGuidanceEndpoints.import, ({ ctx, query, request }) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('invalid', '请上传 .xlsx 或 .csv 文件', { field: 'file' });
      return guidance.importGuidance(ctx, request.body, query.fileName);
    }),
  ],
  listeners: () => [],
  workbench: ({ alerts, stock }) => resourcesWorkbench(alerts, stock.today),
  reminders: () => resourcesReminders,
  mapLayers: () => resourcesMapLayers,
});
