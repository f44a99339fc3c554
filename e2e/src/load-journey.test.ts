import { completeCreditCode } from '@yingji/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeUserLoad, simulateUsers } from '../../bench/src/users-load';
import { startServer, type TRunningServer } from './support/server';

/**
 * The load test's short form (issue 15, item 7), run by CI: 30 simulated users of three towns and the bureau work for
 * 15 seconds against the real server, reading lists, details and the workbench, writing hazard plans with the
 * version they last saw, and recording and submitting inspections (each of which turns a finding into a hazard). Nothing may fail: no 5xx, no refusal, no lost update, and the audit chain verifies after.
 * The full form (200 users, 10 minutes, on the generated city) is `BENCH_USERS=200 npm run bench` (bench/README.md);
 * its figures are in bench/RESULTS.md. Times are not asserted here: a test is not a benchmark.
 */
const PASSWORD = 'Load-test-2026!';
const TOWNS = [
  { code: '442000107', name: '坦洲镇' },
  { code: '442000118', name: '小榄镇' },
  { code: '442000001', name: '石岐街道' },
];

describe('load, short form: 30 simulated users for 15 s lose nothing', () => {
  let server: TRunningServer;
  let admin = '';

  async function call(cookie: string, method: string, url: string, body?: object) {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, origin: server.url, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  }

  async function signIn(username: string, password: string): Promise<string> {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`${username} 登录失败：${res.status} ${await res.text()}`);
    return res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }

  /** A new account with its first sign-in done (the one-time password replaced); its user id. */
  async function account(username: string, role: string, divisionCode: string): Promise<number> {
    const made = await call(admin, 'POST', '/api/users', { username, displayName: `压测${username}`, role, divisionCode });
    const first = await signIn(username, made['oneTimePassword'] as string);
    await call(first, 'POST', '/api/auth/change-password', { currentPassword: made['oneTimePassword'], newPassword: PASSWORD });
    return (made['user'] as { id: number }).id;
  }

  const usernames: string[] = [];
  beforeAll(async () => {
    server = await startServer();
    const first = await signIn('admin', server.adminPassword);
    await call(first, 'POST', '/api/auth/change-password', { currentPassword: server.adminPassword, newPassword: PASSWORD });
    admin = await signIn('admin', PASSWORD);
    // Per town: four town officers in the inspectors' pool, 10 firms, and 3 open hazards per firm found by the town.
    // The bureau: three officers, and one checklist of three items for the officers' inspections.
    let n = 0;
    for (const town of TOWNS) {
      for (let i = 1; i <= 4; i++) {
        const username = `t${town.code}-0${i}`;
        const userId = await account(username, 'town_officer', town.code);
        await call(admin, 'POST', '/api/inspectors', {
          userId,
          certificateNo: `ZS-LOAD-${town.code}-${i}`,
          certificateExpiresOn: '2099-12-31',
        });
        usernames.push(username);
      }
      const officer = await signIn(`t${town.code}-01`, PASSWORD);
      for (let f = 0; f < 10; f++) {
        n++;
        const firm = await call(admin, 'POST', '/api/enterprises', {
          creditCode: completeCreditCode(`91442000${String(70_000 + n).padStart(8, '0')}`),
          name: `中山市${town.name.slice(0, 2)}压测${n}号五金制品有限公司`,
          divisionCode: town.code,
          supervisionCategory: 'it_machinery',
          address: `中山市${town.name}压测路${n}号`,
          reason: '新发现企业，纳入监管',
        });
        for (let h = 0; h < 3; h++) {
          await call(officer, 'POST', '/api/hazards', {
            enterpriseId: firm['id'],
            source: 'inspection',
            category: 'dust',
            description: `除尘器未设置泄爆装置（压测 ${n}-${h}）`,
            location: '打磨车间',
            foundOn: '2026-12-01',
            foundBy: '张三',
            responsiblePerson: '李四',
            deadline: '2027-03-20',
          });
        }
      }
    }
    for (let i = 1; i <= 3; i++) {
      const username = `b4420-0${i}`;
      await account(username, 'bureau_officer', '4420');
      usernames.push(username);
    }
    const items = (await call(admin, 'GET', '/api/inspection-items')) as unknown as { id: number }[];
    const checklist = await call(admin, 'POST', '/api/checklists', { code: 'CL-LOAD', name: '压测检查表' });
    await call(admin, 'PUT', `/api/checklists/${checklist['id'] as number}/items`, { itemIds: items.slice(0, 3).map((i) => i.id) });
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('answers every request, loses no update, and the audit chain verifies', async () => {
    const r = await simulateUsers({ baseUrl: server.url, usernames, password: PASSWORD, users: 30, seconds: 15, thinkMs: 300 });
    expect(r.firstErrors).toEqual([]);
    expect(r.errors).toBe(0);
    console.info(describeUserLoad(r));
    // enough work to mean something even on a busy machine (an idle one does about 500 requests; one at load 25
    // did 188): what is asserted is that nothing failed and nothing was lost, not how fast
    expect(r.requests).toBeGreaterThan(150);
    expect(r.writes).toBeGreaterThan(5);
    expect(r.inspections).toBeGreaterThan(0);
    // the audit log's chain is whole after the writes of thirty users at once
    const verify = await call(admin, 'GET', '/api/audit/verify');
    expect(verify['ok']).toBe(true);
  }, 120_000);
});
