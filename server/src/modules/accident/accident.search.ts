import { accidentEndpoints, bureauDate } from '@yingji/domain';
import type { TSearchProvider } from '../../kit/search';
import type { TAccidentApi } from './accident.module';

/** Accidents and emergencies by title or party, through the accident ledger (its scope). */
export const accidentSearch = ({ records }: TAccidentApi): TSearchProvider[] => [
  {
    key: 'accident',
    title: '事故和突发事件',
    permission: 'accident.read',
    async search(ctx, q, limit) {
      const page = await records.list(ctx, accidentEndpoints.list.query.parse({ q, pageSize: limit }));
      return {
        hits: page.items.map((a) => ({
          title: a.title,
          subtitle: [a.partyName, a.townName, bureauDate(new Date(a.occurredAt))].filter(Boolean).join(' · '),
          href: `/accidents/${a.id}`,
        })),
        total: page.total,
        moreHref: `/accidents?q=${encodeURIComponent(q)}`,
      };
    },
  },
];
