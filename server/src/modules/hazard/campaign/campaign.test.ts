import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, hazardCampaigns } from '../../../db/schema/index';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { firm, inspection } from '../../../../test/inspection-fixtures';
import { hazard } from '../../../../test/hazard-views-fixtures';

// A campaign's figures come from the records: inspections submitted in its period within its division, hazards
// tagged with it and, of them, the closed ones.
let h: THarness;
let officer: string;
let tanzhou: string;
let xiaolanOfficer: string;
let t: { id: number; divisionCode: string };
let x: { id: number; divisionCode: string };

beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-05-20T02:00:00Z');
  officer = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  xiaolanOfficer = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
  t = await firm(h.db);
  x = await firm(h.db, { divisionCode: TOWNS.xiaolan });
  // Inspections: whole months inside the period and edge days (15 Jan – 14 Apr), drafts and days outside.
  for (const [f, on, status] of [
    [t, '2026-01-14', 'submitted'],
    [t, '2026-01-15', 'submitted'],
    [t, '2026-02-03', 'submitted'],
    [t, '2026-02-27', 'draft'],
    [x, '2026-03-01', 'submitted'],
    [x, '2026-03-31', 'submitted'],
    [x, '2026-04-14', 'submitted'],
    [t, '2026-04-15', 'submitted'],
  ] as const) {
    await inspection(h.db, { enterpriseId: f.id, divisionCode: f.divisionCode, inspectedOn: on, status });
  }
});
afterAll(() => h?.close());

describe('campaigns', () => {
  it('creates a city campaign and counts its inspections, tagged hazards and closed ones from the records', async () => {
    const res = await h.call('POST', '/api/campaigns', {
      cookie: officer,
      body: { name: '燃气安全专项整治', startsOn: '2026-01-15', endsOn: '2026-04-14', note: '全市餐饮场所' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ divisionCode: '4420', inspections: 5, hazards: 0, hazardsClosed: 0 });
    const tagged = [
      await hazard(h.db, { enterpriseId: t.id, divisionCode: t.divisionCode, source: 'campaign', state: 'closed', deadline: '2026-03-01' }),
      await hazard(h.db, { enterpriseId: t.id, divisionCode: t.divisionCode, source: 'campaign', state: 'rectifying' }),
      await hazard(h.db, { enterpriseId: x.id, divisionCode: x.divisionCode, source: 'campaign', state: 'closed', deadline: '2026-03-15' }),
    ];
    await hazard(h.db, { enterpriseId: x.id, divisionCode: x.divisionCode, state: 'closed', deadline: '2026-03-15' }); // not tagged
    await h.db.insert(hazardCampaigns).values(tagged.map((hazardId) => ({ hazardId, campaignId: c.id })));
    const list = (await h.call('GET', '/api/campaigns', { cookie: officer })).json();
    expect(list).toEqual([expect.objectContaining({ id: c.id, name: '燃气安全专项整治', inspections: 5, hazards: 3, hazardsClosed: 2 })]);
    // A town sees the city's campaign through its own records.
    const town = (await h.call('GET', '/api/campaigns', { cookie: tanzhou })).json();
    expect(town).toEqual([expect.objectContaining({ id: c.id, inspections: 2, hazards: 2, hazardsClosed: 1 })]);
    const entries = await h.db.select().from(auditLog).where(eq(auditLog.entity, 'campaign'));
    expect(entries.map((e) => e.action)).toEqual(['create']);
  });

  it('creates a town campaign seen by that town only, and updates it', async () => {
    const res = await h.call('POST', '/api/campaigns', {
      cookie: officer,
      body: { name: '小榄镇打非治违', startsOn: '2026-03-01', endsOn: '2026-03-31', divisionCode: TOWNS.xiaolan },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ divisionCode: TOWNS.xiaolan, inspections: 2 });
    expect((await h.call('GET', '/api/campaigns', { cookie: tanzhou })).json().map((x: { id: number }) => x.id)).not.toContain(c.id);
    expect((await h.call('GET', '/api/campaigns', { cookie: xiaolanOfficer })).json().map((x: { id: number }) => x.id)).toContain(c.id);
    const updated = await h.call('PUT', `/api/campaigns/${c.id}`, {
      cookie: officer,
      body: { name: '小榄镇打非治违', startsOn: '2026-03-01', endsOn: '2026-04-14' },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ divisionCode: TOWNS.xiaolan, endsOn: '2026-04-14', inspections: 3 });
    const entries = await h.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(c.id)));
    expect(entries.filter((e) => e.entity === 'campaign').map((e) => e.action)).toEqual(['create', 'update']);
  });

  it('refuses bad dates, an unknown division and a town officer', async () => {
    const bad = await h.call('POST', '/api/campaigns', {
      cookie: officer,
      body: { name: '隐患排查治理年', startsOn: '2026-05-01', endsOn: '2026-04-01' },
    });
    expect(bad.statusCode).toBe(400);
    const unknown = await h.call('POST', '/api/campaigns', {
      cookie: officer,
      body: { name: '隐患排查治理年', startsOn: '2026-01-01', endsOn: '2026-12-31', divisionCode: '442000999' },
    });
    expect(unknown.json()).toMatchObject({ code: 'invalid', field: 'divisionCode' });
    expect(
      (
        await h.call('POST', '/api/campaigns', {
          cookie: tanzhou,
          body: { name: '隐患排查治理年', startsOn: '2026-01-01', endsOn: '2026-12-31' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await h.call('PUT', '/api/campaigns/99999', {
          cookie: officer,
          body: { name: '隐患排查治理年', startsOn: '2026-01-01', endsOn: '2026-12-31' },
        })
      ).statusCode,
    ).toBe(404);
  });
});
