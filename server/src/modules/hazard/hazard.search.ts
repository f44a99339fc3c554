import { HAZARD_LEVEL_LABELS, HAZARD_STATE_LABELS, hazardEndpoints } from '@yingji/domain';
import type { TSearchProvider } from '../../kit/search';
import type { THazardApi } from './hazard.module';

/** Hazards by description, place or firm, through the hazard list (its scope, and a firm's own for an enterprise user). */
export const hazardSearch = ({ hazards }: THazardApi): TSearchProvider[] => [
  {
    key: 'hazard',
    title: '隐患',
    permission: 'hazard.read',
    async search(ctx, q, limit) {
      const page = await hazards.list(ctx, hazardEndpoints.list.query.parse({ q, pageSize: limit }));
      return {
        hits: page.items.map((h) => ({
          title: h.description,
          subtitle: [h.enterpriseName, HAZARD_LEVEL_LABELS[h.level], HAZARD_STATE_LABELS[h.state], h.foundOn].join(' · '),
          href: `/hazards/${h.id}`,
        })),
        total: page.total,
        moreHref: `/hazards?q=${encodeURIComponent(q)}`,
      };
    },
  },
];
