/**
 * Open incidents the bench's stream does not touch, for the board phase (`FIRE_BENCH_OPEN`): verified, so they stay on
 * the board and are not late, last seen two hours ago (beyond the merge window, so no alarm joins them), one channel
 * after another. Their change number is 0, as any row written outside the module: the board reads them afresh.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client';

export async function insertOpenIncidents(db: Db, n: number): Promise<void> {
  await db.execute(sql`INSERT INTO fire_incidents (division_code, status, longitude, latitude, uncertainty_m, method,
      anchor_channel_id, anchor_longitude, anchor_latitude, first_seen_at, last_seen_at, alarm_count, channel_ids,
      opened_at, acknowledged_at, verified_at, updated_at)
    SELECT ch.division_code, 'verified', ch.longitude + 0.01, ch.latitude + 0.01, 300, 'single', ch.id, ch.longitude,
      ch.latitude, t, t, 3, ARRAY[ch.id], t, t, t, t
    FROM generate_series(0, ${n - 1}) g
    CROSS JOIN LATERAL (SELECT now() - interval '2 hours' - g * interval '1 second' AS t) at
    CROSS JOIN LATERAL (SELECT c.id, c.division_code, s.longitude, s.latitude FROM fire_channels c
      JOIN fire_sites s ON s.id = c.site_id ORDER BY c.id OFFSET g % 97 LIMIT 1) ch`);
}
