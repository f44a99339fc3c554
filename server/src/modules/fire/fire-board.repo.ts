/**
 * All SQL of the live board. Each write of incidents numbers them (`change_seq`, see fire-ingest.repo.ts `lockIngest`),
 * and the numbers commit in their order: a board kept as of number N is brought up to date by the rows above N.
 */
import { and, desc, getTableColumns, gt, inArray, or, gte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { fireChannels, fireDeviceAlerts, fireIncidents, fireSites } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import type { TIncidentRow } from './fire-incident.repo';

/** The newest change number in the statement's snapshot: every change up to it is visible in that snapshot. */
const latestChange = sql<number>`(SELECT coalesce(max(c.change_seq), 0)::float8 FROM fire_incidents c)`;

export interface TBoardStamp {
  /** The newest change number. */
  latest: number;
  /**
   * The channels' open alerts, by id (one a channel at most, on the partial index of open alerts): an alert is never
   * changed but to clear it, and a new kind is a new alert, so the ids name what the board shows of them.
   */
  alerts: string;
  /** A digest of the channels' codes and names and their sites' names (about a hundred rows). */
  names: string;
}

/** A poll's stamp with the incidents in scope changed after the board's number. */
export type TBoardPoll = TBoardStamp & { rows: TIncidentRow[] };

/** The open alerts in scope by id, and a digest of the names the board shows (see `TBoardStamp`). */
const alertsOf = (scope: string) =>
  sql<string>`(SELECT concat_ws(':', count(*), string_agg(${fireDeviceAlerts.id}::text, ',' ORDER BY ${fireDeviceAlerts.id}))
    FROM ${fireDeviceAlerts} WHERE ${fireDeviceAlerts.clearedAt} IS NULL AND ${inScopeSql(fireDeviceAlerts.divisionCode, scope)})`;
const namesDigest = sql<string>`(SELECT md5(coalesce(string_agg(${fireChannels.id} || ${fireChannels.code} || ${fireChannels.name} || s.name, '|'
    ORDER BY ${fireChannels.id}), '')) FROM ${fireChannels} JOIN ${fireSites} s ON s.id = ${fireChannels.siteId})`;

/**
 * What a poll asks of the database, in one statement whose cost follows the changes, not the board: the newest change
 * number (the index's last entry), the incidents in scope changed after the board's number `after` (the index's entries
 * above it: the changes since the last poll; none when `after` is null), the open alerts and the names the board shows.
 * One statement, so that on the embedded database (one backend, taking turns with the stream's writes) a poll waits
 * its turn once.
 */
export async function boardPoll(db: Db, scope: string, after: number | null): Promise<TBoardPoll> {
  const found = await db
    .select({
      ...getTableColumns(fireIncidents),
      latest: sql<number>`stamp.latest`,
      alerts: sql<string>`stamp.alerts`,
      names: sql<string>`stamp.names`,
    })
    .from(sql`(SELECT ${latestChange} AS latest, ${alertsOf(scope)} AS alerts, ${namesDigest} AS names) AS stamp`)
    .leftJoin(
      fireIncidents,
      after === null ? sql`false` : and(gt(fireIncidents.changeSeq, after), inScopeSql(fireIncidents.divisionCode, scope)),
    );
  const first = found[0]!;
  const rows = found.filter((r) => r.id !== null).map(({ latest: _l, alerts: _a, names: _n, ...row }) => row as TIncidentRow);
  return { latest: Number(first.latest), alerts: first.alerts, names: first.names, rows };
}

export type TBoardRow = TIncidentRow & { latest: number };

const withLatest = { ...getTableColumns(fireIncidents), latest: latestChange };

/**
 * The board read afresh: the incidents in scope still open or last seen since `since`, newest sighting first, at most
 * `limit`; each row carries the newest change number of the read's snapshot.
 */
export const boardRows = (db: Db, scope: string, since: string, limit: number): Promise<TBoardRow[]> =>
  db
    .select(withLatest)
    .from(fireIncidents)
    .where(
      and(
        inScopeSql(fireIncidents.divisionCode, scope),
        or(gte(fireIncidents.lastSeenAt, since), inArray(fireIncidents.status, ['new', 'verified', 'dispatched'])),
      ),
    )
    .orderBy(desc(fireIncidents.lastSeenAt), desc(fireIncidents.id))
    .limit(limit);

/** The incidents in scope changed after change number `after` (on the board or leaving it), with the newest number. */
export const boardChanges = (db: Db, scope: string, after: number): Promise<TBoardRow[]> =>
  db
    .select(withLatest)
    .from(fireIncidents)
    .where(and(gt(fireIncidents.changeSeq, after), inScopeSql(fireIncidents.divisionCode, scope)))
    .orderBy(desc(fireIncidents.lastSeenAt), desc(fireIncidents.id));
