/** The camera registry (edits, Excel round trip, zones drawn on the map) and device health, on a real database. */
import { describe, expect, it } from 'vitest';
import { fromLocal } from '@yingji/domain';
import { A, alarm, at, ch, count, duty, h, officer, post, useFireWorld } from './fire.fixture';

useFireWorld();

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
