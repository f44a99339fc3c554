/** The resources module's workbench items: loans to approve and to issue, overdue loans (the reminder), stock alerts. */
import type { TWorkbenchProvider } from '../../kit/workbench';
import type { TAlertsService } from './alerts.service';
import * as loanRepo from './loan.repo';

export function resourcesWorkbench(alerts: TAlertsService, today: () => string): TWorkbenchProvider[] {
  return [
    {
      key: 'resources.loans_to_approve',
      roles: ['bureau_officer', 'bureau_leader'],
      items: async (db, actor) => [
        {
          key: 'resources.loans_to_approve',
          group: 'approval',
          severity: 'warning',
          title: '待审批的物资出借',
          hint: '申请人不能审批自己的申请；超过金额或特定物资须二级审批',
          count: (await loanRepo.pendingCounts(db, actor.divisionCode, actor.id)).toApprove,
          href: '/resources/loans?state=requested',
        },
      ],
    },
    {
      key: 'resources.loans_to_issue',
      roles: ['bureau_officer', 'town_officer'],
      items: async (db, actor) => [
        {
          key: 'resources.loans_to_issue',
          group: 'todo',
          severity: 'info',
          title: '已批准待出库的物资出借',
          hint: '保管员按先到期先出出库',
          count: (await loanRepo.pendingCounts(db, actor.divisionCode, actor.id)).toIssue,
          href: '/resources/loans?state=approved',
        },
      ],
    },
    {
      key: 'resources.loans_overdue',
      roles: ['bureau_officer', 'bureau_leader', 'town_officer', 'duty_officer'],
      items: async (db, actor) => [
        {
          key: 'resources.loans_overdue',
          group: 'todo',
          severity: 'danger',
          title: '逾期未归还的出借物资',
          hint: '请提醒借用单位归还，或登记消耗、损坏、丢失',
          count: (await loanRepo.overdueLoans(db, actor.divisionCode, today())).length,
          href: '/resources/loans?overdue=true',
        },
      ],
    },
    {
      key: 'resources.stock_alerts',
      roles: ['bureau_officer', 'town_officer'],
      items: async (_db, actor) => {
        const n = await alerts.counts(actor, ['below_minimum', 'expired']);
        return [
          {
            key: 'resources.stock_alerts',
            group: 'watch',
            severity: n.expired > 0 ? 'danger' : 'warning',
            title: '物资低于最低储备或已过期',
            hint: `低于最低储备 ${n.below_minimum} 项，过期批次 ${n.expired} 个`,
            count: n.below_minimum + n.expired,
            href: '/resources/alerts',
          },
        ];
      },
    },
  ];
}
