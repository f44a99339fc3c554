import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type TRole } from '@yingji/domain';
import * as orgRepo from '../modules/org/org.repo';
import { createHarness, type THarness } from '../../test/harness';
import { createTestDatabase } from '../../test/test-db';
import { buildApp } from './app';
import { pathProblem, type TRouteEntry } from './auth';

/**
 * Walks every registered route over a real socket, as an outsider would: the canonical path and its odd
 * spellings (percent-encoded letters, upper case, double slash, dot segments, trailing slash, the absolute
 * form `GET http://host/api/...`), with no cookie, with the cookie of a user whose password has expired or
 * must be changed, and with each role's cookie. The canonical path must get exactly the policy table's answer; every odd spelling is refused
 * (400 by the path rule in auth.ts, 404 by the case-sensitive router); nothing ever answers 5xx.
 * A real socket, not app.inject: inject resolves `.` and `..` segments before the server sees them.
 */

interface TIdentity {
  name: string;
  role?: TRole;
  /** Blocked everywhere except the routes marked allowWhenPasswordExpired. */
  expired?: { code: 'password_expired'; message: string };
  username?: string;
  cookie?: string;
}
interface TAnswer {
  status: number;
  body: string;
}

let h: THarness;
let port = 0;
let origin = '';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let targetId = 0;
const identities: TIdentity[] = [];

beforeAll(async () => {
  h = await createHarness();
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  port = (h.app.server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  targetId = (await h.createUser({ role: 'town_officer' })).id;

  identities.push({ name: 'no cookie' });
  const expired = await h.createUser({ role: 'admin' });
  await orgRepo.updateUser(h.db, expired.id, { passwordChangedAt: new Date(h.clock.now().getTime() - 200 * 86_400_000).toISOString() });
  identities.push({
    name: 'admin, password expired',
    role: 'admin',
    username: expired.username,
    expired: { code: 'password_expired', message: '密码已过期，请先修改密码' },
  });
  const mustChange = await h.createUser({ role: 'bureau_officer', mustChangePassword: true });
  identities.push({
    name: 'bureau_officer, must change password',
    role: 'bureau_officer',
    username: mustChange.username,
    expired: { code: 'password_expired', message: '首次登录或密码被重置后，必须先修改密码' },
  });
  for (const role of ROLES) identities.push({ name: role, role, username: (await h.createUser({ role })).username });
  for (const identity of identities) if (identity.username) identity.cookie = await h.login(identity.username);
});
afterAll(async () => {
  agent.destroy();
  await h.close();
});

/** Sends the path byte for byte: node's client neither resolves dot segments nor re-encodes. */
function send(method: string, rawPath: string, cookie: string | undefined): Promise<TAnswer> {
  const body = method === 'GET' || method === 'HEAD' || method === 'DELETE' ? undefined : '{}';
  const headers: Record<string, string> = { origin };
  if (cookie) headers.cookie = cookie;
  if (body) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const concreteUrl = (url: string) =>
  url.replace(/:(\w+)/g, (_, name: string) => (name === 'key' ? 'passwordPolicy' : name === 'sha256' ? 'a'.repeat(64) : String(targetId)));

/** Odd spellings of a canonical /api path, each with the one answer it must get. */
function variants(url: string): { path: string; status: 400 | 404 }[] {
  const rest = url.slice('/api'.length); // "/settings/passwordPolicy"
  const second = rest.slice(1);
  const encodedFirst = `%${second.charCodeAt(0).toString(16)}${second.slice(1)}`;
  return [
    { path: `/%61pi${rest}`, status: 400 },
    { path: `/%61%70%69${rest}`, status: 400 },
    { path: `/api/${encodedFirst}`, status: 400 },
    { path: `/api%2f${second}`, status: 400 },
    { path: `/api/%2e${rest}`, status: 400 },
    { path: `/API${rest}`, status: 404 },
    { path: `/Api${rest}`, status: 404 },
    { path: `/${url}`, status: 400 },
    { path: `/api/${rest}`, status: 400 },
    { path: `/api/.${rest}`, status: 400 },
    { path: `/api/foo/..${rest}`, status: 400 },
    { path: `${url}/`, status: 400 },
    { path: `${origin}${url}`, status: 400 },
  ];
}

/** What the policy table says this identity gets from this route: an exact refusal, or through to the handler. */
function expected(route: TRouteEntry, identity: TIdentity): { status: number; json: object } | 'handler' {
  if (route.access === 'public') return 'handler';
  if (!identity.role) return { status: 401, json: { code: 'unauthenticated', message: '请先登录' } };
  if (identity.expired && !route.allowWhenPasswordExpired) return { status: 403, json: identity.expired };
  if (route.access === 'authenticated' || can(identity.role, route.access)) return 'handler';
  return { status: 403, json: { code: 'forbidden', message: '没有此项操作的权限' } };
}

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
};

describe('every route, every spelling, every identity', () => {
  it('answers exactly what the policy grants, refuses every odd spelling, never 5xx', async () => {
    expect(h.routes.length).toBeGreaterThan(100);
    const problems: string[] = [];
    let requests = 0;
    for (const route of h.routes) {
      const url = concreteUrl(route.url);
      // Logout ends the session it is sent with: it gets a fresh one each time.
      const endsSession = route.url === '/api/auth/logout';
      for (const identity of identities) {
        const cookieFor = async () => (identity.username && endsSession ? await h.login(identity.username) : identity.cookie);
        const label = (p: string, res: TAnswer) => `${identity.name}: ${route.method} ${p} → ${res.status} ${res.body.slice(0, 160)}`;

        const res = await send(route.method, url, await cookieFor());
        requests++;
        const want = expected(route, identity);
        if (res.status >= 500) problems.push(`5xx ${label(url, res)}`);
        else if (want === 'handler') {
          if (res.status === 401 || res.status === 403) problems.push(`refused, policy allows: ${label(url, res)}`);
        } else if (res.status !== want.status || JSON.stringify(parse(res.body)) !== JSON.stringify(want.json)) {
          problems.push(`expected ${want.status} ${JSON.stringify(want.json)}: ${label(url, res)}`);
        }

        if (route.method === 'GET') {
          // Fastify answers HEAD with the GET route: it must be gated the same way.
          const head = await send('HEAD', url, identity.cookie);
          requests++;
          if (head.status >= 500) problems.push(`5xx ${label(url, head)} (HEAD)`);
          else if (want === 'handler' ? head.status === 401 || head.status === 403 : head.status !== want.status) {
            problems.push(`HEAD answered unlike GET: ${label(url, head)}`);
          }
        }

        for (const variant of variants(url)) {
          const odd = await send(route.method, variant.path, await cookieFor());
          requests++;
          const json = parse(odd.body) as { code?: string; message?: string };
          const code = variant.status === 400 ? 'invalid' : 'not_found';
          if (odd.status !== variant.status || json.code !== code || !/[\u4e00-\u9fff]/.test(json.message ?? '')) {
            problems.push(`expected ${variant.status} ${code}: ${label(variant.path, odd)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    const gets = h.routes.filter((r) => r.method === 'GET').length;
    expect(requests).toBe((h.routes.length * 14 + gets) * identities.length);
  }, 300_000);

  it('answers an unknown API path, in any letter case, with the Chinese 404', async () => {
    for (const p of ['/api/nothing-here', '/API/nothing-here', '/api']) {
      const res = await send('GET', p, undefined);
      expect(res.status, p).toBe(404);
      expect(JSON.parse(res.body), p).toEqual({ code: 'not_found', message: `没有这个接口：GET ${p}` });
    }
  });

  it('answers a malformed percent-escape with a Chinese 400, not the framework English', async () => {
    for (const p of ['/api/users/%zz', '/%zz']) {
      const res = await send('GET', p, undefined);
      expect(res.status, p).toBe(400);
      expect(JSON.parse(res.body), p).toEqual({ code: 'invalid', message: '请求路径中的百分号编码无效，已拒绝' });
    }
  });
});

describe('the web app beside the API', () => {
  let dir: string;
  let web: Awaited<ReturnType<typeof buildApp>>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>应急</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    const database = await createTestDatabase();
    web = await buildApp({ database, logLevel: false, webDist: dir });
    close = async () => {
      await web.app.close();
      await database.close();
    };
  });
  afterAll(async () => {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const get = (url: string) => web.app.inject({ method: 'GET', url });

  it('serves the static files and the page for the web app routes, /public pages included', async () => {
    expect((await get('/assets/app-1a2b.js')).body).toBe('console.log(1)');
    for (const p of ['/', '/login', '/public/draws', '/public/draws/3', '/hazards/dashboard', '/public/%E5%9D%A6']) {
      const res = await get(p);
      expect(res.statusCode, p).toBe(200);
      expect(res.body, p).toContain('<title>应急</title>');
    }
  });

  it('never answers an API path or an odd spelling with the page', async () => {
    expect((await get('/API/settings')).json()).toEqual({ code: 'not_found', message: '没有这个接口：GET /API/settings' });
    expect((await get('/%61pi/settings')).statusCode).toBe(400);
    expect((await get('/assets/%61pp-1a2b.js')).statusCode).toBe(400);
    expect((await get('/public/draws/')).statusCode).toBe(400);
  });
});

describe('the path rule', () => {
  it.each([
    ['/', null],
    ['/api/settings', null],
    ['/api/settings?q=%61%2F..//x', null],
    ['/public/%E5%9D%A6%E6%B4%B2', null],
    ['/assets/index-1a2b.js', null],
    ['/%61pi/settings', '请求路径中含有不必要的百分号编码字符，已拒绝'],
    ['/api/users/1%2Freset-password', '请求路径中含有不必要的百分号编码字符，已拒绝'],
    ['/api/x%25', '请求路径中含有不必要的百分号编码字符，已拒绝'],
    ['//api/settings', '请求路径中含有空的路径段（如 // 或结尾的 /），已拒绝'],
    ['/api/settings/', '请求路径中含有空的路径段（如 // 或结尾的 /），已拒绝'],
    ['/api/./settings', '请求路径中含有 . 或 .. 路径段，已拒绝'],
    ['/api/x/..', '请求路径中含有 . 或 .. 路径段，已拒绝'],
    ['http://localhost/api/settings', '请求路径必须以 / 开头，已拒绝'],
    ['*', '请求路径必须以 / 开头，已拒绝'],
  ])('%s → %s', (url, problem) => {
    expect(pathProblem(url)).toBe(problem);
  });
});
