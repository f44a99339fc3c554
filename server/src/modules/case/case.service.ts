import type { Db } from '../../db/client';
import type { TEventBus } from '../../kit/events';
import type { TNotifier } from '../../kit/notify';
import type { TClock } from '../../shared/context';
import { readerInScope, type TAttachmentService } from '../attachment/attachment.service';
import type { TAuditService } from '../audit/audit.service';
import type { TEnterpriseService } from '../enterprise/enterprise.service';
import type { TSettingsService } from '../settings/settings.service';
import { createCaseActService } from './actions/case-act.service';
import { createCaseCatalogueService } from './catalogue/case-catalogue.service';
import { caseObligations } from './records/case-obligations';
import { createCaseNumbering } from './records/case-numbering';
import { createCaseRead } from './records/case-read.service';
import { createCaseRecordsService } from './records/case-records.service';
import * as repo from './records/case.repo';

export type TCaseService = ReturnType<typeof createCaseService>;

/**
 * Administrative penalty cases (行政处罚案件) from filing to closing: the catalogue, reading, registering and
 * investigating, and the procedural actions (actions/). Registers the evidence reader with the attachments and the
 * case obligations with the registry's deregistration guard.
 */
export function createCaseService(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  attachments: TAttachmentService;
  enterprises: Pick<TEnterpriseService, 'registerObligationProvider'>;
  events: TEventBus;
  clock: TClock;
  notify: TNotifier;
}) {
  const { attachments, enterprises } = deps;
  const catalogue = createCaseCatalogueService(deps);
  const read = createCaseRead(deps);
  const numbering = createCaseNumbering(deps);
  const records = createCaseRecordsService({ ...deps, read, numbering });
  const actions = createCaseActService({ ...deps, read, numbering });

  // Evidence is read by whoever may read the case: case.read with the case's body in scope.
  attachments.registerReader(
    'case',
    readerInScope('case.read', async (tx, id) => (await repo.findCaseRow(tx, id))?.divisionCode),
  );
  enterprises.registerObligationProvider(caseObligations);
  return { ...catalogue, ...read, ...records, ...actions, obligationProvider: caseObligations };
}
