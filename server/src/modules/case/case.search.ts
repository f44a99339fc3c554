import { caseEndpoints } from '@yingji/domain';
import type { TSearchProvider } from '../../kit/search';
import type { TCaseModule } from './case.module';

/** Cases by number, party or summary, through the case list (its scope). */
export const caseSearch = (cases: TCaseModule): TSearchProvider[] => [
  {
    key: 'case',
    title: '执法案件',
    permission: 'case.read',
    async search(ctx, q, limit) {
      const page = await cases.list(ctx, caseEndpoints.list.query.parse({ q, pageSize: limit }));
      return {
        hits: page.items.map((c) => ({
          title: `${c.caseNo ?? '未编号'} ${c.partyName}`,
          subtitle: [c.stageLabel, c.divisionName, c.summary].filter(Boolean).join(' · '),
          href: `/cases/${c.id}`,
        })),
        total: page.total,
        moreHref: `/cases?q=${encodeURIComponent(q)}`,
      };
    },
  },
];
