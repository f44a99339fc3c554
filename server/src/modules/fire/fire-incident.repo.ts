/** All SQL of incidents, notifications and the forwarding outbox. */
import { addDaysToDate, addMonthsToDate, bureauDayStart } from '@yingji/domain';
import { and, asc, count, desc, eq, getTableColumns, gte, inArray, isNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { fireAlarms, fireChannels, fireIncidentCounts, fireIncidents, fireNotifications, fireOutbox, fireSites } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import { lockIngest } from './fire-ingest.repo';
import type { TPresentNames } from './fire-present';

export type TIncidentRow = typeof fireIncidents.$inferSelect;

type TListFilter = { status?: string; from?: string; to?: string; page: number; pageSize: number };

/**
 * A page of incidents, newest first (fire_incidents_first_seen_idx reads the page's rows in order), with its total in
 * the same statement: the whole bureau months in the filter are summed from fire_incident_counts, only a partial
 * month at either end (a date filter not on a month's first day) is counted from the incidents.
 */
export async function list(db: Db, scope: string, f: TListFilter) {
  const where = and(
    inScopeSql(fireIncidents.divisionCode, scope),
    f.status ? eq(fireIncidents.status, f.status as 'new') : undefined,
    f.from ? gte(fireIncidents.firstSeenAt, bureauDayStart(f.from).toISOString()) : undefined,
    f.to ? lt(fireIncidents.firstSeenAt, bureauDayStart(addDaysToDate(f.to, 1)).toISOString()) : undefined,
  );
  const total = listTotal(scope, f);
  const rows = await db
    .select({
      ...getTableColumns(fireIncidents),
      total: sql<number>`${total}`.mapWith(Number),
      // the names the page presents, read with it (fire-present.ts then reads none); a join of sites here would hash
      // them once per row, a lookup per channel does not
      townName: sql<string | null>`(SELECT d.name FROM divisions d WHERE d.code = ${fireIncidents.divisionCode})`,
      channels: sql<TChannelName[]>`(SELECT coalesce(json_agg(json_build_object('id', c.id, 'code', c.code, 'name', c.name,
          'siteName', (SELECT s.name FROM fire_sites s WHERE s.id = c.site_id))), '[]')
        FROM fire_channels c WHERE c.id = ANY(${fireIncidents.channelIds}))`,
    })
    .from(fireIncidents)
    .where(where)
    .orderBy(desc(fireIncidents.firstSeenAt), desc(fireIncidents.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  if (rows.length === 0) {
    // a page past the end: the total alone
    const [row] = await queryRows<{ n: number }>(db, sql`SELECT ${total}::int AS n`);
    return { total: Number(row?.n ?? 0), items: [], names: noNames() };
  }
  const names = noNames();
  for (const r of rows) {
    if (r.townName !== null) names.towns.set(r.divisionCode, r.townName);
    for (const c of r.channels) names.channels.set(c.id, c);
  }
  return { total: rows[0]!.total, items: rows.map(({ total: _, townName: __, channels: ___, ...r }) => r), names };
}

const noNames = (): TPresentNames => ({ towns: new Map(), channels: new Map() });
const monthStart = (month: string) => bureauDayStart(`${month}-01`).toISOString();
const nextMonth = (month: string) => addMonthsToDate(`${month}-01`, 1).slice(0, 7);

/** The filter's count as a scalar subquery: its whole months from the roll-up, its partial ones from the rows. */
export function listTotal(scope: string, f: Omit<TListFilter, 'page' | 'pageSize'>): SQL {
  const end = f.to ? addDaysToDate(f.to, 1) : undefined;
  // whole months: from the first month starting on or after `from` to the month `end` falls in (exclusive)
  const first = f.from ? (f.from.endsWith('-01') ? f.from.slice(0, 7) : nextMonth(f.from.slice(0, 7))) : undefined;
  const last = end?.slice(0, 7);
  const status = f.status ? sql` AND status = ${f.status}` : sql``;
  const counted = (from: string | undefined, to: string | undefined) =>
    sql`(SELECT count(*) FROM fire_incidents WHERE ${inScopeSql(fireIncidents.divisionCode, scope)}${status}
      ${from ? sql` AND first_seen_at >= ${from}::timestamptz` : sql``} ${to ? sql` AND first_seen_at < ${to}::timestamptz` : sql``})`;
  const fromTs = f.from ? bureauDayStart(f.from).toISOString() : undefined;
  const endTs = end ? bureauDayStart(end).toISOString() : undefined;
  if (first && last && first >= last) return counted(fromTs, endTs);
  const parts: SQL[] = [
    sql`(SELECT coalesce(sum(n), 0) FROM fire_incident_counts WHERE ${inScopeSql(fireIncidentCounts.divisionCode, scope)}${status}
      ${first ? sql` AND month >= ${first}` : sql``} ${last ? sql` AND month < ${last}` : sql``})`,
  ];
  if (f.from && first && !f.from.endsWith('-01')) parts.push(counted(fromTs, monthStart(first)));
  if (end && last && !end.endsWith('-01')) parts.push(counted(monthStart(last), endTs));
  return sql`(${sql.join(parts, sql` + `)})`;
}

/** The incident; with `lock`, under the lock of incident writes and then its row's (in that order, as ingestion). */
export async function byId(db: Db, id: number, lock = false) {
  const q = db.select().from(fireIncidents).where(eq(fireIncidents.id, id));
  if (lock) await lockIngest(db);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** A step on an incident: its version checked and moved, and the board's next change number (see `lockIngest`). */
export async function update(tx: Db, id: number, version: number, values: Partial<TIncidentRow>) {
  await lockIngest(tx);
  const [row] = await tx
    .update(fireIncidents)
    .set({
      ...values,
      version: version + 1,
      changeSeq: sql`(SELECT coalesce(max(i.change_seq), 0) + 1 FROM fire_incidents i)`,
    })
    .where(and(eq(fireIncidents.id, id), eq(fireIncidents.version, version)))
    .returning();
  return row;
}

type TChannelName = { id: number; code: string; name: string; siteName: string };

export const channelNames = (db: Db, ids: number[]): Promise<TChannelName[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .select({ id: fireChannels.id, code: fireChannels.code, name: fireChannels.name, siteName: fireSites.name })
        .from(fireChannels)
        .innerJoin(fireSites, eq(fireSites.id, fireChannels.siteId))
        .where(inArray(fireChannels.id, ids));

export const alarmsOf = (db: Db, incidentId: number) =>
  db
    .select({
      id: fireAlarms.id,
      externalId: fireAlarms.externalId,
      channelCode: fireChannels.code,
      at: fireAlarms.at,
      bearingDeg: fireAlarms.correctedBearingDeg,
      confidence: fireAlarms.confidence,
      imageRef: fireAlarms.imageRef,
      longitude: fireAlarms.longitude,
      latitude: fireAlarms.latitude,
    })
    .from(fireAlarms)
    .innerJoin(fireChannels, eq(fireChannels.id, fireAlarms.channelId))
    .where(eq(fireAlarms.incidentId, incidentId))
    .orderBy(asc(fireAlarms.at), asc(fireAlarms.id))
    .limit(500);

export const notificationsOf = (db: Db, incidentId: number) =>
  db
    .select()
    .from(fireNotifications)
    .where(eq(fireNotifications.incidentId, incidentId))
    .orderBy(asc(fireNotifications.at), asc(fireNotifications.id));

export async function insertNotifications(tx: Db, rows: (typeof fireNotifications.$inferInsert)[]) {
  if (rows.length) await tx.insert(fireNotifications).values(rows);
}

export const outboxOf = (db: Db, incidentId: number) =>
  db.select().from(fireOutbox).where(eq(fireOutbox.incidentId, incidentId)).orderBy(asc(fireOutbox.id));

/** New incidents whose acknowledgement deadline has passed and that nobody has escalated (partial index). */
export const unacknowledgedBefore = (db: Db, openedBefore: string) =>
  db
    .select()
    .from(fireIncidents)
    .where(
      and(
        isNull(fireIncidents.acknowledgedAt),
        isNull(fireIncidents.escalatedAt),
        eq(fireIncidents.status, 'new'),
        lte(fireIncidents.openedAt, openedBefore),
      ),
    )
    .orderBy(asc(fireIncidents.openedAt))
    .limit(200);

/** New incidents in scope opened before `openedBefore`, neither acknowledged nor escalated (the board's and the count's). */
const unacknowledgedLate = (scope: string, openedBefore: string) =>
  and(
    inScopeSql(fireIncidents.divisionCode, scope),
    isNull(fireIncidents.acknowledgedAt),
    isNull(fireIncidents.escalatedAt),
    eq(fireIncidents.status, 'new'),
    lte(fireIncidents.openedAt, openedBefore),
  );

export async function countUnacknowledgedLate(db: Db, scope: string, openedBefore: string) {
  const [row] = await db.select({ n: count() }).from(fireIncidents).where(unacknowledgedLate(scope, openedBefore));
  return row?.n ?? 0;
}

export async function countNew(db: Db, scope: string) {
  const [row] = await db
    .select({ n: count() })
    .from(fireIncidents)
    .where(and(inScopeSql(fireIncidents.divisionCode, scope), eq(fireIncidents.status, 'new')));
  return row?.n ?? 0;
}

// ---- outbox

export async function enqueue(tx: Db, values: typeof fireOutbox.$inferInsert) {
  await tx.insert(fireOutbox).values(values);
}

/**
 * Claims due items for delivery, each only after every earlier item of its incident was delivered: the row lock (SKIP LOCKED on PostgreSQL) keeps two workers apart, and the next
 * attempt is pushed out before the HTTP call, so a kill mid-delivery leaves the item pending for a later retry.
 */
export async function claimDue(tx: Db, now: string, leaseUntil: string, limit: number) {
  const rows = await tx
    .select()
    .from(fireOutbox)
    .where(
      and(
        eq(fireOutbox.status, 'pending'),
        lte(fireOutbox.nextAttemptAt, now),
        // an incident's items go in the order written: a closure waits until its dispatch is delivered
        sql`NOT EXISTS (SELECT 1 FROM fire_outbox e WHERE e.incident_id = ${fireOutbox.incidentId} AND e.id < ${fireOutbox.id} AND e.status <> 'delivered')`,
      ),
    )
    .orderBy(asc(fireOutbox.nextAttemptAt), asc(fireOutbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (rows.length)
    await tx
      .update(fireOutbox)
      .set({ nextAttemptAt: leaseUntil })
      .where(
        inArray(
          fireOutbox.id,
          rows.map((r) => r.id),
        ),
      );
  return rows;
}

export const markDelivered = (db: Db, id: number, at: string) =>
  db
    .update(fireOutbox)
    .set({ status: 'delivered', deliveredAt: at, attempts: sql`${fireOutbox.attempts} + 1`, lastError: null })
    .where(eq(fireOutbox.id, id));

export const markFailed = (db: Db, id: number, attempts: number, error: string, next: string | null) =>
  db
    .update(fireOutbox)
    .set(next ? { attempts, lastError: error, nextAttemptAt: next } : { attempts, lastError: error, status: 'dead' })
    .where(and(eq(fireOutbox.id, id), eq(fireOutbox.status, 'pending')));

export async function outbox(db: Db, status: 'pending' | 'delivered' | 'dead' | undefined) {
  const [counts, items] = await Promise.all([
    db.select({ status: fireOutbox.status, n: count() }).from(fireOutbox).groupBy(fireOutbox.status),
    db
      .select()
      .from(fireOutbox)
      .where(status ? eq(fireOutbox.status, status) : undefined)
      .orderBy(desc(fireOutbox.id))
      .limit(200),
  ]);
  return { counts, items };
}

export async function outboxById(db: Db, id: number) {
  const [row] = await db.select().from(fireOutbox).where(eq(fireOutbox.id, id));
  return row;
}

export const resend = (tx: Db, id: number, now: string) =>
  tx
    .update(fireOutbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
    .where(and(eq(fireOutbox.id, id), ne(fireOutbox.status, 'pending')));
