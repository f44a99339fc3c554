/**
 * The duty officer's live board (ETag): open incidents and those seen in the window, the counts, the device alerts.
 *
 * Polled every few seconds by every duty screen while alarms stream in, so in the dry season nearly every poll finds
 * it changed. It stays exactly fresh (a poll after a write sees it) and its cost follows the changes, not the board:
 * - each (scope, window) keeps its incidents in memory with the change number they are current at
 *   (fire-board.repo.ts); a poll asks in one statement for the newest number and whether anything in its scope
 *   changed since, and reads only the rows changed since (a town's board is untouched by another town's alarms);
 * - the view (which are shown, counts, late) is the rule `boardView` over the kept rows, made again after a change or
 *   when the clock alone moves it (a deadline passing, an incident leaving the window), else given again as it is;
 * - each incident's JSON text is kept by its change, so a change presents and serialises only the incidents changed;
 * - the tag is the view's digest with the scope: a viewer's 304 means the same board, after a restart too;
 * - the rows are read afresh once a minute (and when the numbers went back, as after a restore): a row written
 *   outside the module (a generator, a restore) keeps number 0 and shows within that minute.
 * Polls of one (scope, window) take turns; one that finds the board already brought past its own reading reads
 * nothing more, so the viewers of a scope share one read a change.
 * A viewer who names the stamp he holds (`since`) is given what changed since, when that stamp is one of the board's
 * recent views (fire-board-history.ts), else the full board.
 */
import { createHash } from 'node:crypto';
import { boardView, instantUs, onBoard, type TBoardEntry } from '@yingji/domain';
import type { TCore } from '../../kit/module';
import { requirePermission } from '../../kit/access';
import type { TRequestContext } from '../../shared/context';
import type { TFireHealth } from './fire-health.service';
import * as repo from './fire-board.repo';
import { countUnacknowledgedLate, type TIncidentRow } from './fire-incident.repo';
import { presentNames, type TFirePresent, type TPresentNames } from './fire-present';
import { createBoardHistory, shownView, type TShownView } from './fire-board-history';

type TDeps = Pick<TCore, 'db' | 'clock' | 'settings'> & { health: Pick<TFireHealth, 'alerts'>; present: TFirePresent };

/** Incident texts kept at most (a board shows 500 at most; towns' boards share the city's texts). */
const MAX_TEXTS = 5_000;
/** Incidents a board keeps in memory at most; beyond, every poll reads the board afresh (as before keeping). */
const MAX_KEPT = 2_000;
/** Milliseconds a board's rows are kept before they are read afresh. */
const REREAD_MS = 60_000;
/** Boards kept at most (a scope and window each); all are dropped when full. */
const MAX_BOARDS = 64;

type TEntry = TBoardEntry & { row: TIncidentRow };

interface TKept {
  /** The change number the rows are current at. */
  seq: number;
  readAtMs: number;
  /** False when the board had more than `MAX_KEPT` incidents: then `rows` is only the newest and is read every poll. */
  complete: boolean;
  rows: Map<number, TEntry>;
  /** The channels' open alerts and their stamp, and the digest of the names, as read with the rows. */
  alerts: { stamp: string; list: Awaited<ReturnType<TFireHealth['alerts']>> };
  names: string;
  /** The towns' and channels' names presented, kept until the rows are read afresh. */
  presentNames: TPresentNames;
  view: { etag: string; text: string; validUntilMs: number; context: string; shown: TShownView } | null;
}

const entryOf = (row: TIncidentRow): TEntry => ({
  id: row.id,
  status: row.status,
  lastSeenUs: instantUs(row.lastSeenAt),
  openedUs: instantUs(row.openedAt),
  acknowledged: row.acknowledgedAt !== null,
  escalated: row.escalatedAt !== null,
  row,
});

export function createFireBoard({ db, clock, settings, health, present }: TDeps) {
  const boards = new Map<string, TKept>();
  /** Each (scope, window)'s turn: polls of one board bring it up to date one after another. */
  const turns = new Map<string, Promise<unknown>>();
  /** Each incident's JSON text and the change (with names and deadline setting) it was made from. */
  const texts = new Map<number, { key: string; text: string }>();
  const history = createBoardHistory();

  /**
   * The board's tag, and its JSON text unless the caller's `ifNoneMatch` is still the tag (then null: 304): what changed
   * since the caller's stamp `since` when the board's recent views include it (`delta`), else the full board.
   */
  async function board(ctx: TRequestContext, query: { hours: number; since?: string | undefined }, ifNoneMatch: string | undefined) {
    const actor = requirePermission(ctx, 'fire.read');
    const scope = actor.divisionCode;
    const key = `${scope}|${query.hours}`;
    const { ackMinutes } = await settings.get('fire');
    // read after this request began: everything committed before it is at or below `poll.latest`; the changes since
    // the kept board's number come with it, unless the board is to be read afresh anyway
    const kept = boards.get(key);
    const after = kept && kept.complete && clock().getTime() - kept.readAtMs < REREAD_MS ? kept.seq : null;
    const poll = await repo.boardPoll(db, scope, after);
    const view = await inTurn(key, () => bringUp(key, scope, query.hours, ackMinutes, after, poll));
    if (ifNoneMatch === view.etag) return { etag: view.etag, text: null, delta: false };
    const delta = query.since === undefined ? null : history.delta(key, query.since, view.shown);
    return delta === null ? { etag: view.etag, text: view.text, delta: false } : { etag: view.etag, text: delta, delta: true };
  }

  function inTurn<T>(key: string, run: () => Promise<T>): Promise<T> {
    const result = (turns.get(key) ?? Promise.resolve()).then(run);
    const settled = result.catch(() => undefined);
    turns.set(key, settled);
    void settled.then(() => turns.get(key) === settled && turns.delete(key));
    return result;
  }

  async function bringUp(key: string, scope: string, hours: number, ackMinutes: number, after: number | null, poll: repo.TBoardPoll) {
    const nowMs = clock().getTime();
    let kept = boards.get(key);
    let changed = false;
    // read afresh: the first poll, a board too big to keep, once a minute, numbers gone back (a restore), and a change
    // of the channels' alerts or names (rare; their rows are few but the incidents' texts name the channels)
    if (
      !kept ||
      !kept.complete ||
      nowMs - kept.readAtMs >= REREAD_MS ||
      (after !== null && poll.latest < after) ||
      kept.alerts.stamp !== poll.alerts ||
      kept.names !== poll.names
    ) {
      kept = await readAfresh(key, scope, hours, nowMs, poll);
      changed = true;
    } else if (kept.seq < poll.latest) {
      // the poll's rows are every change in scope after `after` in a snapshot newer than the kept board's, so when the
      // board is at `after` or past it (another poll of its turn brought it on), they bring it to the poll's number
      if (after !== null && after <= kept.seq) changed = applyChanges(kept, poll.rows, hours, nowMs, poll.latest);
      else changed = await readChanges(kept, scope, hours, nowMs, poll.latest);
      if (kept.rows.size > MAX_KEPT) {
        kept = await readAfresh(key, scope, hours, nowMs, poll);
        changed = true;
      }
    }
    // dropped before it is made again: if making it fails, the next poll must not be given the old one
    if (changed) kept.view = null;
    const context = `${ackMinutes}|${poll.names}`;
    const view = kept.view;
    if (view && view.context === context && nowMs < view.validUntilMs) return view;
    return (kept.view = await makeView(key, kept, scope, hours, ackMinutes, nowMs, context));
  }

  async function readAfresh(key: string, scope: string, hours: number, nowMs: number, stamp: repo.TBoardStamp): Promise<TKept> {
    const since = new Date(nowMs - hours * 3_600_000).toISOString();
    const [rows, alerts] = await Promise.all([repo.boardRows(db, scope, since, MAX_KEPT + 1), health.alerts(scope)]);
    const kept: TKept = {
      // an empty board has no row to carry its snapshot's number: the poll's own is older, so never too new
      seq: rows[0]?.latest ?? stamp.latest,
      readAtMs: nowMs,
      complete: rows.length <= MAX_KEPT,
      rows: new Map(rows.slice(0, MAX_KEPT).map((r) => [r.id, entryOf(r)])),
      alerts: { stamp: stamp.alerts, list: alerts },
      names: stamp.names,
      presentNames: presentNames(),
      view: null,
    };
    if (!boards.has(key) && boards.size >= MAX_BOARDS) boards.clear();
    boards.set(key, kept);
    return kept;
  }

  /** Reads and applies the rows changed since the kept number; whether any was in scope. */
  async function readChanges(kept: TKept, scope: string, hours: number, nowMs: number, latest: number): Promise<boolean> {
    const rows = await repo.boardChanges(db, scope, kept.seq);
    // no row in scope changed: the poll's number is older than this read's, so never too new
    return applyChanges(kept, rows, hours, nowMs, rows[0]?.latest ?? latest);
  }

  /** Applies rows changed in scope, read in a snapshot whose newest change number is `latest`; whether there were any. */
  function applyChanges(kept: TKept, rows: readonly TIncidentRow[], hours: number, nowMs: number, latest: number): boolean {
    for (const r of rows) {
      const e = entryOf(r);
      if (onBoard(e, nowMs, hours)) kept.rows.set(r.id, e);
      else kept.rows.delete(r.id);
    }
    kept.seq = latest;
    return rows.length > 0;
  }

  async function makeView(key: string, kept: TKept, scope: string, hours: number, ackMinutes: number, nowMs: number, context: string) {
    const v = boardView(kept.rows.values(), nowMs, hours, ackMinutes);
    for (const [id, e] of kept.rows) if (!onBoard(e, nowMs, hours)) kept.rows.delete(id);
    if (!kept.complete) {
      // only the newest are kept: the late count is over every new incident in scope
      v.counts.unacknowledgedLate = await countUnacknowledgedLate(db, scope, new Date(nowMs - ackMinutes * 60_000).toISOString());
      v.validUntilMs = nowMs + 1;
    }
    const parts = await incidentTexts(
      v.shown.map((e) => e.row),
      context,
      kept.presentNames,
    );
    const tail = `"counts":${JSON.stringify(v.counts)},"deviceAlerts":${JSON.stringify(kept.alerts.list)}`;
    const body = `"incidents":[${parts.join(',')}],${tail}`;
    // the scope is in the tag, so a browser shared by two users never revalidates one's board with the other's
    const digest = createHash('sha1').update(body).digest('base64url');
    const etag = `"${Buffer.from(`${scope}|${hours}`).toString('base64url')}.${digest}"`;
    const shown = history.record(key, shownView(etag, v.shown, parts, tail));
    return { etag, text: `{"stamp":${JSON.stringify(etag)},${body}}`, validUntilMs: v.validUntilMs, context, shown };
  }

  /** The incidents' JSON texts, presenting and serialising only those changed since their text was made. */
  async function incidentTexts(rows: TIncidentRow[], context: string, names: TPresentNames): Promise<string[]> {
    if (texts.size > MAX_TEXTS) texts.clear();
    const keyOf = (r: TIncidentRow) => `${r.changeSeq}|${r.version}|${r.updatedAt}|${context}`;
    const parts = rows.map((r) => {
      const kept = texts.get(r.id);
      return kept?.key === keyOf(r) ? kept.text : null;
    });
    const missed = rows.filter((_, i) => parts[i] === null);
    const presented = await present(db, missed, names);
    let next = 0;
    for (const [i, r] of rows.entries()) {
      if (parts[i] !== null) continue;
      const text = JSON.stringify(presented[next++]);
      texts.set(r.id, { key: keyOf(r), text });
      parts[i] = text;
    }
    return parts as string[];
  }

  return { board };
}
