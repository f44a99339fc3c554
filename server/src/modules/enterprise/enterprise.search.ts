import { enterpriseEndpoints } from '@yingji/domain';
import type { TSearchProvider } from '../../kit/search';
import type { TEnterpriseApi } from './enterprise.module';

/** Firms by name, former name or credit code, through the registry's own list (its scope and search grams). */
export const enterpriseSearch = ({ enterprises }: TEnterpriseApi): TSearchProvider[] => [
  {
    key: 'enterprise',
    title: '企业',
    permission: 'enterprise.read',
    async search(ctx, q, limit) {
      const page = await enterprises.list(ctx, enterpriseEndpoints.list.query.parse({ q, pageSize: limit }));
      return {
        hits: page.items.map((f) => ({
          title: f.name,
          subtitle: [f.creditCode, f.divisionName, f.formerNames.length > 0 ? `曾用名：${f.formerNames.join('、')}` : null]
            .filter(Boolean)
            .join(' · '),
          href: `/enterprises/${f.id}`,
        })),
        total: page.total,
        moreHref: `/enterprises?q=${encodeURIComponent(q)}`,
      };
    },
  },
];
