/**
 * The search registry: each module's manifest contributes providers, each answering a search from the module's own
 * list (so its permission, division scope and enterprise-user limits apply exactly as on the list page). A role
 * without the provider's permission is skipped without a query; providers run side by side.
 */
import { can, type TPermission, type TSearchGroup, type TSearchHit, type TSearchResult } from '@yingji/domain';
import type { TRequestContext } from '../shared/context';
import { requireActor } from './access';

export interface TSearchProvider {
  /** `enterprise`: unique over the platform. */
  key: string;
  /** Chinese name of what it finds, `企业`. */
  title: string;
  /** The permission its list needs; an actor without it is not searched for. */
  permission: TPermission;
  /** The first `limit` matches, the total, and the list filtered by the same words. */
  search(ctx: TRequestContext, q: string, limit: number): Promise<{ hits: TSearchHit[]; total: number; moreHref: string }>;
}

export interface TSearchRegistry {
  add(module: string, providers: readonly TSearchProvider[]): void;
  providers(): readonly (TSearchProvider & { module: string })[];
  search(ctx: TRequestContext, q: string): Promise<TSearchResult>;
}

/** Hits per group: a search box shows a few of each and links to the full list. */
export const SEARCH_HITS_PER_GROUP = 5;

export function createSearchRegistry(): TSearchRegistry {
  const all: (TSearchProvider & { module: string })[] = [];
  return {
    add(module, providers) {
      for (const p of providers) {
        if (all.some((x) => x.key === p.key)) throw new Error(`search provider ${p.key} is registered twice`);
        all.push({ ...p, module });
      }
    },
    providers: () => all,
    async search(ctx, q) {
      const actor = requireActor(ctx);
      const mine = all.filter((p) => can(actor.role, p.permission));
      const groups: TSearchGroup[] = await Promise.all(
        mine.map(async (p) => ({ key: p.key, module: p.module, title: p.title, ...(await p.search(ctx, q, SEARCH_HITS_PER_GROUP)) })),
      );
      return { q, groups: groups.filter((g) => g.total > 0) };
    },
  };
}
