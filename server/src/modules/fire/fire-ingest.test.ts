/**
 * Alarm ingestion over HTTP on a real database: keys and refusals (nothing half-written), idempotence on the
 * platform's alarm id, merging at R and T, triangulation and the calibration in force at an alarm's time.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { destination, toLocal } from '@yingji/domain';
import { queryRows } from '../../db/client';
import { A, alarm, at, ch, count, duty, h, key, minutes, officer, admin, post, useFireWorld } from './fire.fixture';

useFireWorld();

describe('ingestion: keys and refusals, nothing half-written', () => {
  it('answers a missing, wrong or revoked key with 401 and stores nothing', async () => {
    const before = await count('fire_alarms');
    const body = { alarms: [alarm('k-1', 'A1', h.clock.now(), { bearingDeg: 90 })] };
    const none = await h.call('POST', '/api/fire/ingest/alarms', { body });
    expect(none.json()).toMatchObject({ code: 'unauthenticated', message: '缺少接入密钥（X-Api-Key）' });
    expect((await post('/api/fire/ingest/alarms', body, `${key}x`)).statusCode).toBe(401);
    const other = (await h.call('POST', '/api/fire/keys', { cookie: admin, body: { platform: '大华平台', channelIds: [ch.B1] } })).json();
    expect((await post('/api/fire/ingest/alarms', body, other.key)).json().items[0]).toMatchObject({
      status: 'rejected',
      field: 'channel',
      message: '通道 A1 不属于该接入密钥',
    });
    expect((await h.call('POST', `/api/fire/keys/${other.id}/revoke`, { cookie: admin })).json().revokedAt).not.toBeNull();
    const revoked = await post('/api/fire/ingest/alarms', { alarms: [alarm('k-2', 'B1', h.clock.now(), { bearingDeg: 10 })] }, other.key);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().message).toBe('接入密钥无效或已吊销');
    expect(await count('fire_alarms')).toBe(before);
    // the key is kept hashed: the plain key is nowhere in the table
    const rows = await queryRows<{ key_hash: string }>(h.db, sql`SELECT key_hash FROM fire_api_keys`);
    expect(rows.every((r) => r.key_hash.length === 64 && !key.includes(r.key_hash))).toBe(true);
    // only the admin manages keys
    expect((await h.call('GET', '/api/fire/keys', { cookie: officer })).statusCode).toBe(403);
  });

  it('rejects bad items one by one with reasons and accepts the rest of the batch', async () => {
    const t = h.clock.now();
    const before = await count('fire_alarms');
    const res = await post('/api/fire/ingest/alarms', {
      alarms: [
        alarm('bad-future', 'A1', minutes(6), { bearingDeg: 90 }),
        alarm('bad-bearing', 'A1', t, { bearingDeg: 360 }),
        alarm('bad-place', 'A1', t, { longitude: 114.2, latitude: 22.5 }),
        alarm('bad-channel', 'Z9', t),
        { channel: 'A1', at: t.toISOString() },
        alarm('ok-far', 'A1', t, { bearingDeg: 180, distanceM: 3000 }),
        alarm('ok-far', 'A1', t, { bearingDeg: 180, distanceM: 3000 }),
      ],
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ accepted: 1, rejected: 6, duplicates: 0 });
    expect(r.items.map((i: { field: string | null; message: string | null }) => [i.field, i.message])).toEqual([
      ['at', '告警时间晚于当前时间 5 分钟以上'],
      ['bearingDeg', '方位角（bearingDeg）应在 0–360 度之间'],
      ['longitude', '告警位置经度不在中山市范围内'],
      ['channel', '通道 Z9 不属于该接入密钥'],
      ['alarmId', '告警编号（alarmId）必须填写'],
      [null, null],
      ['alarmId', '同一批中告警编号重复'],
    ]);
    expect(await count('fire_alarms')).toBe(before + 1);
  });

  it('refuses a batch over the limit as a whole, and an empty one', async () => {
    const before = await count('fire_alarms');
    const big = Array.from({ length: 501 }, (_, i) => alarm(`big-${i}`, 'A1', h.clock.now(), { bearingDeg: 90 }));
    const res = await post('/api/fire/ingest/alarms', { alarms: big });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid', message: expect.stringContaining('一批最多 500 条告警') });
    expect((await post('/api/fire/ingest/alarms', { alarms: [] })).statusCode).toBe(400);
    expect(await count('fire_alarms')).toBe(before);
  });

  it('is idempotent on the platform’s alarm id: the repeat is answered with the first result and not stored again', async () => {
    const first = (await post('/api/fire/ingest/alarm', alarm('idem-1', 'A1', h.clock.now(), { bearingDeg: 270, distanceM: 4000 }))).json();
    const before = await count('fire_alarms');
    const again = (await post('/api/fire/ingest/alarm', alarm('idem-1', 'A1', h.clock.now(), { bearingDeg: 270, distanceM: 4000 }))).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(again.items[0]).toMatchObject({
      status: 'duplicate',
      incidentId: first.items[0].incidentId,
      message: '告警编号已接收过，未重复入库',
    });
    expect(await count('fire_alarms')).toBe(before);
    const inc = (await h.call('GET', `/api/fire/incidents/${first.items[0].incidentId}`, { cookie: duty })).json();
    expect(inc.alarmCount).toBe(1);
  });
});

describe('merging at R and T, and triangulation', () => {
  it('merges five alarms at one place into one incident, joins at exactly T, starts a new one after T', async () => {
    await at(() => h.clock.advanceMinutes(120));
    const t0 = h.clock.now();
    const batch = [0, 1, 2, 3, 4].map((i) =>
      alarm(`m-${i}`, 'A1', new Date(t0.getTime() + i * 1000), { bearingDeg: 100, distanceM: 2500, confidence: 0.5 + i / 10 }),
    );
    const r = (await post('/api/fire/ingest/alarms', { alarms: batch })).json();
    const ids = new Set(r.items.map((i: { incidentId: number }) => i.incidentId));
    expect(ids.size).toBe(1);
    const id = [...ids][0];
    // exactly R (1,000 m) from the incident, exactly T (30 min) after its last alarm: joins
    const inc = (await h.call('GET', `/api/fire/incidents/${id}`, { cookie: duty })).json();
    const p = destination([inc.longitude, inc.latitude], 0, 1000);
    await at(() => h.clock.set(new Date(t0.getTime() + 4000 + 30 * 60_000)));
    const atT = (await post('/api/fire/ingest/alarm', alarm('m-T', 'A1', h.clock.now(), { longitude: p[0], latitude: p[1] }))).json();
    expect(atT.items[0].incidentId).toBe(id);
    const joined = (await h.call('GET', `/api/fire/incidents/${id}`, { cookie: duty })).json();
    expect(joined).toMatchObject({ alarmCount: 6, maxConfidence: 0.9, firstSeenAt: t0.toISOString() });
    // a millisecond past T after the last alarm: a new incident
    await at(() => h.clock.set(new Date(h.clock.now().getTime() + 30 * 60_000 + 1)));
    const late = (await post('/api/fire/ingest/alarm', alarm('m-late', 'A1', h.clock.now(), { bearingDeg: 100, distanceM: 2500 }))).json();
    expect(late.items[0].incidentId).not.toBe(id);
  });

  it('crosses two channels’ bearings: the second site’s alarm joins and fixes the position', async () => {
    await at(() => h.clock.advanceMinutes(120));
    const a = (await post('/api/fire/ingest/alarm', alarm('tri-a', 'A2', h.clock.now(), { bearingDeg: 45 }))).json();
    const b = (await post('/api/fire/ingest/alarm', alarm('tri-b', 'B1', h.clock.now(), { bearingDeg: 315 }))).json();
    expect(b.items[0].incidentId).toBe(a.items[0].incidentId);
    const inc = (await h.call('GET', `/api/fire/incidents/${a.items[0].incidentId}`, { cookie: duty })).json();
    expect(inc.method).toBe('triangulated');
    const p = toLocal(A, [inc.longitude, inc.latitude]);
    expect(p.x).toBeCloseTo(1000, 0);
    expect(p.y).toBeCloseTo(1000, 0);
    expect(inc.uncertaintyM).toBe(35);
    expect(inc.channels.map((c: { code: string }) => c.code).sort()).toEqual(['A2', 'B1']);
  });

  it('positions alarms with the calibration in force at their time, and keeps the history', async () => {
    await at(() => h.clock.advanceMinutes(120));
    const when = h.clock.now();
    const cal = await h.call('POST', `/api/fire/channels/${ch.A1}/calibrations`, {
      cookie: officer,
      body: { effectiveAt: when.toISOString(), bearingOffsetDeg: 10, distanceOffsetM: 0, note: '镜头移位后重新标定' },
    });
    expect(cal.statusCode).toBe(201);
    expect(cal.json()).toMatchObject({ bearingOffsetDeg: 10, calibrations: [{ bearingOffsetDeg: 10, note: '镜头移位后重新标定' }] });
    const before = (
      await post('/api/fire/ingest/alarm', alarm('cal-old', 'A1', new Date(when.getTime() - 60_000), { bearingDeg: 0, distanceM: 3000 }))
    ).json();
    const after = (await post('/api/fire/ingest/alarm', alarm('cal-new', 'A1', when, { bearingDeg: 200, distanceM: 3000 }))).json();
    const rows = await queryRows<{ external_id: string; corrected_bearing_deg: number }>(
      h.db,
      sql`SELECT external_id, corrected_bearing_deg FROM fire_alarms WHERE external_id IN ('cal-old', 'cal-new') ORDER BY external_id`,
    );
    expect(rows).toEqual([
      { external_id: 'cal-new', corrected_bearing_deg: 210 },
      { external_id: 'cal-old', corrected_bearing_deg: 0 },
    ]);
    expect(before.accepted + after.accepted).toBe(2);
  });
});
