import os from 'node:os';
import path from 'node:path';
import type { Db } from '../db/client';
import { createEventBus } from '../kit/events';
import { buildModules, type TAnyModule, type TCore } from '../kit/module';
import { createSearchRegistry } from '../kit/search';
import { createWorkbenchRegistry } from '../kit/workbench';
import type { TClock } from '../shared/context';
import { accidentModule } from './accident/accident.module';
import { attachmentModule } from './attachment/attachment.module';
import { auditModule } from './audit/audit.module';
import { createAuditService } from './audit/audit.service';
import { caseModule } from './case/case.module';
import { findingsModule } from './findings/findings.module';
import { reportModule } from './report/report.module';
import { enterpriseModule } from './enterprise/enterprise.module';
import { fireModule } from './fire/fire.module';
import { hazardModule } from './hazard/hazard.module';
import { inspectionModule } from './inspection/inspection.module';
import { orgModule } from './org/org.module';
import { riskModule } from './risk/risk.module';
import { settingsModule } from './settings/settings.module';
import { createSettingsService } from './settings/settings.service';
import { workbenchModule } from './workbench/workbench.module';
import { drillModule } from './drill/drill.module';
import { resourcesModule } from './resources/resources.module';
import { createLiveHub } from '../kit/live';
import { createReminderRegistry } from '../kit/notify';
import { createMapRegistry } from '../kit/map';
import { notificationModule } from './notification/notification.module';
import { createNotifier } from './notification/notifier';
import { warningModule } from './warning/warning.module';
import { rollupModule } from './rollup/rollup.module';
import { mapModule } from './map/map.module';

/**
 * Every module, in the order they are built: a module may use the APIs of those above it. Adding a module is one
 * line here (and its manifest, copied from `_template/`).
 */
export const MODULES: readonly TAnyModule[] = [
  orgModule,
  settingsModule,
  auditModule,
  attachmentModule,
  enterpriseModule,
  riskModule,
  inspectionModule,
  hazardModule,
  caseModule,
  accidentModule,
  workbenchModule,
  drillModule,
  findingsModule,
  reportModule,
  resourcesModule,
  notificationModule,
  warningModule,
  fireModule,
  rollupModule,
  mapModule,
];

export interface TServiceOptions {
  db: Db;
  clock: TClock;
  /** Where uploaded files are kept (imports, attachments). */
  filesDir?: string;
  /** Modules added after MODULES (tests of the template). */
  extraModules?: readonly TAnyModule[];
}

/** The platform core (database, clock, audit log, settings, event bus, workbench, search) and every module built on it. */
export function createServices({ db, clock, filesDir = path.join(os.tmpdir(), 'yingji-files'), extraModules = [] }: TServiceOptions) {
  const audit = createAuditService({ clock });
  const live = createLiveHub();
  const core: TCore = {
    db,
    clock,
    filesDir,
    audit,
    settings: createSettingsService({ db, audit, clock }),
    events: createEventBus(),
    workbench: createWorkbenchRegistry(),
    search: createSearchRegistry(),
    notify: createNotifier({ clock, live }),
    live,
    reminders: createReminderRegistry(),
    map: createMapRegistry(),
  };
  const built = buildModules(core, [...MODULES, ...extraModules]);
  return { ...core, modules: built.apis, routes: built.routes, jobs: built.jobs, mount: built.mount, start: built.start };
}
export type TServices = ReturnType<typeof createServices>;
