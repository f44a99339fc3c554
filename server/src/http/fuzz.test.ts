import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRole } from '@yingji/domain';
import { queryRows } from '../db/client';
import { createHarness, ORIGIN, TOWNS, type THarness } from '../../test/harness';
import { firm, inspection } from '../../test/inspection-fixtures';

/**
 * Bad input at scale (issue 15): every write endpoint gets generated bodies and path parameters (wrong types, huge and
 * control-character strings, SQL and HTML fragments, negative, fractional and huge numbers, impossible dates, unknown
 * ids and other towns' ids) as a town officer of 坦洲 and as an enterprise user, while every record in the database
 * belongs to 小榄. Whatever comes in:
 * - never a 5xx;
 * - a refusal changes nothing (the tables are the same after it, row for row);
 * - nothing of another town is changed: a route with an id never succeeds.
 *
 * FUZZ_RUNS sets the bodies per route and identity (default 12 in `npm test`; `FUZZ_RUNS=500 FUZZ_SEED=random npx
 * vitest run server/src/http/fuzz.test.ts` for the long form). FUZZ_SEED=n replays a run.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 12);
// A fixed seed in `npm test` (CI repeats itself); FUZZ_SEED=random explores.
const SEED = process.env['FUZZ_SEED'] === 'random' ? Date.now() % 1_000_000 : Number(process.env['FUZZ_SEED'] ?? 20_261_204);

/** Routes whose success is their purpose whatever the body (the session's own), or that answer a file upload. */
const SKIPPED = new Set(['POST /api/auth/logout', 'POST /api/auth/login', 'POST /api/auth/change-password', 'POST /api/attachments']);
/** Changed by every request, by design: sessions are touched, sign-ins and the audit trail are written. */
const VOLATILE = new Set(['sessions', 'audit_log', 'audit_head']);

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    "'; DROP TABLE hazards; --",
    "1' OR '1'='1",
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '\u0000\u0001\u0007\u001b[31m',
    '\ud800',
    '‮',
    '2026-02-30',
    '9999-99-99T99:99:99Z',
    '-1',
    '1e309',
    'NaN',
    '4420',
    TOWNS.xiaolan,
    '__proto__',
    'x'.repeat(70_000),
  ),
  fc.integer(),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, -(2 ** 53), 1.5, 1e308),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

/** A body: the route's own field names (from its OpenAPI schema) with bad values, or anything at all. */
const bodyOf = (fields: string[]) =>
  fc.oneof(
    fields.length
      ? fc.dictionary(fc.constantFrom(...fields), nasty, { maxKeys: Math.max(1, fields.length) })
      : fc.dictionary(fc.string({ maxLength: 10 }), nasty, { maxKeys: 4 }),
    fc.anything({ maxDepth: 2 }),
  );

/**
 * A path parameter: an unknown or malformed id, or one of 小榄's (every record is 小榄's). Accounts are only 小榄's
 * officer's or unknown: the administrator may disable an account, and the identities here must stay signed in.
 */
const paramOf = (ids: number[], accounts: boolean) =>
  fc.oneof(
    fc.constantFrom(...ids),
    fc.constantFrom('0', '-1', '1.5', '1e3', '99999999999999999999', 'abc', '%20', '１', '0x10'),
    accounts ? fc.integer({ min: 100_000, max: 100_050 }) : fc.integer({ min: 1, max: 50 }),
  );

let h: THarness;
let fingerprintSql = sql``;
/** `foreign`: every record is another town's, so no write to an id may succeed. */
const identities: { name: string; cookie: string; foreign: boolean }[] = [];
let ids: number[] = [];
let accountIds: number[] = [];
let routes: { method: string; url: string; fields: string[] }[] = [];

/** Every table but the volatile ones: its row count and a hash of its rows, in one statement. */
async function fingerprint(): Promise<string> {
  const rows = await queryRows<{ t: string; n: number; h: string }>(h.db, fingerprintSql);
  return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join(' ');
}

/** The next transaction id: unchanged when no transaction wrote anything (reads take none), so the tables are as they were. */
async function nextXid(): Promise<string> {
  const [row] = await queryRows<{ x: string }>(h.db, sql`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`);
  return row!.x;
}

beforeAll(async () => {
  h = await createHarness();
  const tables = await queryRows<{ name: string }>(
    h.db,
    sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  fingerprintSql = sql.join(
    tables
      .filter((t) => !VOLATILE.has(t.name))
      .map(
        (t) =>
          sql`SELECT ${t.name}::text AS t, count(*)::int AS n, coalesce(sum(hashtext(x::text)::bigint), 0)::text AS h FROM ${sql.identifier(t.name)} x`,
      ),
    sql` UNION ALL `,
  );

  // 小榄's records: a firm with an enterprise account, an inspection, a hazard
  const officerB = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan });
  const firmB = await firm(h.db, { divisionCode: TOWNS.xiaolan, name: '中山市小榄镇某五金制品有限公司' });
  const insp = await inspection(h.db, { enterpriseId: firmB.id, divisionCode: TOWNS.xiaolan, inspectedOn: '2026-03-01' });
  const hazard = await h.call('POST', '/api/hazards', {
    cookie: officerB.cookie,
    body: {
      enterpriseId: firmB.id,
      source: 'inspection',
      category: 'dust',
      description: '除尘器未设置泄爆装置',
      location: '打磨车间',
      foundOn: '2026-03-01',
      foundBy: '张三',
      responsiblePerson: '李四',
      deadline: '2026-03-20',
    },
  });
  expect(hazard.statusCode).toBe(201);
  ids = [firmB.id, insp, hazard.json().id as number];
  accountIds = [officerB.user.id];

  const session = async (role: TRole, divisionCode: string) => (await h.userWithSession({ role, divisionCode })).cookie;
  identities.push({ name: '镇街人员（坦洲）', cookie: await session('town_officer', TOWNS.tanzhou), foreign: true });
  const firmUser = await h.userWithSession({ role: 'enterprise_user', divisionCode: TOWNS.xiaolan });
  const ownFirm = await firm(h.db, { divisionCode: TOWNS.tanzhou });
  await h.db.execute(sql`UPDATE users SET enterprise_id = ${ownFirm.id}, division_code = ${TOWNS.tanzhou} WHERE id = ${firmUser.user.id}`);
  identities.push({ name: '企业用户（坦洲某企业）', cookie: firmUser.cookie, foreign: true });
  // the city's roles pass the permission check on most routes, so their bodies reach validation
  identities.push({ name: '市局业务/执法人员', cookie: await session('bureau_officer', '4420'), foreign: false });
  identities.push({ name: '市局管理员', cookie: await session('admin', '4420'), foreign: false });

  const doc = h.app.swagger() as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: object } }> } }>>;
  };
  const fieldsOf = (url: string, method: string): string[] => {
    const openapiPath = url.replace(/:(\w+)/g, '{$1}');
    const op = doc.paths[openapiPath]?.[method.toLowerCase()];
    return Object.keys(op?.requestBody?.content?.['application/json']?.schema?.properties ?? {});
  };
  routes = h.routes
    .filter((r) => r.method !== 'GET' && !SKIPPED.has(`${r.method} ${r.url}`))
    .map((r) => ({ method: r.method, url: r.url, fields: fieldsOf(r.url, r.method) }));
}, 120_000);
afterAll(() => h?.close());

describe(`generated bad input to every write endpoint (${RUNS} bodies per route and identity, seed ${SEED})`, () => {
  it('covers the write endpoints', () => {
    expect(routes.length).toBeGreaterThan(60);
    // most routes name their fields: the bodies then carry the right names with the wrong values
    expect(routes.filter((r) => r.fields.length > 0).length).toBeGreaterThan(routes.length / 2);
  });

  it('never a 5xx, a refusal changes nothing, and no id of another town is ever written', async () => {
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    let tables = await fingerprint();
    const accepted: string[] = [];
    let writes = 0;
    for (const route of routes) {
      for (const who of identities) {
        await fc
          .assert(
            fc.asyncProperty(
              fc.array(route.url.startsWith('/api/users') ? paramOf(accountIds, true) : paramOf(ids, false), {
                minLength: 3,
                maxLength: 3,
              }),
              bodyOf(route.fields),
              async (params, body) => {
                let i = 0;
                const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(String(params[i++ % params.length])));
                const before = await nextXid();
                const payload = body === undefined ? undefined : JSON.stringify(body);
                const res = await h.app.inject({
                  method: route.method as 'POST',
                  url,
                  headers: { cookie: who.cookie, origin: ORIGIN, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
                  ...(payload === undefined ? {} : { payload }),
                });
                statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
                if (res.statusCode < 300) accepted.push(`${who.name} ${route.method} ${url}`);
                const where = `${who.name} ${route.method} ${url} → ${res.statusCode}`;
                if (res.statusCode >= 500) problems.push(`${where}: ${res.body.slice(0, 200)}`);
                // the tables are compared only when a transaction wrote or tried to (a read-only refusal takes no xid)
                if ((await nextXid()) !== before) {
                  writes += 1;
                  const now = await fingerprint();
                  if (res.statusCode >= 400 && now !== tables) {
                    const was = new Set(tables.split(' '));
                    const changed = now.split(' ').filter((t) => !was.has(t));
                    problems.push(`${where}: a refusal changed ${changed.map((t) => t.split(':')[0]).join(', ')}`);
                  }
                  tables = now;
                }
                if (who.foreign && res.statusCode < 300 && route.url.includes(':'))
                  problems.push(`${where}: wrote to a record of another town`);
                return problems.length === 0;
              },
            ),
            { numRuns: RUNS, seed: SEED, endOnFailure: true },
          )
          .catch(() => undefined);
        if (problems.length > 0) break;
      }
      if (problems.length > 0) break;
    }
    expect(problems, `FUZZ_SEED=${SEED}`).toEqual([]);
    // the bodies reached the routes: every route and identity was answered RUNS times, mostly with refusals
    const answered = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(answered).toBe(routes.length * identities.length * RUNS);
    // every identity stayed signed in: its answers were refusals on their merits, not for a lost session
    expect(statuses.get(401) ?? 0).toBe(0);
    console.log(`fuzz: ${answered} requests, ${writes} of them wrote; answers ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(`fuzz: accepted ${[...new Set(accepted)].join('; ')}`);
  }, 600_000);
});
