/**
 * The workbench registry: each module's manifest contributes providers, each answering for one actor with the
 * items that concern him (a count and a link to the filtered list). Providers count with indexed queries; a role
 * a provider does not serve gets nothing from it without touching the database.
 *
 * It is the page everyone opens, and opens again: an actor's answer is kept and given again while the database has
 * not changed and the minute has not turned (kit/snapshot-cache.ts says what "not changed" means).
 */
import type { TRole, TWorkbench, TWorkbenchItem } from '@yingji/domain';
import type { Db } from '../db/client';
import type { TActorContext, TRequestContext } from '../shared/context';
import { requireActor } from './access';
import { createSnapshotCache } from './snapshot-cache';

export interface TWorkbenchProvider {
  /** `hazard.overdue`: unique over the platform. */
  key: string;
  /** Roles this provider answers for; others are skipped without a query. */
  roles: readonly TRole[];
  /** Items for the actor (count 0 allowed: the page shows them greyed as "nothing to do"). */
  items(db: Db, actor: TActorContext): Promise<Omit<TWorkbenchItem, 'module'>[]>;
}

export interface TWorkbenchRegistry {
  add(module: string, providers: readonly TWorkbenchProvider[]): void;
  providers(): readonly (TWorkbenchProvider & { module: string })[];
  forActor(db: Db, ctx: TRequestContext, now: Date): Promise<TWorkbench>;
}

/** Answers kept at most: one per actor who opened the workbench in the current minute and snapshot. */
const KEPT_MAX = 2_000;

const GROUP_ORDER = { approval: 0, todo: 1, watch: 2 } as const;
const SEVERITY_ORDER = { danger: 0, warning: 1, info: 2 } as const;

export function createWorkbenchRegistry(): TWorkbenchRegistry {
  const all: (TWorkbenchProvider & { module: string })[] = [];
  // Keyed by actor; requests of one actor that miss together share one computation.
  const kept = createSnapshotCache<TWorkbench>({ max: KEPT_MAX, period: 60_000 });

  async function compute(db: Db, actor: TActorContext, now: Date): Promise<TWorkbench> {
    const mine = all.filter((p) => p.roles.includes(actor.role));
    const lists = await Promise.all(mine.map(async (p) => (await p.items(db, actor)).map((item) => ({ ...item, module: p.module }))));
    const items = lists
      .flat()
      .sort(
        (a, b) =>
          Number(b.count > 0) - Number(a.count > 0) ||
          GROUP_ORDER[a.group] - GROUP_ORDER[b.group] ||
          SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
          a.key.localeCompare(b.key),
      );
    return { items, generatedAt: now.toISOString() };
  }

  return {
    add(module, providers) {
      for (const p of providers) {
        if (all.some((q) => q.key === p.key)) throw new Error(`workbench provider ${p.key} is registered twice`);
        all.push({ ...p, module });
      }
    },
    providers: () => all,
    async forActor(db, ctx, now) {
      const actor = requireActor(ctx);
      return kept.get(db, `${actor.id}:${actor.role}:${actor.divisionCode}`, now, () => compute(db, actor, now));
    },
  };
}
