/**
 * TEMPLATE — a module's HTTP tests run the real app on a real database (PGlite, and PostgreSQL in CI) through the
 * harness's factories: what a user would check (answers, figures, refusals), never a mocked database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { templateModule } from './template.module';

let h: THarness;
beforeAll(async () => {
  h = await createHarness({ extraModules: [templateModule] });
});
afterAll(() => h.close());

describe('the module template, mounted from its manifest', () => {
  it('lists the towns in the user’s scope: the bureau sees all 23, a town only itself', async () => {
    const bureau = await h.userWithSession({ role: 'bureau_officer' });
    const all = (await h.call('GET', '/api/template/towns', { cookie: bureau.cookie })).json();
    expect(all.items).toHaveLength(23);
    expect(all.items[0]).toEqual({ code: '442000001', name: '石岐街道' });

    const town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const own = (await h.call('GET', '/api/template/towns', { cookie: town.cookie })).json();
    expect(own.items).toEqual([{ code: TOWNS.tanzhou, name: '坦洲镇' }]);
  });

  it('answers a town out of scope exactly as one that does not exist', async () => {
    const town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const other = await h.call('GET', `/api/template/towns/${TOWNS.xiaolan}`, { cookie: town.cookie });
    const missing = await h.call('GET', '/api/template/towns/442000999', { cookie: town.cookie });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(missing.json());
    expect((await h.call('GET', `/api/template/towns/${TOWNS.tanzhou}`, { cookie: town.cookie })).json()).toEqual({
      code: TOWNS.tanzhou,
      name: '坦洲镇',
    });
  });

  it('validates the path with the contract and names the field in Chinese', async () => {
    const bureau = await h.userWithSession({ role: 'bureau_officer' });
    const res = await h.call('GET', '/api/template/towns/abc', { cookie: bureau.cookie });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid', field: 'code', message: expect.stringContaining('镇街代码必须是 9 位数字') });
  });

  it('denies by default: no session 401, a role without the permission 403', async () => {
    expect((await h.call('GET', '/api/template/towns')).statusCode).toBe(401);
    const route = h.routes.find((r) => r.url === '/api/template/towns');
    expect(route).toEqual({ method: 'GET', url: '/api/template/towns', access: 'division.read' });
  });

  it('puts its workbench item on the bureau officer’s workbench, and not on a town officer’s', async () => {
    const bureau = await h.userWithSession({ role: 'bureau_officer' });
    const items = (await h.call('GET', '/api/workbench', { cookie: bureau.cookie })).json().items;
    expect(items).toContainEqual(expect.objectContaining({ key: 'template.towns', module: 'template', count: 23 }));
    const town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const townItems = (await h.call('GET', '/api/workbench', { cookie: town.cookie })).json().items;
    expect(townItems.map((i: { key: string }) => i.key)).not.toContain('template.towns');
  });
});
