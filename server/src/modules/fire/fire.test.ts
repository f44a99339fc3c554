/**
 * The forest-fire module over HTTP on a real database: masking, the incident workflow with escalation to the duty
 * chief, and statistics counted from the rows. Ingestion and merging are in fire-ingest.test.ts; the registry, device
 * health and drawn zones in fire-registry.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { fromLocal } from '@yingji/domain';
import { queryRows } from '../../db/client';
import { A, alarm, at, count, duty, h, officer, post, useFireWorld } from './fire.fixture';

useFireWorld();

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
