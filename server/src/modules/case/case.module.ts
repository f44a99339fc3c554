import { defineModule } from '../../kit/module';
import { caseActionRoutes } from './actions/case-actions.routes';
import { createCaseExchangeService } from './exchange/case-exchange.service';
import { caseExchangeRoutes } from './exchange/case-exchange.routes';
import { caseRecordRoutes } from './records/case-records.routes';
import { createCaseReviewService } from './review/case-review.service';
import { caseReviewRoutes } from './review/case-review.routes';
import { createCaseService } from './case.service';
import { caseWorkbench } from './case.workbench';
import { caseSearch } from './case.search';
import { caseReminders } from './case.reminders';

/** The case module's services: cases (with the deregistration guard registered), file review, publication and exchange. */
export function createCaseApi(deps: Parameters<typeof createCaseService>[0]) {
  return Object.assign(createCaseService(deps), { reviews: createCaseReviewService(deps), exchange: createCaseExchangeService(deps) });
}
export type TCaseModule = ReturnType<typeof createCaseApi>;
declare module '../../kit/module' {
  interface TModuleApis {
    case: TCaseModule;
  }
}

/** Administrative penalty cases from filing to closing, documents, payments, case-file review, 双公示 and exchange. */
export const caseModule = defineModule({
  name: 'case',
  title: '行政执法',
  permissions: ['case.read', 'case.handle', 'case.approve', 'case.legal_review', 'case.deliberate', 'case.catalogue', 'case.file_review'],
  settings: ['caseProcedure', 'caseDocuments'],
  create: ({ db, audit, settings, clock, events, notify }, { attachment, enterprise }) =>
    createCaseApi({ db, audit, settings, attachments: attachment, enterprises: enterprise.enterprises, events, clock, notify }),
  start: async (cases) => {
    await cases.ensureCatalogue();
  },
  routes: (cases) => [
    ...caseRecordRoutes(cases),
    ...caseActionRoutes(cases),
    ...caseReviewRoutes(cases.reviews),
    ...caseExchangeRoutes(cases.exchange),
  ],
  search: (api) => caseSearch(api),
  workbench: (_api, { clock, settings }) => caseWorkbench(clock, settings),
  reminders: () => caseReminders,
});
