/**
 * The incident list's total from the roll-up fire_incident_counts (kept by triggers in the writer's statement) equals
 * the rows counted, whatever the filters and whatever wrote the rows; the statistics, kept while nothing is written,
 * follow the next write.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { alarm, ch, duty, h, post, useFireWorld } from './fire.fixture';

useFireWorld();

/** Incidents written as an import or a restore would write them (no module code): one every ~37 hours over a year. */
const insertIncidents = (n: number) =>
  h.db.execute(sql`INSERT INTO fire_incidents (division_code, status, longitude, latitude, uncertainty_m, method, anchor_channel_id,
      anchor_longitude, anchor_latitude, first_seen_at, last_seen_at, alarm_count, channel_ids, opened_at, updated_at)
    SELECT CASE WHEN i % 3 = 0 THEN '442000114' ELSE '442000006' END, (ARRAY['new','verified','false_alarm','dispatched','closed'])[1 + i % 5],
      113.45, 22.45, 100, 'single', ${ch.A1}, 113.45, 22.45, t, t, 1, ARRAY[${ch.A1}]::int[], t, t
    FROM generate_series(1, ${n}) AS i, LATERAL (SELECT timestamptz '2025-12-31T15:30:00Z' + i * interval '37 hours' AS t) x`);

const listed = async (query: string) => {
  const res = await h.call('GET', `/api/fire/incidents?${query}`, { cookie: duty });
  expect(res.statusCode).toBe(200);
  return res.json() as { total: number; items: { id: number; firstSeenAt: string; townName: string }[] };
};

const counted = async (where: string) =>
  (await queryRows<{ n: number }>(h.db, sql.raw(`SELECT count(*)::int AS n FROM fire_incidents WHERE ${where}`)))[0]!.n;

const recount = () =>
  queryRows<{ d: string; s: string; m: string; n: number }>(
    h.db,
    sql`SELECT division_code AS d, status AS s, to_char(first_seen_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m, count(*)::int AS n
        FROM fire_incidents GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
const kept = () =>
  queryRows<{ d: string; s: string; m: string; n: number }>(
    h.db,
    sql`SELECT division_code AS d, status AS s, month AS m, n FROM fire_incident_counts WHERE n <> 0 ORDER BY 1, 2, 3`,
  );

describe('incident list', () => {
  it('pages newest first with a total equal to the rows counted, for whole and partial months', async () => {
    await insertIncidents(240);
    expect(await kept()).toEqual(await recount());
    const local = (date: string) => `'${date}T00:00:00+08:00'::timestamptz`;
    for (const [query, where] of [
      ['page=1&pageSize=20', 'true'],
      ['page=2&pageSize=20&status=verified', "status = 'verified'"],
      [
        'page=1&pageSize=20&from=2026-03-01&to=2026-05-31',
        `first_seen_at >= ${local('2026-03-01')} AND first_seen_at < ${local('2026-06-01')}`,
      ],
      [
        'page=1&pageSize=20&from=2026-03-15&to=2026-07-10',
        `first_seen_at >= ${local('2026-03-15')} AND first_seen_at < ${local('2026-07-11')}`,
      ],
      [
        'page=1&pageSize=5&from=2026-04-02&to=2026-04-20&status=new',
        `status = 'new' AND first_seen_at >= ${local('2026-04-02')} AND first_seen_at < ${local('2026-04-21')}`,
      ],
      ['page=1&pageSize=20&from=2026-01-01', `first_seen_at >= ${local('2026-01-01')}`],
      ['page=1&pageSize=20&to=2026-02-28', `first_seen_at < ${local('2026-03-01')}`],
    ] as const) {
      const r = await listed(query);
      expect([query, r.total]).toEqual([query, await counted(where)]);
      const times = r.items.map((i) => i.firstSeenAt);
      expect(times).toEqual([...times].sort().reverse());
    }
    const first = await listed('page=1&pageSize=20');
    const [newest] = await queryRows<{ id: number }>(h.db, sql`SELECT id FROM fire_incidents ORDER BY first_seen_at DESC, id DESC LIMIT 1`);
    expect(first.items[0]!.id).toBe(newest!.id);
    // the names read with the page are those the incident's own page presents
    const detail = (await h.call('GET', `/api/fire/incidents/${newest!.id}`, { cookie: duty })).json();
    expect(detail.channels).toEqual([{ id: ch.A1, code: 'A1', name: 'A1通道', siteName: 'S-A高点' }]);
    expect(detail.townName).not.toBe(detail.divisionCode);
    expect(first.items[0]).toMatchObject({ townName: detail.townName, channels: detail.channels });
    // a page past the end still says how many there are
    expect(await listed('page=99&pageSize=20')).toEqual({ total: first.total, items: [] });
  });

  it('keeps the roll-up through updates of status, town and time, and deletes', async () => {
    await h.db.execute(sql`UPDATE fire_incidents SET status = 'closed' WHERE id % 4 = 0`);
    await h.db.execute(
      sql`UPDATE fire_incidents SET division_code = '442000114', first_seen_at = first_seen_at + interval '20 days' WHERE id % 7 = 0`,
    );
    await h.db.execute(sql`UPDATE fire_incidents SET alarm_count = alarm_count + 1`);
    await h.db.execute(sql`DELETE FROM fire_incidents WHERE id % 11 = 0 AND id > 3`);
    expect(await kept()).toEqual(await recount());
    // ingestion writes incidents (an upsert) and alarms in one statement: both roll-ups follow it
    const sent = [
      alarm('l-1', 'A1', h.clock.now(), { bearingDeg: 120, distanceM: 5000 }),
      alarm('l-2', 'B1', h.clock.now(), { bearingDeg: 200, distanceM: 4000 }),
    ];
    expect((await post('/api/fire/ingest/alarms', { alarms: sent })).statusCode).toBe(200);
    expect((await post('/api/fire/ingest/alarm', alarm('l-3', 'A1', h.clock.now(), { bearingDeg: 121, distanceM: 5000 }))).statusCode).toBe(
      200,
    );
    expect(await kept()).toEqual(await recount());
    await h.db.execute(sql`UPDATE fire_alarms SET at = at - interval '3 days', mask_zone_id = NULL WHERE external_id = 'l-2'`);
    const alarmDays = (table: string) =>
      queryRows<{ d: string; day: string; a: number; s: number }>(
        h.db,
        sql.raw(
          table === 'rows'
            ? `SELECT division_code AS d, ((at AT TIME ZONE 'Asia/Shanghai')::date)::text AS day, count(*)::int AS a, count(mask_zone_id)::int AS s FROM fire_alarms GROUP BY 1, 2 ORDER BY 1, 2`
            : `SELECT division_code AS d, day::text AS day, alarms AS a, suppressed AS s FROM fire_alarm_counts WHERE alarms <> 0 ORDER BY 1, 2`,
        ),
      );
    expect((await alarmDays('rows')).length).toBeGreaterThan(0);
    expect(await alarmDays('kept')).toEqual(await alarmDays('rows'));
    expect((await listed('page=1&pageSize=20&status=closed')).total).toBe(await counted("status = 'closed'"));
  });
});

describe('statistics kept while nothing is written', () => {
  it('gives the same answer again and counts afresh after a write', async () => {
    const path = '/api/fire/stats?from=2026-01-01&to=2026-12-31';
    const before = (await h.call('GET', path, { cookie: duty })).json();
    expect((await h.call('GET', path, { cookie: duty })).json()).toEqual(before);
    await insertIncidents(3);
    const after = (await h.call('GET', path, { cookie: duty })).json();
    // the three fall in January 2026
    expect(after.incidents).toBe(before.incidents + 3);
    expect(after.incidents).toBe(
      await counted(`first_seen_at >= '2026-01-01T00:00:00+08:00' AND first_seen_at < '2027-01-01T00:00:00+08:00'`),
    );
  });
});
