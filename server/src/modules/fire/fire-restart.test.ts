/**
 * The provincial outbox across a real crash: the server (the CLI's `main.ts` with its own data folder) is killed with
 * SIGKILL while the province's receiver holds its delivery open, started again on the same folder, and the
 * incident is then delivered, and delivered once (the same Idempotency-Key both times; one answered delivery).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../db/client';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const READY = /Yingji 已启动：(https?:\/\/\S+)/;
const ONE_TIME = /一次性密码（只显示这一次）：(\S+)/;

let dataDir: string;
let child: ChildProcess | null = null;
let receiver: http.Server;
/** Every request the receiver saw, and whether it answered it. */
const seen: { key: string; kind: string; answered: boolean }[] = [];
let hangFirst = true;

function start(port: number): Promise<{ url: string; oneTime: string | null }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', YINGJI_DATA_DIR: dataDir, YINGJI_LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const ready = READY.exec(out);
      if (ready) resolve({ url: `http://127.0.0.1:${port}`, oneTime: ONE_TIME.exec(out)?.[1] ?? null });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`服务器退出（${code}）：${out.slice(-2000)}`)));
  });
}

/** A signed-in caller of the running server. */
function client(url: string) {
  let cookie = '';
  return async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: { origin: url, cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : null,
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: HTTP ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

async function until(check: () => Promise<boolean> | boolean, ms: number) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('等待超时');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function freePort() {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'yingji-fire-restart-'));
  // The folder starts as a copy of the run's migrated database: what is tested is the restart, not a first migration
  // (which cli.test.ts tests), and migrating afresh is most of a start's time on the embedded database.
  const source = inject('testDatabase');
  if (source.kind === 'pglite') await (await openDatabase({ dataDir, loadDataDirFile: source.dumpFile, worker: false })).close();
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const entry = { key: String(req.headers['idempotency-key']), kind: (JSON.parse(body) as { kind: string }).kind, answered: false };
      seen.push(entry);
      // the first delivery is held open: the server dies while it waits
      if (hangFirst) {
        hangFirst = false;
        return;
      }
      entry.answered = true;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});

afterAll(async () => {
  child?.kill('SIGKILL');
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
  await rm(dataDir, { recursive: true, force: true });
});

describe('the provincial outbox across a kill -9 of the server', () => {
  it('delivers an incident claimed by a killed server once after the restart', async () => {
    const port = await freePort();
    const first = await start(port);
    const admin = client(first.url);
    await admin('POST', '/api/auth/login', { username: 'admin', password: first.oneTime });
    await admin('POST', '/api/auth/change-password', { currentPassword: first.oneTime, newPassword: 'Yingji#Restart2026' });
    const duty = (
      await admin('POST', '/api/users', { username: 'duty.restart', displayName: '夜班值班员', role: 'duty_officer', divisionCode: '4420' })
    ).oneTimePassword as string;
    const site = await admin('POST', '/api/fire/sites', {
      code: 'R-1',
      name: '五桂山高点',
      divisionCode: '442000006',
      longitude: 113.445,
      latitude: 22.43,
    });
    const ch = await admin('POST', `/api/fire/sites/${site.id}/channels`, {
      code: 'R-1-1',
      name: '可见光',
      kind: 'optical',
      headingDeg: 120,
      fovDeg: 60,
      rangeM: 10_000,
    });
    const { key } = await admin('POST', '/api/fire/keys', { platform: '测试平台', channelIds: [ch.id] });
    const settings = await admin('GET', '/api/settings');
    await admin('PUT', '/api/settings/fire', {
      // a 5-second delivery timeout: the lease (timeout + 5 s) ends 10 s after the claim
      value: { ...settings.fire, forwardUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/p`, forwardTimeoutSec: 5 },
    });
    const officer = client(first.url);
    await officer('POST', '/api/auth/login', { username: 'duty.restart', password: duty });
    await officer('POST', '/api/auth/change-password', { currentPassword: duty, newPassword: 'Duty#Restart2026' });
    const ingest = await fetch(`${first.url}/api/fire/ingest/alarm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ alarmId: 'r-1', channel: 'R-1-1', at: new Date().toISOString(), bearingDeg: 120, distanceM: 3000 }),
    });
    const id = ((await ingest.json()) as { items: { incidentId: number }[] }).items[0]!.incidentId;
    const verified = await officer('POST', `/api/fire/incidents/${id}/verify`, { real: true, version: 1 });
    await officer('POST', `/api/fire/incidents/${id}/dispatch`, { recipients: [{ name: '五桂山街道' }], version: verified.version });

    // the worker claims the item and posts it; the receiver holds the request; the process is killed
    await until(() => seen.length === 1, 20_000);
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    const second = await start(port);
    const again = client(second.url);
    await again('POST', '/api/auth/login', { username: 'duty.restart', password: 'Duty#Restart2026' });
    await until(async () => (await again('GET', `/api/fire/incidents/${id}`)).forwarding[0]?.status === 'delivered', 30_000);
    const detail = await again('GET', `/api/fire/incidents/${id}`);
    expect(detail.forwarding).toEqual([expect.objectContaining({ kind: 'fire.dispatched', status: 'delivered', attempts: 1 })]);
    expect(seen.map((s) => [s.kind, s.answered])).toEqual([
      ['fire.dispatched', false],
      ['fire.dispatched', true],
    ]);
    // one item, one key: a receiver that drops repeats by the key has it once
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
    const box = await again('GET', '/api/fire/outbox?status=pending');
    expect(box.counts).toMatchObject({ pending: 0, delivered: 1, dead: 0 });
  }, 180_000);
});
