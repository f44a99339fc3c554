/** The risk module's workbench item: grade-change proposals waiting for a decision (the proposals page's default list). */
import type { TWorkbenchProvider } from '../../kit/workbench';
import type { TRiskApi } from './risk.module';

export const riskWorkbench = ({ risk }: TRiskApi): TWorkbenchProvider[] => [
  {
    key: 'risk.proposals_pending',
    roles: ['bureau_officer', 'bureau_leader'],
    items: async (_db, actor) => {
      const { total } = await risk.listProposals({ actor, clientAddress: null }, { status: 'pending', page: 1, pageSize: 1 });
      return [
        {
          key: 'risk.proposals_pending',
          group: 'approval',
          severity: 'warning',
          title: '待审批的风险等级调整',
          hint: '事故、重大隐患、处罚等触发的升降级建议',
          count: total,
          href: '/risk/proposals',
        },
      ];
    },
  },
];
