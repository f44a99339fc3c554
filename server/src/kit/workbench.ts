/**
 * The workbench registry: each module's manifest contributes providers, each answering for one actor with the
 * items that concern him (a count and a link to the filtered list). Providers count with indexed queries; a role
 * a provider does not serve gets nothing from it without touching the database.
 *
 * It is the page everyone opens, and opens again: an actor's answer is kept and given again while the database has
 * not changed and the minute has not turned. "Not changed" is PostgreSQL's own word for it, the transaction snapshot
 * (`pg_current_snapshot()`): any write that began or ended anywhere, in this server or another process on the same
 * database, gives a different snapshot. The snapshot is read before the providers run, so a kept answer is never
 * older than the data it is kept for. The minute bounds what changes with time alone (a deadline passing). The
 * snapshot is the server's, not the database's: on a PostgreSQL server that other databases share, their writes end a
 * kept answer too (never wrong, only fewer answers kept).
 */
import { sql } from 'drizzle-orm';
import type { TRole, TWorkbench, TWorkbenchItem } from '@yingji/domain';
import { type Db, queryRows } from '../db/client';
import type { TActorContext, TRequestContext } from '../shared/context';
import { requireActor } from './access';

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

/** A value that changes whenever any transaction that writes begins or ends on the database. */
export async function dataVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ v: string }>(db, sql`SELECT pg_current_snapshot()::text AS v`);
  return row!.v;
}

const GROUP_ORDER = { approval: 0, todo: 1, watch: 2 } as const;
const SEVERITY_ORDER = { danger: 0, warning: 1, info: 2 } as const;

export function createWorkbenchRegistry(): TWorkbenchRegistry {
  const all: (TWorkbenchProvider & { module: string })[] = [];
  // Keyed by actor; an entry holds the version and minute it was computed for. A Map keeps insertion order, so the
  // first key is the oldest when the map is full. Requests of one actor that miss together share one computation.
  const kept = new Map<string, { stamp: string; answer: Promise<TWorkbench> }>();

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
      const key = `${actor.id}:${actor.role}:${actor.divisionCode}`;
      const stamp = `${await dataVersion(db)}@${Math.floor(now.getTime() / 60_000)}`;
      const hit = kept.get(key);
      if (hit?.stamp === stamp) return hit.answer;
      const answer = compute(db, actor, now);
      kept.delete(key);
      if (kept.size >= KEPT_MAX) kept.delete(kept.keys().next().value!);
      kept.set(key, { stamp, answer });
      // A failed computation is not kept: the next request tries again.
      answer.catch(() => kept.get(key)?.answer === answer && kept.delete(key));
      return answer;
    },
  };
}
