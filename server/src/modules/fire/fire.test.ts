/**
 * The forest-fire module over HTTP on a real database: registry, keys, ingestion with its refusals, masking,
 * merging at R and T, triangulation, calibration history, the incident workflow with escalation to the duty chief,
 * device health and statistics counted from the rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { destination, fromLocal, toLocal, type TLngLat } from '@yingji/domain';
import { queryRows } from '../../db/client';
import { createHarness, type THarness } from '../../../test/harness';

let h: THarness;
let admin: string;
let officer: string;
let duty: string;
const names: Record<'admin' | 'officer' | 'duty', string> = { admin: '', officer: '', duty: '' };
/** Moves the clock and signs in again (sessions time out after 30 idle minutes). */
async function at(move: () => void) {
  move();
  admin = await h.login(names.admin);
  officer = await h.login(names.officer);
  duty = await h.login(names.duty);
}
let key: string;
const A: TLngLat = [113.45, 22.45];
const B = fromLocal(A, 2000, 0);
const ch: Record<string, number> = {};

const post = (path: string, body: unknown, k: string | null = key) =>
  h.call('POST', path, { body, origin: null, ...(k ? { headers: { 'x-api-key': k } } : {}) });
const alarm = (id: string, channel: string, at: Date, extra: Record<string, unknown> = {}) => ({
  alarmId: id,
  channel,
  at: at.toISOString(),
  ...extra,
});
const count = async (table: string) => (await queryRows<{ n: number }>(h.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]!.n;
const minutes = (m: number) => new Date(h.clock.now().getTime() + m * 60_000);

beforeAll(async () => {
  h = await createHarness();
  for (const [k, role] of [
    ['admin', 'admin'],
    ['officer', 'bureau_officer'],
    ['duty', 'duty_officer'],
  ] as const)
    names[k] = (await h.createUser({ role })).username;
  await at(() => undefined);
  const site = async (code: string, p: TLngLat, divisionCode: string) =>
    (
      await h.call('POST', '/api/fire/sites', {
        cookie: officer,
        body: { code, name: `${code}高点`, divisionCode, longitude: p[0], latitude: p[1], heightM: 300 },
      })
    ).json();
  const sa = await site('S-A', A, '442000006');
  const sb = await site('S-B', B, '442000114');
  for (const [s, code, heading] of [
    [sa, 'A1', 90],
    [sa, 'A2', 45],
    [sb, 'B1', 315],
  ] as const) {
    const res = await h.call('POST', `/api/fire/sites/${s.id}/channels`, {
      cookie: officer,
      body: { code, name: `${code}通道`, kind: 'optical', headingDeg: heading, fovDeg: 60, rangeM: 10_000 },
    });
    expect(res.statusCode).toBe(201);
    ch[code] = res.json().id;
  }
  const created = await h.call('POST', '/api/fire/keys', {
    cookie: admin,
    body: { platform: '海康平台', channelIds: [ch.A1, ch.A2, ch.B1] },
  });
  expect(created.statusCode).toBe(201);
  key = created.json().key;
});
afterAll(() => h.close());

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

describe('mask zones', () => {
  it('suppresses an alarm inside or on the edge of a zone, keeps it with the zone, and counts it', async () => {
    await at(() => h.clock.advanceMinutes(120));
    const c = fromLocal(A, 0, -3000);
    const ring = [fromLocal(A, -500, -3500), fromLocal(A, 500, -3500), fromLocal(A, 500, -2500), fromLocal(A, -500, -2500)];
    const zone = await h.call('POST', '/api/fire/zones', {
      cookie: officer,
      body: { name: '南区砖窑', kind: 'kiln', geojson: { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] } } },
    });
    expect(zone.statusCode).toBe(201);
    const z = zone.json();
    const edge = fromLocal(A, 500, -3000);
    const r = (
      await post('/api/fire/ingest/alarms', {
        alarms: [
          alarm('z-in', 'A1', h.clock.now(), { longitude: c[0], latitude: c[1] }),
          alarm('z-edge', 'A1', h.clock.now(), { longitude: edge[0], latitude: edge[1] }),
          alarm('z-out', 'A1', h.clock.now(), { bearingDeg: 90, distanceM: 6000 }),
        ],
      })
    ).json();
    expect(r.items.map((i: { status: string; maskZoneId: number | null }) => [i.status, i.maskZoneId])).toEqual([
      ['suppressed', z.id],
      ['suppressed', z.id],
      ['accepted', null],
    ]);
    const zones = (await h.call('GET', '/api/fire/zones', { cookie: duty })).json().items;
    expect(zones.find((x: { id: number }) => x.id === z.id).suppressedCount).toBe(2);
    const kept = (await h.call('GET', `/api/fire/zones/${z.id}/alarms`, { cookie: duty })).json();
    expect(kept.total).toBe(2);
    expect(kept.items.map((a: { externalId: string }) => a.externalId).sort()).toEqual(['z-edge', 'z-in']);
    const badGeo = await h.call('POST', '/api/fire/zones', {
      cookie: officer,
      body: { name: '一个点', kind: 'other', geojson: { type: 'Point', coordinates: [113.4, 22.5] } },
    });
    expect(badGeo.json()).toMatchObject({
      code: 'invalid',
      field: 'geojson',
      message: 'GeoJSON：不支持的几何类型：Point（只接受 Polygon、MultiPolygon）',
    });
  });
});

describe('incident workflow and escalation', () => {
  it('escalates an unacknowledged incident to the duty chief at exactly N minutes, not before', async () => {
    await at(() => h.clock.set('2026-03-10T02:00:00Z'));
    await h.call('PUT', '/api/duty/roster/2026-03-10', {
      cookie: duty,
      body: {
        people: [
          { post: 'leader', name: '李局', phone: '' },
          { post: 'chief', name: '王值班长', phone: '13800000000' },
          { post: 'officer', name: '张值班员', phone: '' },
        ],
      },
    });
    // incidents of the tests above are long overdue: they go first
    await h.services.modules.fire.incidents.escalateDue();
    const r = (await post('/api/fire/ingest/alarm', alarm('esc-1', 'A1', h.clock.now(), { bearingDeg: 120, distanceM: 5000 }))).json();
    const id = r.items[0].incidentId;
    await at(() => h.clock.set('2026-03-10T02:04:59Z'));
    expect(await h.services.modules.fire.incidents.escalateDue()).toBe(0);
    await at(() => h.clock.set('2026-03-10T02:05:00Z'));
    expect(await h.services.modules.fire.incidents.escalateDue()).toBe(1);
    expect(await h.services.modules.fire.incidents.escalateDue()).toBe(0);
    const inc = (await h.call('GET', `/api/fire/incidents/${id}`, { cookie: duty })).json();
    expect(inc).toMatchObject({ escalatedTo: '值班长 王值班长', escalatedAt: '2026-03-10T02:05:00.000Z' });
    expect(inc.notifications).toEqual([
      { kind: 'escalation', recipient: '值班长 王值班长', phone: '13800000000', at: '2026-03-10T02:05:00.000Z' },
    ]);
  });

  it('verifies real, dispatches (who and when, outbox in the same step), turns it into an emergency report, closes', async () => {
    await at(() => h.clock.advanceMinutes(60));
    const id = (await post('/api/fire/ingest/alarm', alarm('wf-1', 'A1', h.clock.now(), { bearingDeg: 130, distanceM: 4000 }))).json()
      .items[0].incidentId;
    let inc = (await h.call('GET', `/api/fire/incidents/${id}`, { cookie: duty })).json();
    const early = await h.call('POST', `/api/fire/incidents/${id}/dispatch`, {
      cookie: duty,
      body: { recipients: [{ name: '五桂山街道' }], version: inc.version },
    });
    expect(early.json()).toMatchObject({ code: 'rule_violation', message: '只有确认为火情的事件才能派警' });
    const stale = await h.call('POST', `/api/fire/incidents/${id}/verify`, {
      cookie: duty,
      body: { real: true, version: inc.version - 1 },
    });
    expect(stale.statusCode).toBe(409);
    inc = (
      await h.call('POST', `/api/fire/incidents/${id}/verify`, {
        cookie: duty,
        body: { real: true, note: '视频复核见明火', version: inc.version },
      })
    ).json();
    expect(inc).toMatchObject({ status: 'verified', verifyNote: '视频复核见明火' });
    expect(inc.acknowledgedAt).not.toBeNull();
    const outboxBefore = await count('fire_outbox');
    inc = (
      await h.call('POST', `/api/fire/incidents/${id}/dispatch`, {
        cookie: duty,
        body: {
          recipients: [
            { name: '五桂山街道', phone: '0760-1' },
            { name: '中山市森林消防大队', phone: '' },
          ],
          version: inc.version,
        },
      })
    ).json();
    expect(inc.status).toBe('dispatched');
    expect(inc.notifications.map((n: { recipient: string }) => n.recipient)).toEqual(['五桂山街道', '中山市森林消防大队']);
    expect(inc.forwarding).toEqual([
      { id: expect.any(Number), kind: 'fire.dispatched', status: 'pending', attempts: 0, deliveredAt: null },
    ]);
    expect(await count('fire_outbox')).toBe(outboxBefore + 1);
    const reported = await h.call('POST', `/api/fire/incidents/${id}/report`, { cookie: duty });
    inc = reported.json();
    expect(inc.accidentId).toEqual(expect.any(Number));
    const acc = (await h.call('GET', `/api/accidents/${inc.accidentId}`, { cookie: duty })).json();
    expect(acc).toMatchObject({ kind: 'emergency', emergencyType: 'forest_fire', divisionCode: '442000006' });
    expect((await h.call('POST', `/api/fire/incidents/${id}/report`, { cookie: duty })).statusCode).toBe(409);
    inc = (
      await h.call('POST', `/api/fire/incidents/${id}/close`, {
        cookie: duty,
        body: { outcome: '明火已扑灭，过火面积约 0.3 亩', version: inc.version },
      })
    ).json();
    expect(inc.status).toBe('closed');
  });

  it('records a false alarm with its label; a town officer cannot handle, a town outside sees 404', async () => {
    await at(() => h.clock.advanceMinutes(60));
    const id = (await post('/api/fire/ingest/alarm', alarm('wf-2', 'A1', h.clock.now(), { bearingDeg: 140, distanceM: 4000 }))).json()
      .items[0].incidentId;
    const town = await h.userWithSession({ role: 'town_officer', divisionCode: '442000107' });
    expect((await h.call('GET', `/api/fire/incidents/${id}`, { cookie: town.cookie })).statusCode).toBe(404);
    expect(
      (await h.call('POST', `/api/fire/incidents/${id}/verify`, { cookie: town.cookie, body: { real: false, label: 'cloud', version: 1 } }))
        .statusCode,
    ).toBe(403);
    const noLabel = await h.call('POST', `/api/fire/incidents/${id}/verify`, { cookie: duty, body: { real: false, version: 1 } });
    expect(noLabel.statusCode).toBe(400);
    const inc = (
      await h.call('POST', `/api/fire/incidents/${id}/verify`, { cookie: duty, body: { real: false, label: 'sun_glare', version: 1 } })
    ).json();
    expect(inc).toMatchObject({ status: 'false_alarm', falseLabel: 'sun_glare' });
  });

  it('answers the board with an ETag and 304 while nothing changed', async () => {
    const first = await h.call('GET', '/api/fire/board', { cookie: duty });
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    const same = await h.call('GET', '/api/fire/board', { cookie: duty, headers: { 'if-none-match': etag } });
    expect(same.statusCode).toBe(304);
    await post('/api/fire/ingest/alarm', alarm('board-1', 'B1', h.clock.now(), { bearingDeg: 200, distanceM: 3000 }));
    const changed = await h.call('GET', '/api/fire/board', { cookie: duty, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().incidents.some((i: { channels: { code: string }[] }) => i.channels[0]?.code === 'B1')).toBe(true);
    // another viewer of the same scope is served the body built for the first, until the next change
    const other = await h.call('GET', '/api/fire/board', { cookie: officer });
    expect(other.headers.etag).toBe(changed.headers.etag);
    expect(other.json()).toEqual(changed.json());
    await post('/api/fire/ingest/alarm', alarm('board-2', 'B1', h.clock.now(), { bearingDeg: 200, distanceM: 3000 }));
    const next = (await h.call('GET', '/api/fire/board', { cookie: officer })).json();
    expect(next.stamp).not.toBe(changed.json().stamp);
    const b1 = next.incidents.find((i: { channels: { code: string }[] }) => i.channels[0]?.code === 'B1');
    expect(b1.alarmCount).toBe(2);
  });
});

describe('device health', () => {
  it('flags a power loss from a battery heartbeat, clears it on return, and flags silence', async () => {
    await at(() => h.clock.set('2026-04-01T00:00:00Z'));
    const hb = (power: string, at = h.clock.now()) =>
      post('/api/fire/ingest/heartbeats', { heartbeats: [{ channel: 'B1', at: at.toISOString(), power, network: 'ok', camera: 'ok' }] });
    expect((await hb('mains')).json()).toEqual({ accepted: 1 });
    await at(() => h.clock.advanceMinutes(60));
    await hb('battery');
    let health = (await h.call('GET', '/api/fire/health', { cookie: duty })).json().channels;
    expect(health.find((c: { code: string }) => c.code === 'B1').alertKind).toBe('power_loss');
    expect((await h.call('GET', '/api/fire/board', { cookie: duty })).json().deviceAlerts).toContainEqual(
      expect.objectContaining({ channelCode: 'B1', kind: 'power_loss' }),
    );
    await at(() => h.clock.advanceMinutes(60));
    await hb('mains');
    health = (await h.call('GET', '/api/fire/health', { cookie: duty })).json().channels;
    expect(health.find((c: { code: string }) => c.code === 'B1').alertKind).toBeNull();
    // ten minutes of silence is still alive, eleven is not
    await at(() => h.clock.advanceMinutes(10));
    await h.services.modules.fire.health.evaluate(null);
    expect(
      (await h.call('GET', '/api/fire/health', { cookie: duty })).json().channels.find((c: { code: string }) => c.code === 'B1').alertKind,
    ).toBeNull();
    await at(() => h.clock.advanceMinutes(1));
    await h.services.modules.fire.health.evaluate(null);
    expect(
      (await h.call('GET', '/api/fire/health', { cookie: duty })).json().channels.find((c: { code: string }) => c.code === 'B1').alertKind,
    ).toBe('silent');
    // availability of April so far (from 00:00 Beijing, 8 h before 00:00Z, to 02:11Z): one hour on battery; the silence just began
    const avail = (await h.call('GET', '/api/fire/availability?month=2026-04', { cookie: duty })).json();
    const b1 = avail.items.find((i: { code: string }) => i.code === 'B1');
    expect(b1.alerts).toBe(1);
    expect(b1.availability).toBeCloseTo(1 - 60 / (8 * 60 + 131), 3);
  });

  it('refuses a heartbeat for a channel the key does not own', async () => {
    const res = await post('/api/fire/ingest/heartbeats', { heartbeats: [{ channel: 'Z9', at: h.clock.now().toISOString() }] });
    expect(res.statusCode).toBe(403);
  });
});

describe('statistics equal counts from the rows', () => {
  it('counts alarms, suppressed, incidents, false alarms by channel and label, suppressed per zone, acknowledgement times', async () => {
    const s = (await h.call('GET', '/api/fire/stats?from=2026-01-01&to=2026-12-31', { cookie: duty })).json();
    const [rows] = await queryRows<{
      alarms: number;
      suppressed: number;
      incidents: number;
      false_alarms: number;
      acked: number;
      escalated: number;
    }>(
      h.db,
      sql`SELECT (SELECT count(*)::int FROM fire_alarms) AS alarms, (SELECT count(*)::int FROM fire_alarms WHERE mask_zone_id IS NOT NULL) AS suppressed,
            (SELECT count(*)::int FROM fire_incidents) AS incidents, (SELECT count(*)::int FROM fire_incidents WHERE false_label IS NOT NULL) AS false_alarms,
            (SELECT count(*)::int FROM fire_incidents WHERE acknowledged_at IS NOT NULL) AS acked,
            (SELECT count(*)::int FROM fire_incidents WHERE escalated_at IS NOT NULL) AS escalated`,
    );
    expect(s).toMatchObject({
      alarms: rows!.alarms,
      suppressed: rows!.suppressed,
      incidents: rows!.incidents,
      falseAlarms: rows!.false_alarms,
      real: 1,
    });
    expect(s.byLabel).toEqual([{ label: 'sun_glare', count: 1 }]);
    expect(s.byZone).toEqual([{ zoneId: expect.any(Number), name: '南区砖窑', suppressed: 2 }]);
    expect(s.ack).toMatchObject({ count: rows!.acked, escalated: rows!.escalated });
    expect(rows!.escalated).toBeGreaterThan(1);
    expect(s.falseRate).toBe(0.5);
    const xlsx = await h.call('GET', '/api/fire/stats/export?from=2026-01-01&to=2026-12-31', { cookie: duty });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('registry Excel round trip', () => {
  it('exports sites and channels, imports the file back unchanged, and refuses a sheet with a bad row whole', async () => {
    const file = await h.call('GET', '/api/fire/registry/export', { cookie: officer });
    expect(file.statusCode).toBe(200);
    const upload = (body: Buffer) =>
      h.call('POST', '/api/fire/registry/import?fileName=sites.xlsx', {
        cookie: officer,
        body,
        headers: { 'content-type': 'application/octet-stream' },
      });
    const before = await count('fire_channels');
    const again = (await upload(file.rawPayload)).json();
    expect(again).toEqual({ sites: 2, channels: 3, problems: [] });
    expect(await count('fire_channels')).toBe(before);

    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    sheet.addRow(['S-C', '新高点', '火星镇', 113.4, 22.5, 100, 'C1', '一号', '热成像', 10, 40, 8000]);
    sheet.addRow(['S-D', '神湾高点', '神湾镇', 113.36, 22.3, 120, 'D1', '一号', '可见光', 400, 40, 8000]);
    const bad = (await upload(Buffer.from(await book.xlsx.writeBuffer()))).json();
    expect(bad.problems).toEqual([
      { row: 5, sheet: '监控点与通道', message: '镇街“火星镇”不在您的管辖范围内' },
      { row: 6, sheet: '监控点与通道', message: '朝向应在 0–360 度之间' },
    ]);
    expect(await count('fire_sites')).toBe(2);
  });
});

describe('registry edits and zones drawn on the map', () => {
  it('edits a site and a channel, refuses bad values naming the field, and changes nothing then', async () => {
    const site = (await h.call('GET', '/api/fire/sites', { cookie: duty })).json().items.find((s: { code: string }) => s.code === 'S-A');
    const edit = { name: '五桂山主峰高点', divisionCode: '442000006', longitude: A[0], latitude: A[1], heightM: 531, status: 'active' };
    const ok = await h.call('PATCH', `/api/fire/sites/${site.id}`, { cookie: officer, body: edit });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: 'S-A', name: '五桂山主峰高点', heightM: 531 });
    const far = await h.call('PATCH', `/api/fire/sites/${site.id}`, { cookie: officer, body: { ...edit, longitude: 114.5 } });
    expect(far.json()).toMatchObject({ code: 'invalid', field: 'longitude', message: '字段 longitude：监控点经度不在中山市范围内' });
    const ch1 = await h.call('PATCH', `/api/fire/channels/${ch.A2}`, {
      cookie: officer,
      body: { name: '二号热成像', kind: 'thermal', headingDeg: 50, fovDeg: 30, rangeM: 12_000, status: 'maintenance' },
    });
    expect(ch1.statusCode).toBe(200);
    expect(ch1.json()).toMatchObject({ code: 'A2', name: '二号热成像', kind: 'thermal', headingDeg: 50, status: 'maintenance' });
    const bad = await h.call('PATCH', `/api/fire/channels/${ch.A2}`, {
      cookie: officer,
      body: { name: '二号', kind: 'thermal', headingDeg: 360, fovDeg: 30, rangeM: 12_000, status: 'active' },
    });
    expect(bad.json()).toMatchObject({ code: 'invalid', field: 'headingDeg', message: '字段 headingDeg：朝向应在 0–360 度之间' });
    const byDuty = await h.call('PATCH', `/api/fire/channels/${ch.A2}`, {
      cookie: duty,
      body: { name: '二号', kind: 'thermal', headingDeg: 50, fovDeg: 30, rangeM: 12_000, status: 'active' },
    });
    expect(byDuty.statusCode).toBe(403);
    const after = (await h.call('GET', `/api/fire/channels/${ch.A2}`, { cookie: duty })).json();
    expect(after).toMatchObject({ name: '二号热成像', headingDeg: 50, status: 'maintenance' });
    const s2 = (await h.call('GET', '/api/fire/sites', { cookie: duty })).json().items.find((s: { code: string }) => s.code === 'S-A');
    expect(s2).toMatchObject({ name: '五桂山主峰高点', longitude: A[0] });
  });

  it('saves a drawn polygon that masks alarms; deletes an unused zone, keeps one that masked alarms', async () => {
    await at(() => h.clock.advanceMinutes(120));
    const ring = [fromLocal(A, 3000, 3000), fromLocal(A, 4000, 3000), fromLocal(A, 4000, 4000), fromLocal(A, 3000, 4000)];
    const two = await h.call('POST', '/api/fire/zones', {
      cookie: officer,
      body: { name: '两点', kind: 'farm', polygons: [[ring.slice(0, 2)]] },
    });
    expect(two.json()).toMatchObject({ code: 'invalid', field: 'polygons.0.0', message: '字段 polygons.0.0：多边形至少 3 个顶点' });
    const drawn = await h.call('POST', '/api/fire/zones', {
      cookie: officer,
      body: { name: '东坑养殖场', kind: 'farm', polygons: [[ring]] },
    });
    expect(drawn.statusCode).toBe(201);
    expect(drawn.json()).toMatchObject({ name: '东坑养殖场', source: 'drawn', active: true, suppressedCount: 0, polygons: [[ring]] });
    const inside = fromLocal(A, 3500, 3500);
    const r = (
      await post('/api/fire/ingest/alarm', alarm('d-in', 'A1', h.clock.now(), { longitude: inside[0], latitude: inside[1] }))
    ).json();
    expect(r.items[0]).toMatchObject({ status: 'suppressed', maskZoneId: drawn.json().id });
    const spare = (
      await h.call('POST', '/api/fire/zones', { cookie: officer, body: { name: '画错的区', kind: 'other', polygons: [[ring]] } })
    ).json();
    const zonesBefore = await count('fire_mask_zones');
    const kept = await h.call('DELETE', `/api/fire/zones/${drawn.json().id}`, { cookie: officer });
    expect(kept.json()).toMatchObject({ code: 'rule_violation', message: '该屏蔽区已屏蔽过告警，只能停用（告警保留其屏蔽区）' });
    expect(await count('fire_mask_zones')).toBe(zonesBefore);
    expect((await h.call('DELETE', `/api/fire/zones/${spare.id}`, { cookie: duty })).statusCode).toBe(403);
    expect((await h.call('DELETE', `/api/fire/zones/${spare.id}`, { cookie: officer })).statusCode).toBe(204);
    const ids = (await h.call('GET', '/api/fire/zones', { cookie: duty })).json().items.map((z: { id: number }) => z.id);
    expect(ids).toContain(drawn.json().id);
    expect(ids).not.toContain(spare.id);
    expect((await h.call('DELETE', `/api/fire/zones/${spare.id}`, { cookie: officer })).json()).toMatchObject({ code: 'not_found' });
  });
});
