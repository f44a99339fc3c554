import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type THarness } from '../../test/harness';
import { readTrace, replayStatement, SQL_TRACE_HEADER } from './sql-trace';

/** The bench's SQL trace (YINGJI_SQL_TRACE): the statements of the one request that asked, and of no other. */
describe('SQL trace of a request', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-trace-')), 'trace.jsonl');
  let h: THarness;
  let cookie: string;
  beforeAll(async () => {
    h = await createHarness({ sqlTraceFile: file });
    ({ cookie } = await h.userWithSession({ role: 'admin' }));
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('writes every statement of a request that asks, the session lookup first, before the answer leaves', async () => {
    const res = await h.call('GET', '/api/users?page=1&pageSize=20', { cookie, headers: { [SQL_TRACE_HEADER]: 'users-1' } });
    expect(res.statusCode).toBe(200);
    const trace = readTrace(file, 'users-1');
    expect(trace).toMatchObject({ method: 'GET', url: '/api/users?page=1&pageSize=20', status: 200 });
    expect(trace!.statements.length).toBeGreaterThanOrEqual(2);
    expect(trace!.statements[0]!.sql).toMatch(/sessions/);
    expect(trace!.statements.some((s) => /from "users"/i.test(s.sql))).toBe(true);
    // each statement runs again as it was sent, straight through the driver: the list's rows come back
    const list = trace!.statements.find((s) => /from "users"/i.test(s.sql))!;
    const rows = await replayStatement(h.database, list);
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });

  it('traces nothing without the header, with a malformed id, or from another machine', async () => {
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    expect((await h.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    expect((await h.call('GET', '/api/auth/me', { cookie, headers: { [SQL_TRACE_HEADER]: '../etc/passwd' } })).statusCode).toBe(200);
    const remote = await h.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      remoteAddress: '10.1.2.3',
      headers: { cookie, origin: 'http://localhost', [SQL_TRACE_HEADER]: 'remote-1' },
    });
    expect(remote.statusCode).toBe(200);
    expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '').toBe(before);
  });

  it('is off in an app built without a trace file: the header is ignored', async () => {
    const plain = await createHarness();
    try {
      const { cookie: c } = await plain.userWithSession({ role: 'admin' });
      const before = fs.readFileSync(file, 'utf8');
      expect((await plain.call('GET', '/api/auth/me', { cookie: c, headers: { [SQL_TRACE_HEADER]: 'plain-1' } })).statusCode).toBe(200);
      expect(fs.readFileSync(file, 'utf8')).toBe(before);
      expect(readTrace(file, 'plain-1')).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
