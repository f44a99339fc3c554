/** The registry's workbench item: firms deregistered or unverified that still owe something (the alerts page). */
import type { TWorkbenchProvider } from '../../kit/workbench';
import type { TEnterpriseApi } from './enterprise.module';

export const enterpriseWorkbench = ({ enterprises }: TEnterpriseApi): TWorkbenchProvider[] => [
  {
    key: 'enterprise.deregistration_alerts',
    roles: ['admin', 'bureau_officer', 'bureau_leader'],
    items: async (_db, actor) => {
      // The count of the alerts page's firms, without loading them (one query per obligation provider).
      const alerts = await enterprises.deregistrationAlertCount({ actor, clientAddress: null });
      return [
        {
          key: 'enterprise.deregistration_alerts',
          group: 'watch',
          severity: alerts > 0 ? 'danger' : 'info',
          title: '注销、吊销或待核实但仍有未了事项的企业',
          hint: '未整改隐患、未结案件、未缴罚款',
          count: alerts,
          href: '/enterprises/alerts',
        },
      ];
    },
  },
];
