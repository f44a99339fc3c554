/**
 * The duty officer's live board as a rule over the incidents a server keeps in memory: which are shown, in what order,
 * what the counts say, and until when the clock alone leaves that answer unchanged. Times are in microseconds since
 * the epoch, the database's precision, so the order and the window's edge are the database's own.
 */
import type { TIncidentStatus } from './fire.rules';

/** Incidents a board shows at most, newest last sighting first. */
export const BOARD_LIMIT = 500;
/** Statuses an incident stays on the board in, however long ago it was last seen. */
export const OPEN_INCIDENT_STATUSES: readonly TIncidentStatus[] = ['new', 'verified', 'dispatched'];

export interface TBoardEntry {
  id: number;
  status: TIncidentStatus;
  lastSeenUs: number;
  openedUs: number;
  acknowledged: boolean;
  escalated: boolean;
}

export interface TBoardView<T extends TBoardEntry> {
  /** The incidents shown: last seen latest first, then the higher id; `BOARD_LIMIT` at most. */
  shown: T[];
  /** The shown by status, and every new incident neither acknowledged nor escalated `ackMinutes` after it opened. */
  counts: { new: number; verified: number; dispatched: number; unacknowledgedLate: number };
  /** The first millisecond at which the clock alone changes this view (an incident leaves the window, one falls late). */
  validUntilMs: number;
}

const US_PER_MS = 1000;

/** Whether an incident is on a board of the last `hours` at `nowMs`: still open, or last seen since. */
export function onBoard(e: Pick<TBoardEntry, 'status' | 'lastSeenUs'>, nowMs: number, hours: number): boolean {
  return OPEN_INCIDENT_STATUSES.includes(e.status) || e.lastSeenUs >= (nowMs - hours * 3_600_000) * US_PER_MS;
}

/**
 * The board at `nowMs` from its candidates (those on it and any that have since left: they are skipped). The late
 * count is over every incident on the board, not only the shown, as the acknowledgement deadline concerns them all.
 */
export function boardView<T extends TBoardEntry>(entries: Iterable<T>, nowMs: number, hours: number, ackMinutes: number): TBoardView<T> {
  const windowUs = hours * 3_600_000 * US_PER_MS;
  const ackUs = ackMinutes * 60_000 * US_PER_MS;
  const lateBeforeUs = (nowMs - ackMinutes * 60_000) * US_PER_MS;
  let validUntilMs = Infinity;
  let late = 0;
  const members: T[] = [];
  for (const e of entries) {
    if (!onBoard(e, nowMs, hours)) continue;
    members.push(e);
    // a closed or judged incident leaves once the window has passed its last sighting
    if (!OPEN_INCIDENT_STATUSES.includes(e.status))
      validUntilMs = Math.min(validUntilMs, Math.floor((e.lastSeenUs + windowUs) / US_PER_MS) + 1);
    if (e.status === 'new' && !e.acknowledged && !e.escalated) {
      if (e.openedUs <= lateBeforeUs) late++;
      else validUntilMs = Math.min(validUntilMs, Math.ceil((e.openedUs + ackUs) / US_PER_MS));
    }
  }
  members.sort((a, b) => b.lastSeenUs - a.lastSeenUs || b.id - a.id);
  const shown = members.slice(0, BOARD_LIMIT);
  const count = (s: TIncidentStatus) => shown.filter((e) => e.status === s).length;
  return {
    shown,
    counts: { new: count('new'), verified: count('verified'), dispatched: count('dispatched'), unacknowledgedLate: late },
    validUntilMs,
  };
}

/**
 * A database instant as its text reads (`2026-03-02 01:00:00.123456+00`, or ISO 8601) in microseconds since the
 * epoch, keeping the digits a JavaScript date drops.
 */
export function instantUs(text: string): number {
  const ms = new Date(text).getTime();
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${text}`);
  const fraction = /[.,](\d+)/.exec(text)?.[1] ?? '';
  return ms * US_PER_MS + Number(fraction.slice(3, 6).padEnd(3, '0'));
}
