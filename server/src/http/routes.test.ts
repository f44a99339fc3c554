import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type TRole } from '@yingji/domain';
import { createHarness, TOWNS, type THarness } from '../../test/harness';

/**
 * Walks every registered route with every role and with no session, and checks each answer against the
 * policy table: deny by default, no route forgotten.
 */
let h: THarness;
let targetId: number;
beforeAll(async () => {
  h = await createHarness();
  targetId = (await h.createUser({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).id;
});
afterAll(() => h.close());

const concreteUrl = (url: string) => url.replace(':id', String(targetId)).replace(':key', 'passwordPolicy');

describe('every route against the policy table', () => {
  it('has routes to walk, each with a declared access rule', () => {
    expect(h.routes.length).toBeGreaterThanOrEqual(14);
    for (const route of h.routes) expect(route.access).toBeTruthy();
  });

  it('refuses every non-public route without a session', async () => {
    for (const route of h.routes) {
      const res = await h.call(route.method, concreteUrl(route.url), { body: route.method === 'GET' ? undefined : {} });
      if (route.access === 'public') expect(res.statusCode, `${route.method} ${route.url}`).not.toBe(401);
      else expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it.each(ROLES.map((r) => [r]))('%s gets exactly what the policy grants', async (role: TRole) => {
    for (const route of h.routes) {
      // A fresh session for each call: logout, for one, ends it.
      const { cookie } = await h.userWithSession({ role });
      const res = await h.call(route.method, concreteUrl(route.url), { cookie, body: route.method === 'GET' ? undefined : {} });
      const label = `${role} ${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 120)}`;
      const allowed = route.access === 'public' || route.access === 'authenticated' || can(role, route.access);
      if (allowed) {
        expect([401, 403], label).not.toContain(res.statusCode);
        expect(res.statusCode, label).toBeLessThan(500);
      } else {
        expect(res.statusCode, label).toBe(403);
        expect(res.json(), label).toEqual({ code: 'forbidden', message: '没有此项操作的权限' });
      }
    }
  });

  it('answers an unknown API path with a Chinese 404', async () => {
    const res = await h.call('GET', '/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'not_found', message: '没有这个接口：GET /api/nothing-here' });
  });

  it('publishes the OpenAPI document generated from the contracts', async () => {
    const doc = (await h.call('GET', '/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/users', '/api/auth/login', '/api/audit', '/api/settings/{key}']));
    expect(doc.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['username', 'displayName', 'role', 'divisionCode']),
    );
  });
});
