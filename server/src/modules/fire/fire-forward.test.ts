/**
 * Provincial forwarding against a loopback receiver that fails sometimes: retries with back-off, dead letters and
 * manual resend, and an item claimed by a process that died mid-delivery delivered after the lease, once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromLocal } from '@yingji/domain';
import { createHarness, type THarness } from '../../../test/harness';
import * as repo from './fire-incident.repo';
import { leaseMs } from './fire-forward';

// a one-second delivery timeout keeps the test of a receiver that never answers short
const LEASE_MS = leaseMs(1);

let h: THarness;
let admin: string;
let duty: string;
let key: string;
let receiver: http.Server;
let url: string;
/** What the receiver answers next (popped per request; 200 when empty); 'hang' never answers. */
const script: (number | 'hang')[] = [];
const received: { key: string; body: { id: number; kind: string; payload: { incidentId: number } } }[] = [];

async function signIn() {
  admin = await h.login('fw_admin');
  duty = await h.login('fw_duty');
}

async function dispatchedIncident(alarmId: string) {
  // past the merge window, so each call opens an incident of its own
  await advanceSeconds(31 * 60);
  const id = (
    await h.call('POST', '/api/fire/ingest/alarm', {
      origin: null,
      headers: { 'x-api-key': key },
      body: { alarmId, channel: 'F1', at: h.clock.now().toISOString(), bearingDeg: 90, distanceM: 3000 },
    })
  ).json().items[0].incidentId;
  const v = (await h.call('POST', `/api/fire/incidents/${id}/verify`, { cookie: duty, body: { real: true, version: 1 } })).json();
  await h.call('POST', `/api/fire/incidents/${id}/dispatch`, {
    cookie: duty,
    body: { recipients: [{ name: '三乡镇' }], version: v.version },
  });
  return id as number;
}

const forwarder = () => h.services.modules.fire.forwarder;
const advanceSeconds = async (s: number) => {
  h.clock.set(new Date(h.clock.now().getTime() + s * 1000));
  await signIn();
};

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const next = script.shift() ?? 200;
      if (next === 'hang') return;
      if (next === 200) received.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(body) });
      res.statusCode = next;
      res.end(next === 200 ? 'ok' : 'busy');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/receive`;
  h = await createHarness();
  await h.createUser({ role: 'admin', username: 'fw_admin' });
  await h.createUser({ role: 'duty_officer', username: 'fw_duty' });
  const officer = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  await signIn();
  const p = fromLocal([113.4, 22.4], 0, 0);
  const site = (
    await h.call('POST', '/api/fire/sites', {
      cookie: officer,
      body: { code: 'F', name: '三乡高点', divisionCode: '442000114', longitude: p[0], latitude: p[1] },
    })
  ).json();
  const ch = (
    await h.call('POST', `/api/fire/sites/${site.id}/channels`, {
      cookie: officer,
      body: { code: 'F1', name: '一号', kind: 'thermal', headingDeg: 90, fovDeg: 40, rangeM: 8000 },
    })
  ).json();
  key = (await h.call('POST', '/api/fire/keys', { cookie: admin, body: { platform: '测试平台', channelIds: [ch.id] } })).json().key;
  const settings = (await h.call('GET', '/api/settings', { cookie: admin })).json();
  const put = await h.call('PUT', '/api/settings/fire', {
    cookie: admin,
    body: { value: { ...settings.fire, forwardUrl: url, forwardMaxAttempts: 3, forwardTimeoutSec: 1 } },
  });
  expect(put.statusCode).toBe(200);
});
afterAll(async () => {
  await h.close();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
});

describe('forwarding to the provincial platform', () => {
  it('is written with the dispatch, retried with back-off after a failure, delivered once', async () => {
    const id = await dispatchedIncident('fw-1');
    script.push(503);
    expect(await forwarder().deliverDue()).toEqual({ delivered: 0, failed: 1 });
    let box = (await h.call('GET', '/api/fire/outbox?status=pending', { cookie: duty })).json();
    expect(box.items[0]).toMatchObject({ incidentId: id, attempts: 1, lastError: '省平台答复 HTTP 503' });
    // not due before 30 s
    await advanceSeconds(29);
    expect(await forwarder().deliverDue()).toEqual({ delivered: 0, failed: 0 });
    await advanceSeconds(1);
    expect(await forwarder().deliverDue()).toEqual({ delivered: 1, failed: 0 });
    expect(received.filter((r) => r.body.payload.incidentId === id)).toHaveLength(1);
    box = (await h.call('GET', '/api/fire/outbox', { cookie: duty })).json();
    expect(box.counts).toMatchObject({ delivered: 1, pending: 0, dead: 0 });
    const detail = (await h.call('GET', `/api/fire/incidents/${id}`, { cookie: duty })).json();
    expect(detail.forwarding[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('dead-letters after the last attempt and sends again on a manual resend', async () => {
    const id = await dispatchedIncident('fw-2');
    script.push(500, 500, 500);
    expect((await forwarder().deliverDue()).failed).toBe(1);
    await advanceSeconds(30);
    expect((await forwarder().deliverDue()).failed).toBe(1);
    await advanceSeconds(60);
    expect((await forwarder().deliverDue()).failed).toBe(1);
    const dead = (await h.call('GET', '/api/fire/outbox?status=dead', { cookie: duty })).json();
    expect(dead.items).toHaveLength(1);
    expect(dead.items[0]).toMatchObject({ incidentId: id, attempts: 3, status: 'dead' });
    await advanceSeconds(3600);
    expect(await forwarder().deliverDue()).toEqual({ delivered: 0, failed: 0 });
    const pending = (await h.call('POST', `/api/fire/outbox/${dead.items[0].id}/resend`, { cookie: duty })).statusCode;
    expect(pending).toBe(204);
    expect((await h.call('POST', `/api/fire/outbox/${dead.items[0].id}/resend`, { cookie: duty })).json()).toMatchObject({
      code: 'rule_violation',
      message: '只有投递失败（死信）的记录可以手动重发',
    });
    expect(await forwarder().deliverDue()).toEqual({ delivered: 1, failed: 0 });
    expect(received.filter((r) => r.body.payload.incidentId === id)).toHaveLength(1);
  });

  it('keeps an item claimed by a process killed mid-delivery, and delivers it after the lease, once', async () => {
    const id = await dispatchedIncident('fw-3');
    // what the worker commits before its HTTP call; then the process dies and nothing else happens
    const now = h.clock.now();
    const claimed = await h.db.transaction((tx) =>
      repo.claimDue(tx, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString(), 20),
    );
    expect(claimed.map((c) => c.incidentId)).toEqual([id]);
    // after the restart: still pending, left alone while the lease runs
    const box = (await h.call('GET', '/api/fire/outbox?status=pending', { cookie: duty })).json();
    expect(box.items.map((i: { incidentId: number }) => i.incidentId)).toEqual([id]);
    expect(await forwarder().deliverDue()).toEqual({ delivered: 0, failed: 0 });
    await advanceSeconds(LEASE_MS / 1000);
    expect(await forwarder().deliverDue()).toEqual({ delivered: 1, failed: 0 });
    expect(await forwarder().deliverDue()).toEqual({ delivered: 0, failed: 0 });
    const got = received.filter((r) => r.body.payload.incidentId === id);
    expect(got).toHaveLength(1);
    expect(got[0]!.key).toBe(`yingji-fire-${claimed[0]!.id}`);
  });

  it('forwards a closure once, after its dispatch went through, with retries; a false alarm closed is not sent', async () => {
    const id = await dispatchedIncident('fw-5');
    script.push(503);
    expect(await forwarder().deliverDue()).toEqual({ delivered: 0, failed: 1 });
    const version = (await h.call('GET', `/api/fire/incidents/${id}`, { cookie: duty })).json().version;
    const closed = await h.call('POST', `/api/fire/incidents/${id}/close`, {
      cookie: duty,
      body: { outcome: '明火已扑灭，过火面积约 0.3 亩', version },
    });
    expect(closed.statusCode).toBe(200);
    // the closure is due at once but waits behind the dispatch still in back-off
    expect(await forwarder().deliverDue()).toEqual({ delivered: 0, failed: 0 });
    await advanceSeconds(30);
    expect(await forwarder().deliverDue()).toEqual({ delivered: 1, failed: 0 });
    script.push(502);
    expect(await forwarder().deliverDue()).toEqual({ delivered: 0, failed: 1 });
    await advanceSeconds(30);
    expect(await forwarder().deliverDue()).toEqual({ delivered: 1, failed: 0 });
    expect(await forwarder().deliverDue()).toEqual({ delivered: 0, failed: 0 });
    const got = received.filter((r) => r.body.payload.incidentId === id);
    expect(got.map((r) => r.body.kind)).toEqual(['fire.dispatched', 'fire.closed']);
    expect(got[1]!.body.payload).toMatchObject({ status: 'closed', outcome: '明火已扑灭，过火面积约 0.3 亩' });
    const again = await h.call('POST', `/api/fire/incidents/${id}/close`, {
      cookie: duty,
      body: { outcome: '再次结案', version: version + 1 },
    });
    expect(again.json()).toMatchObject({ code: 'rule_violation', message: '该事件已结案' });
    const detail = (await h.call('GET', `/api/fire/incidents/${id}`, { cookie: duty })).json();
    expect(detail.forwarding.map((f: { kind: string; status: string; attempts: number }) => [f.kind, f.status, f.attempts])).toEqual([
      ['fire.dispatched', 'delivered', 2],
      ['fire.closed', 'delivered', 2],
    ]);
    // a false alarm never reached the province, so its closure is not sent either
    await advanceSeconds(31 * 60);
    const fa = (
      await h.call('POST', '/api/fire/ingest/alarm', {
        origin: null,
        headers: { 'x-api-key': key },
        body: { alarmId: 'fw-6', channel: 'F1', at: h.clock.now().toISOString(), bearingDeg: 90, distanceM: 3000 },
      })
    ).json().items[0].incidentId;
    const v = (
      await h.call('POST', `/api/fire/incidents/${fa}/verify`, { cookie: duty, body: { real: false, label: 'cloud', version: 1 } })
    ).json();
    await h.call('POST', `/api/fire/incidents/${fa}/close`, { cookie: duty, body: { outcome: '云层反光误报', version: v.version } });
    expect((await h.call('GET', `/api/fire/incidents/${fa}`, { cookie: duty })).json().forwarding).toEqual([]);
  });

  it('retries a receiver that does not answer in time', async () => {
    const id = await dispatchedIncident('fw-4');
    script.push('hang');
    const r = await forwarder().deliverDue();
    expect(r).toEqual({ delivered: 0, failed: 1 });
    const box = (await h.call('GET', '/api/fire/outbox?status=pending', { cookie: duty })).json();
    expect(box.items.find((i: { incidentId: number }) => i.incidentId === id).lastError).toMatch(/^投递失败：/);
  });
});
