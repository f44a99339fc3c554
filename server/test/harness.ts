import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TRole } from '@yingji/domain';
import { buildApp, type TAppOptions } from '../src/http/app';
import { queryRows, type Db } from '../src/db/client';
import { sqlTraceLogger } from '../src/db/sql-trace';
import type { TAnyModule } from '../src/kit/module';
import * as orgRepo from '../src/modules/org/org.repo';
import { hashPassword } from '../src/shared/passwords';
import { createTestDatabase } from './test-db';

export const TEST_PASSWORD = 'Yingji#Test2026';
export const ORIGIN = 'http://localhost';
export const TOWNS = { tanzhou: '442000107', xiaolan: '442000118', shiqi: '442000001' } as const;
export const CITY = '4420';
/** A town of a second city (东莞), for the province's views: add it with `addSecondCity`. */
export const DONGGUAN_TOWN = '441900003';

/** The province (44) and a second city, 东莞 (4419), with one town, beside the seeded 中山 (the province's views). */
export async function addSecondCity(db: Db): Promise<void> {
  await db.execute(sql`INSERT INTO divisions (code, name, level, parent_code) VALUES
    ('44', '广东省', 'province', NULL), ('4419', '东莞市', 'city', '44'), ('441900', '东莞市', 'county', '4419'),
    (${DONGGUAN_TOWN}, '东城街道', 'town', '441900') ON CONFLICT (code) DO NOTHING`);
}

const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

/** A controllable clock: tests move time instead of waiting for it. */
export class TestClock {
  constructor(private t: Date = new Date('2026-03-02T01:00:00.000Z')) {}
  now = (): Date => new Date(this.t);
  set(t: Date | string) {
    this.t = new Date(t);
  }
  advanceMinutes(m: number) {
    this.t = new Date(this.t.getTime() + m * 60_000);
  }
  advanceDays(d: number) {
    this.advanceMinutes(d * 1440);
  }
}

export interface TCallOptions {
  cookie?: string;
  body?: unknown;
  origin?: string | null;
  headers?: Record<string, string>;
}

/** The real app on a fresh database of its own, with factories for users and sessions. */
export async function createHarness(
  options: {
    extraModules?: readonly TAnyModule[];
    sqlTraceFile?: string;
    publicRateLimit?: TAppOptions['publicRateLimit'];
    sessionKeptMs?: number;
  } = {},
) {
  const database = await createTestDatabase(options.sqlTraceFile ? { logger: sqlTraceLogger } : {});
  const clock = new TestClock();
  const { app, services, routes } = await buildApp({
    database,
    clock: clock.now,
    logLevel: false,
    ...(options.extraModules ? { extraModules: options.extraModules } : {}),
    ...(options.sqlTraceFile ? { sqlTraceFile: options.sqlTraceFile } : {}),
    // off unless a test asks: the HTTP walks send thousands of anonymous requests from one address
    publicRateLimit: options.publicRateLimit ?? false,
    // none unless a test asks: tests change users with SQL of their own
    sessionKeptMs: options.sessionKeptMs ?? 0,
  });
  let counter = 0;

  async function call(method: string, url: string, options: TCallOptions = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.origin !== null) headers.origin = options.origin ?? ORIGIN;
    if (options.cookie) headers.cookie = options.cookie;
    return app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
  }

  async function createUser(options: {
    role: TRole;
    divisionCode?: string;
    username?: string;
    password?: string;
    mustChangePassword?: boolean;
  }) {
    const now = clock.now().toISOString();
    const username = options.username ?? `${options.role}_${++counter}`;
    const passwordHash = await hashOnce(options.password ?? TEST_PASSWORD);
    const row = await orgRepo.insertUser(database.db, {
      username,
      displayName: `测试${username}`,
      role: options.role,
      divisionCode: options.divisionCode ?? (options.role === 'town_officer' || options.role === 'enterprise_user' ? TOWNS.tanzhou : CITY),
      passwordHash,
      passwordChangedAt: now,
      mustChangePassword: options.mustChangePassword ?? false,
      createdAt: now,
      updatedAt: now,
    });
    await orgRepo.addPasswordHistory(database.db, row.id, passwordHash, now);
    return row;
  }

  /** Logs in and returns the session cookie to send. */
  async function login(username: string, password = TEST_PASSWORD): Promise<string> {
    const res = await call('POST', '/api/auth/login', { body: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'yingji_session');
    return `yingji_session=${cookie!.value}`;
  }

  async function userWithSession(options: Parameters<typeof createUser>[0]) {
    const user = await createUser(options);
    return { user, cookie: await login(user.username, options.password) };
  }

  /** How many rows a table holds (that match `where`, SQL the test writes): what a test checks a write against. */
  async function count(table: string, where = 'true'): Promise<number> {
    return (
      await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${sql.raw(where)}`)
    )[0]!.n;
  }

  return {
    app,
    services,
    routes,
    database,
    db: database.db,
    clock,
    call,
    createUser,
    login,
    userWithSession,
    count,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
export type THarness = Awaited<ReturnType<typeof createHarness>>;
