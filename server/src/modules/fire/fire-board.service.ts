/**
 * The duty officer's live board (ETag): open incidents and those seen in the window, the counts, the device alerts.
 *
 * Polled every few seconds by every duty screen while alarms stream in, so in the dry season nearly every poll finds
 * it changed. It stays exactly fresh (a poll after a write sees it) and is made cheap instead:
 * - freshness is one statement (`boardStamp`); an unchanged board answers 304;
 * - the answer is kept as JSON text per (scope, window) and tag, so the viewers of one scope share one rebuild and it
 *   is sent as it is, not validated and serialised again per viewer (fire-board.test.ts checks it against the contract);
 * - each incident's JSON text is kept by its row's version, so a rebuild reads the rows again but presents and
 *   serialises only the incidents that changed (a merged alarm bumps the version); the channels' and sites' names
 *   are in the stamp, so a rename presents them all again.
 */
import type { TCore } from '../../kit/module';
import { requirePermission } from '../../kit/access';
import type { TRequestContext } from '../../shared/context';
import type { TFireHealth } from './fire-health.service';
import * as repo from './fire-incident.repo';
import type { TFirePresent } from './fire-present';

type TDeps = Pick<TCore, 'db' | 'clock' | 'settings'> & { health: Pick<TFireHealth, 'alerts'>; present: TFirePresent };

/** Incident texts kept at most (a board shows 500 at most; towns' boards share the city's texts). */
const MAX_TEXTS = 5_000;

export function createFireBoard({ db, clock, settings, health, present }: TDeps) {
  /** The last board text built per scope and window, served again while its tag still holds. */
  const boards = new Map<string, { etag: string; text: Promise<string> }>();
  /** Each incident's JSON text and the version (with names and deadline setting) it was made from. */
  const texts = new Map<number, { key: string; text: string }>();

  /** The board's tag, and its JSON text unless the caller's `ifNoneMatch` is still the tag (then null: 304). */
  async function board(ctx: TRequestContext, query: { hours: number }, ifNoneMatch: string | undefined) {
    const actor = requirePermission(ctx, 'fire.read');
    const now = clock();
    const since = new Date(now.getTime() - query.hours * 3_600_000).toISOString();
    const { ackMinutes } = await settings.get('fire');
    const lateBefore = new Date(now.getTime() - ackMinutes * 60_000).toISOString();
    // the stamp covers incidents and the channels' alerts; the late count changes with the clock, so it is in it too;
    // the scope is in the tag, so a browser shared by two users never revalidates one's board with the other's
    const { stamp, names } = await repo.boardStamp(db, actor.divisionCode, since, lateBefore);
    const etag = `"${Buffer.from(`${actor.divisionCode}|${query.hours}|${ackMinutes}|${names}|${stamp}`).toString('base64url')}"`;
    if (ifNoneMatch === etag) return { etag, text: null };
    // every viewer of one scope gets the text built by the first request after a change, also while it is being built
    const cacheKey = `${actor.divisionCode}|${query.hours}`;
    const cached = boards.get(cacheKey);
    if (cached?.etag === etag) return { etag, text: await cached.text };
    const text = build(actor.divisionCode, since, lateBefore, etag, `${ackMinutes}|${names}`);
    if (boards.size >= 64) boards.clear();
    boards.set(cacheKey, { etag, text });
    text.catch(() => boards.get(cacheKey)?.text === text && boards.delete(cacheKey));
    return { etag, text: await text };
  }

  async function build(scope: string, since: string, lateBefore: string, etag: string, context: string): Promise<string> {
    const [rows, late, deviceAlerts] = await Promise.all([
      repo.boardIncidents(db, scope, since),
      repo.countUnacknowledgedLate(db, scope, lateBefore),
      health.alerts(scope),
    ]);
    if (texts.size > MAX_TEXTS) texts.clear();
    const keyOf = (r: repo.TIncidentRow) => `${r.version}|${r.updatedAt}|${context}`;
    // the kept texts are taken now: another build may replace one with a newer version while this one presents
    const parts = rows.map((r) => {
      const kept = texts.get(r.id);
      return kept?.key === keyOf(r) ? kept.text : null;
    });
    const missed = rows.filter((_, i) => parts[i] === null);
    const presented = await present(db, missed);
    let next = 0;
    for (const [i, r] of rows.entries()) {
      if (parts[i] !== null) continue;
      const text = JSON.stringify(presented[next++]);
      texts.set(r.id, { key: keyOf(r), text });
      parts[i] = text;
    }
    const counts = {
      new: rows.filter((r) => r.status === 'new').length,
      verified: rows.filter((r) => r.status === 'verified').length,
      dispatched: rows.filter((r) => r.status === 'dispatched').length,
      unacknowledgedLate: late,
    };
    return `{"stamp":${JSON.stringify(etag)},"incidents":[${parts.join(',')}],"counts":${JSON.stringify(counts)},"deviceAlerts":${JSON.stringify(deviceAlerts)}}`;
  }

  return { board };
}
