/**
 * The findings module's manifest: rounds of findings (巡察、审计、上级检查反馈) tracked measure by measure to sign-off
 * (整改销号), the three lists in Excel, and the workbench items of owners, reviewers and the office.
 */
import { findingsEndpoints as e } from '@yingji/domain';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';
import { sendFile } from '../../kit/ledger-export';
import { findingsListsFile } from './findings-lists';
import { createFindingsService, type TFindingsService } from './findings.service';
import { progressReportRoutes } from './progress-report.routes';
import { createProgressReportService, type TProgressReportService } from './progress-report.service';

declare module '../../kit/module' {
  interface TModuleApis {
    findings: TFindingsService & { reports: TProgressReportService };
  }
}

export const findingsModule = defineModule({
  name: 'findings',
  title: '整改销号',
  permissions: ['findings.read', 'findings.manage', 'findings.progress', 'findings.approve'],
  create: (core, { attachment }) => ({
    ...createFindingsService({ ...core, attachments: attachment }),
    reports: createProgressReportService(core),
  }),
  routes: (api, { clock }) => [
    handle(e.people, ({ ctx }) => api.people(ctx)),
    handle(e.rounds, ({ ctx }) => api.rounds(ctx)),
    handle(e.createRound, ({ ctx, body }) => api.createRound(ctx, body)),
    handle(e.round, ({ ctx, params }) => api.round(ctx, params.id)),
    handle(e.addFinding, ({ ctx, params, body }) => api.addFinding(ctx, params.id, body)),
    handle(e.addMeasure, ({ ctx, params, body }) => api.addMeasure(ctx, params.id, body)),
    handle(e.lists, async ({ ctx, params, reply }) =>
      sendFile(reply, await findingsListsFile(api, ctx, params.id, clock()), 'findings-lists.xlsx'),
    ),
    handle(e.measures, ({ ctx, query }) => api.measures(ctx, query)),
    handle(e.measure, ({ ctx, params }) => api.measure(ctx, params.id)),
    handle(e.progress, ({ ctx, params, body }) => api.progress(ctx, params.id, body)),
    handle(e.submit, ({ ctx, params, body }) => api.submit(ctx, params.id, body)),
    handle(e.signOff, ({ ctx, params, body }) => api.signOff(ctx, params.id, body)),
    handle(e.returnMeasure, ({ ctx, params, body }) => api.returnMeasure(ctx, params.id, body)),
    handle(e.reopen, ({ ctx, params, body }) => api.reopen(ctx, params.id, body)),
    ...progressReportRoutes(api.reports, clock),
  ],
  listeners: () => [],
  workbench: ({ workbench }) => [
    {
      key: 'findings.to_sign',
      roles: ['bureau_officer', 'bureau_leader', 'town_officer'],
      items: async (_db, actor) => [
        {
          key: 'findings.to_sign',
          group: 'approval',
          severity: 'warning',
          title: '待我审核销号的整改措施',
          hint: '整改责任人已报送佐证材料，提请销号',
          count: await workbench.toSign(actor),
          href: '/rectification/measures?mine=reviewer',
        },
      ],
    },
    {
      key: 'findings.owned',
      roles: ['bureau_officer', 'bureau_leader', 'town_officer'],
      items: async (_db, actor) => [
        {
          key: 'findings.owned',
          group: 'todo',
          severity: 'info',
          title: '我负责的整改措施',
          hint: '报送整改进展，完成后提请销号',
          count: await workbench.owned(actor),
          href: '/rectification/measures?mine=owner',
        },
      ],
    },
    {
      key: 'findings.overdue',
      roles: ['bureau_officer', 'bureau_leader'],
      items: async (_db, actor) => {
        const [overdue, soon] = await Promise.all([workbench.overdue(actor), workbench.dueSoon(actor)]);
        return [
          {
            key: 'findings.overdue',
            group: 'watch',
            severity: 'danger',
            title: '超期未销号的整改措施',
            hint: '立行立改措施已过整改时限',
            count: overdue,
            href: '/rectification/measures?due=overdue',
          },
          {
            key: 'findings.due_soon',
            group: 'watch',
            severity: 'warning',
            title: '7 日内到期的整改措施',
            hint: '临期的立行立改措施',
            count: soon,
            href: '/rectification/measures?due=due_soon',
          },
        ];
      },
    },
  ],
});
