/**
 * Sessions resolved lately, so that the burst of requests a page sends (a list, its counts, the workbench, the
 * notifications) looks its session up once, not once a request: on a list that is one statement in three.
 *
 * - A session is kept `keptMs` at most (5 s in a server, none in the test harness unless a test asks: tests write
 *   users with SQL of their own). A change made by another process (the CLI's password reset, a second server on the
 *   same PostgreSQL) is seen within that.
 * - This process's own changes are seen at once: the services that write users or sessions (logout, a password
 *   changed or reset, a user edited or disabled, an idle session ended) forget them all after their
 *   transaction commits, and a read that began before a forgetting does not keep what it read (it may have read the
 *   row as it was before the commit).
 * - Only the rows are kept: whether the session is idle, its user disabled or his password expired is decided on
 *   every request, with the request's own clock.
 */
import type { findSession } from './org.repo';

type TFound = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** Sessions kept at most; all are dropped when full (a bureau has hundreds of users, not thousands of sessions). */
const MAX_KEPT = 5_000;

export function createSessionCache(keptMs = 0) {
  const kept = new Map<string, { found: TFound; atMs: number }>();
  let generation = 0;
  let ms = keptMs;

  return {
    /** The session and its user by id: kept, or read with `read` (and kept unless forgotten meanwhile). */
    async find(id: string, read: (id: string) => Promise<TFound | undefined>): Promise<TFound | undefined> {
      const now = performance.now();
      const hit = kept.get(id);
      if (hit && now - hit.atMs < ms) return hit.found;
      const began = generation;
      const found = await read(id);
      if (found && ms > 0 && began === generation) {
        if (kept.size >= MAX_KEPT) kept.clear();
        kept.set(id, { found, atMs: now });
      }
      return found;
    },
    /** The kept session's last-seen time moved (its row was touched). */
    touched(id: string, lastSeenAt: string): void {
      const hit = kept.get(id);
      if (hit) hit.found = { ...hit.found, session: { ...hit.found.session, lastSeenAt } };
    },
    /** Forgets every kept session: a user or a session was written. */
    forget(): void {
      generation++;
      kept.clear();
    },
    /** How long a session is kept (0: not at all). */
    keepFor(nextMs: number): void {
      ms = nextMs;
      kept.clear();
    },
  };
}

export type TSessionCache = ReturnType<typeof createSessionCache>;
