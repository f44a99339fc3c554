/**
 * Sessions kept between requests (session-cache.ts), with the harness keeping them as a server does: a page's burst
 * looks its session up once; this process's own changes end a kept session at once; another process's are seen when
 * the kept copy runs out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTrace, SQL_TRACE_HEADER } from '../../db/sql-trace';
import { createHarness, ORIGIN, TEST_PASSWORD, type THarness } from '../../../test/harness';

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-session-cache-')), 'trace.jsonl');
let h: THarness;
beforeAll(async () => {
  h = await createHarness({ sessionKeptMs: 60_000, sqlTraceFile: file });
});
afterAll(async () => {
  await h.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

let traced = 0;
/** `GET /api/auth/me`, and how many times it looked a session up. */
async function me(cookie: string) {
  const trace = `me-${++traced}`;
  const res = await h.call('GET', '/api/auth/me', { cookie, headers: { [SQL_TRACE_HEADER]: trace } });
  const lookups = (readTrace(file, trace)?.statements ?? []).filter((s) => /from "sessions" inner join "users"/.test(s.sql)).length;
  return { statusCode: res.statusCode, lookups };
}

describe('kept sessions', () => {
  it("look a page's burst of requests up once", async () => {
    const { cookie } = await h.userWithSession({ role: 'bureau_officer' });
    const first = await me(cookie);
    expect(first).toEqual({ statusCode: 200, lookups: 1 });
    const burst = await Promise.all(Array.from({ length: 5 }, () => me(cookie)));
    expect(burst).toEqual(Array.from({ length: 5 }, () => ({ statusCode: 200, lookups: 0 })));
  });

  it("see another process's change when the kept copy runs out, and never a day late", async () => {
    const { user, cookie } = await h.userWithSession({ role: 'bureau_officer' });
    expect((await me(cookie)).statusCode).toBe(200);
    // as the CLI or a second server would: straight to the database
    await h.db.execute(sql`UPDATE users SET disabled = true WHERE id = ${user.id}`);
    expect((await me(cookie)).statusCode, 'kept').toBe(200);
    h.services.modules.org.sessions.keepFor(50);
    await new Promise((r) => setTimeout(r, 60));
    expect((await me(cookie)).statusCode).toBe(401);
    h.services.modules.org.sessions.keepFor(60_000);
  });

  it('end at once on logout, on a password change (the other sessions) and when an administrator disables the user', async () => {
    const a = await h.userWithSession({ role: 'bureau_officer' });
    expect((await me(a.cookie)).statusCode).toBe(200);
    expect((await h.call('POST', '/api/auth/logout', { cookie: a.cookie })).statusCode).toBe(204);
    expect((await me(a.cookie)).statusCode).toBe(401);

    const b = await h.userWithSession({ role: 'bureau_officer' });
    const other = await h.login(b.user.username);
    expect((await me(other)).statusCode).toBe(200);
    const changed = await h.call('POST', '/api/auth/change-password', {
      cookie: b.cookie,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'Another-Passw0rd-2026' },
      origin: ORIGIN,
    });
    expect(changed.statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(b.cookie)).statusCode).toBe(200);

    const admin = await h.userWithSession({ role: 'admin' });
    const c = await h.userWithSession({ role: 'bureau_officer' });
    expect((await me(c.cookie)).statusCode).toBe(200);
    const disabled = await h.call('PATCH', `/api/users/${c.user.id}`, { cookie: admin.cookie, body: { disabled: true } });
    expect(disabled.statusCode).toBe(200);
    expect((await me(c.cookie)).statusCode).toBe(401);
  });

  it('stay alive while used: the kept copy carries the last-seen time its touch wrote', async () => {
    const { cookie } = await h.userWithSession({ role: 'bureau_officer' });
    for (let i = 0; i < 4; i++) {
      h.clock.advanceMinutes(20);
      expect((await me(cookie)).statusCode, `after ${20 * (i + 1)} minutes`).toBe(200);
    }
    h.clock.advanceMinutes(31);
    expect((await me(cookie)).statusCode).toBe(401);
  });
});
