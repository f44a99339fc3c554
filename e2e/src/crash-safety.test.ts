import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { completeCreditCode } from '@yingji/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TRunningServer } from './support/server';

/**
 * Crash safety (issue 15, item 5): the real server, or the `yingji restore` command, killed with SIGKILL in the middle
 * of its largest writes (a 40,000-firm registry import, a 10,000-row risk import, a restore), on the engine of the run
 * (the embedded database by default, PostgreSQL when YINGJI_TEST_DATABASE_URL is set). After a restart every committed
 * change is there, nothing half-written is, the audit chain verifies, and the interrupted work can simply be run again.
 */
const FIRMS = 40_000;
const TOWNS = ['坦洲镇', '三乡镇', '小榄镇', '东升镇', '火炬开发区', '石岐街道'];
const PASSWORD = 'Crash-safe-2026!';

/** The market regulator's list as CSV: FIRMS firms spread over six towns. */
function registryCsv(): Buffer {
  const lines = ['统一社会信用代码,企业名称,法定代表人,登记状态,住所,国民经济行业代码'];
  for (let n = 1; n <= FIRMS; n++) {
    const code = completeCreditCode(`91442000${String(n).padStart(8, '0')}`);
    // every other firm makes chemicals (行业 26, 危险化学品生产): the risk import below grades them
    lines.push(
      `${code},中山市压测${n}号五金制品有限公司,张${n % 97},存续,中山市${TOWNS[n % TOWNS.length]}测试路${n}号,${n % 2 ? 3311 : 2614}`,
    );
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

describe('crash safety: killed mid-write, nothing committed is lost and nothing half-written stays', () => {
  let server: TRunningServer;
  let cookie = '';

  async function call(method: string, url: string, body?: Buffer | object, contentType = 'application/json') {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, origin: server.url, ...(body ? { 'content-type': contentType } : {}) },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: () => JSON.parse(text) as Record<string, unknown>, text };
  }

  async function signIn(password: string): Promise<Response> {
    return fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'admin', password }),
    });
  }

  async function signInAsAdmin(): Promise<void> {
    const res = await signIn(PASSWORD);
    expect(res.status).toBe(200);
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }

  const firmCount = async () => (await call('GET', '/api/enterprises?pageSize=1')).json().total as number;
  const auditVerifies = async () => {
    const res = await call('GET', '/api/audit/verify');
    expect(res.status, res.text).toBe(200);
    return res.json();
  };

  async function previewRegistry(file: Buffer): Promise<string> {
    const res = await call('POST', '/api/enterprise-imports/preview?fileName=registry.csv', file, 'text/csv');
    expect(res.status, res.text).toBe(200);
    return res.json().token as string;
  }

  beforeAll(async () => {
    server = await startServer();
    const first = await signIn(server.adminPassword);
    expect(first.status).toBe(200);
    cookie = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const changed = await call('POST', '/api/auth/change-password', { currentPassword: server.adminPassword, newPassword: PASSWORD });
    expect(changed.status, changed.text).toBeLessThan(300);
    await signInAsAdmin();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a 40,000-firm registry import killed before its commit leaves no firm; run again, all 40,000 are in', async () => {
    const file = registryCsv();
    const token = await previewRegistry(file);
    const before = await auditVerifies();
    expect(before.ok).toBe(true);

    // The apply is one transaction of 40,000 inserts: kill the server while it runs.
    const applying = call('POST', '/api/enterprise-imports/apply', { token, fileName: 'registry.csv' }).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 300));
    await server.crash();
    const answer = await applying;
    // the server died before answering: the import had not committed
    expect(answer).toBeInstanceOf(Error);

    await server.restart();
    await signInAsAdmin();
    expect(await firmCount()).toBe(0);
    // the chain verifies and ends no earlier than before (the sign-ins since are in it; the import's batch is not)
    const after = await auditVerifies();
    expect(after.ok).toBe(true);
    expect(after.count as number).toBeGreaterThanOrEqual(before.count as number);

    // The officer simply runs the import again (the preview is uploaded again: a restart forgets it).
    const again = await call('POST', '/api/enterprise-imports/apply', { token: await previewRegistry(file), fileName: 'registry.csv' });
    expect(again.status, again.text).toBe(200);
    expect(await firmCount()).toBe(FIRMS);
    expect((await auditVerifies()).ok).toBe(true);
  }, 400_000);

  it('a restore killed half-way leaves the database as it was; run again, it restores; backup → restore → backup is identical', async () => {
    const dir = tmpdir();
    const backup = path.join(dir, `yingji-crash-${process.pid}-a.backup`);
    const second = path.join(dir, `yingji-crash-${process.pid}-b.backup`);
    try {
      // the embedded database has one owner at a time: the commands run with the server stopped
      await server.crash();
      const made = await server.cli('backup', backup).done;
      expect(made.code, made.output).toBe(0);

      // a change after the backup, which the restore will take away
      await server.restart();
      await signInAsAdmin();
      const added = await call('POST', '/api/enterprises', {
        creditCode: completeCreditCode('9144200099999999'),
        name: '中山市备份之后新增的企业有限公司',
        divisionCode: '442000107',
        supervisionCategory: 'it_machinery',
        address: '中山市坦洲镇备份路1号',
        reason: '备份之后新增',
      });
      expect(added.status, added.text).toBe(201);
      await server.crash();

      // the restore is one transaction over every table: kill it once it has written its first tables
      const restoring = server.cli('restore', backup);
      const started = Date.now();
      while (!restoring.output().includes('正在恢复（尚未提交）') && Date.now() - started < 150_000)
        await new Promise((r) => setTimeout(r, 20));
      restoring.kill();
      const killed = await restoring.done;
      expect(killed.signal, killed.output).toBe('SIGKILL');
      expect(killed.output).toContain('正在恢复（尚未提交）');

      await server.restart();
      await signInAsAdmin();
      // untouched: the firm added after the backup is still there, and the chain verifies
      expect(await firmCount()).toBe(FIRMS + 1);
      expect((await auditVerifies()).ok).toBe(true);
      await server.crash();

      const restored = await server.cli('restore', backup).done;
      expect(restored.code, restored.output).toBe(0);
      const again = await server.cli('backup', second).done;
      expect(again.code, again.output).toBe(0);
      // The same rows, table by table. Two things differ by design: the header's time, and the audit entry the restore
      // itself wrote (and the chain's head, which moved on to it) (a restore is a change, and every change is audited).
      const content = async (file: string) => {
        const [header, ...chunks] = gunzipSync(await readFile(file))
          .toString('utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { table: string; rows: { action?: string }[] } & Record<string, unknown>);
        const rows = new Map<string, unknown[]>();
        for (const c of chunks) rows.set(c.table, [...(rows.get(c.table) ?? []), ...c.rows]);
        rows.set(
          'audit_log',
          (rows.get('audit_log') ?? []).filter((r) => (r as { action?: string }).action !== 'restore'),
        );
        rows.delete('audit_head'); // the chain's head moved on to that entry
        return { migrations: header!['migrations'], rows: Object.fromEntries(rows) };
      };
      const [a, b] = [await content(backup), await content(second)];
      expect(Object.keys(b.rows)).toEqual(Object.keys(a.rows));
      for (const table of Object.keys(a.rows)) expect(b.rows[table], table).toEqual(a.rows[table]);
    } finally {
      await rm(backup, { force: true });
      await rm(second, { force: true });
    }
  }, 400_000);

  it('a risk import of 10,000 expert grades killed before its commit grades no firm; run again, all are graded', async () => {
    // the experts' sheet (专家评估结果) as CSV: one row per chemical firm of the registry above
    const rows = ['统一社会信用代码,企业名称,评估得分,评估日期,强制红色条件'];
    for (let n = 4; n <= FIRMS; n += 4)
      rows.push(
        `${completeCreditCode(`91442000${String(n).padStart(8, '0')}`)},中山市压测${n}号五金制品有限公司,${60 + (n % 40)},2026-11-01,`,
      );
    const sheet = Buffer.from(rows.join('\n'), 'utf8');
    const preview = async () => {
      const res = await call('POST', '/api/risk-imports/preview?fileName=assessment.csv', sheet, 'text/csv');
      expect(res.status, res.text.slice(0, 500)).toBe(200);
      return res.json().token as string;
    };
    const graded = async () => {
      let n = 0;
      for (const colour of ['red', 'orange', 'yellow', 'blue'])
        n += (await call('GET', `/api/enterprises?pageSize=1&riskColour=${colour}`)).json().total as number;
      return n;
    };
    // after the restore test the server is stopped and the database is the backup's (the 40,000 firms, none graded)
    await server.restart();
    await signInAsAdmin();
    const token = await preview();
    expect(await graded()).toBe(0);

    // the apply writes every grade, its history row and the audit entry in one transaction: kill the server while it runs
    const applying = call('POST', '/api/risk-imports/apply', { token, fileName: 'assessment.csv' }).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    await server.crash();
    expect(await applying).toBeInstanceOf(Error);

    await server.restart();
    await signInAsAdmin();
    expect(await graded()).toBe(0);
    expect((await auditVerifies()).ok).toBe(true);

    const again = await call('POST', '/api/risk-imports/apply', { token: await preview(), fileName: 'assessment.csv' });
    expect(again.status, again.text.slice(0, 500)).toBe(200);
    expect(await graded()).toBe(FIRMS / 4);
    expect((await auditVerifies()).ok).toBe(true);
  }, 400_000);
});
