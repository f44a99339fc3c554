/**
 * The duty officer's live board over HTTP on a real database: one freshness statement a poll, one rebuild shared by
 * the viewers of one scope, a new body after every write (two within one clock tick too) and after the clock alone
 * (an acknowledgement overdue, a finished incident leaving the window), and each town kept to its own board. The
 * statements each request ran are read from the SQL trace the bench uses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBoardDelta, fromLocal, ZBoardDeltaSchema, ZBoardSchema, type TBoard, type TBoardDelta, type TLngLat } from '@yingji/domain';
import { readTrace, SQL_TRACE_HEADER } from '../../db/sql-trace';
import { createHarness, type THarness } from '../../../test/harness';

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-fire-board-')), 'trace.jsonl');
let h: THarness;
const users: Record<'admin' | 'officer' | 'duty' | 'town', { name: string; cookie: string }> = {
  admin: { name: '', cookie: '' },
  officer: { name: '', cookie: '' },
  duty: { name: '', cookie: '' },
  town: { name: '', cookie: '' },
};
/** Moves the clock and signs everyone in again (sessions time out after 30 idle minutes). */
async function at(move: () => void) {
  move();
  for (const u of Object.values(users)) u.cookie = await h.login(u.name);
}
let key: string;
/** The channels A1 and B1. */
const channelIds: number[] = [];
const A: TLngLat = [113.45, 22.45];
const B = fromLocal(A, 2000, 0);
/** 五桂山 (A) and 三乡 (B): the town officer is 五桂山's. */
const TOWN_A = '442000006';
const TOWN_B = '442000114';

let seq = 0;
/**
 * One poll of the board, traced under a fresh id: `stamps` is its freshness statement (which brings the changes since
 * the kept board), `rebuilt` how many times it read the board's rows beside it, `statements` all it sent
 * but the session's look-up.
 */
async function poll(who: keyof typeof users, o: { etag?: string; hours?: number; since?: string } = {}) {
  const trace = `board-${++seq}`;
  const query = new URLSearchParams({ ...(o.hours ? { hours: String(o.hours) } : {}), ...(o.since ? { since: o.since } : {}) }).toString();
  const res = await h.call('GET', `/api/fire/board${query ? `?${query}` : ''}`, {
    cookie: users[who].cookie,
    headers: { [SQL_TRACE_HEADER]: trace, ...(o.etag ? { 'if-none-match': o.etag } : {}) },
  });
  const statements = readTrace(file, trace)!.statements.map((s) => s.sql);
  return {
    status: res.statusCode,
    etag: res.headers.etag as string,
    body: (res.statusCode === 200 ? res.json() : null) as TBoard,
    stamps: statements.filter((s) => /concat_ws/.test(s)).length,
    rebuilt: statements.filter((s) => /from "fire_incidents".*order by[^,]*"last_seen_at" desc/is.test(s)).length,
    statements: statements.filter((s) => !/from "sessions"/.test(s)).length,
  };
}

const post = (p: string, body: unknown) => h.call('POST', p, { body, origin: null, headers: { 'x-api-key': key } });
/** One alarm on a channel now; returns the incident it joined or opened. */
async function alarm(id: string, channel: string, bearingDeg: number, distanceM = 3000): Promise<number> {
  const res = await post('/api/fire/ingest/alarm', { alarmId: id, channel, at: h.clock.now().toISOString(), bearingDeg, distanceM });
  expect(res.statusCode).toBe(200);
  return res.json().items[0].incidentId;
}
const act = async (id: number, step: string, body?: unknown) => {
  const res = await h.call('POST', `/api/fire/incidents/${id}/${step}`, { cookie: users.duty.cookie, body });
  expect(res.statusCode).toBe(200);
  return res.json();
};

beforeAll(async () => {
  h = await createHarness({ sqlTraceFile: file });
  for (const [k, role, divisionCode] of [
    ['admin', 'admin', undefined],
    ['officer', 'bureau_officer', undefined],
    ['duty', 'duty_officer', undefined],
    ['town', 'town_officer', TOWN_A],
  ] as const)
    users[k].name = (await h.createUser({ role, ...(divisionCode ? { divisionCode } : {}) })).username;
  await at(() => undefined);
  const ids = channelIds;
  for (const [code, p, divisionCode, heading] of [
    ['A1', A, TOWN_A, 90],
    ['B1', B, TOWN_B, 315],
  ] as const) {
    const site = await h.call('POST', '/api/fire/sites', {
      cookie: users.officer.cookie,
      body: { code: `S-${code}`, name: `${code}高点`, divisionCode, longitude: p[0], latitude: p[1], heightM: 300 },
    });
    const ch = await h.call('POST', `/api/fire/sites/${site.json().id}/channels`, {
      cookie: users.officer.cookie,
      body: { code, name: `${code}通道`, kind: 'optical', headingDeg: heading, fovDeg: 60, rangeM: 10_000 },
    });
    expect(ch.statusCode).toBe(201);
    ids.push(ch.json().id);
  }
  const created = await h.call('POST', '/api/fire/keys', { cookie: users.admin.cookie, body: { platform: '海康平台', channelIds: ids } });
  key = created.json().key;
});
afterAll(async () => {
  await h.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

describe('the live board', () => {
  let first: number;

  it('serves two viewers polling together from one rebuild, and a third from the kept body', async () => {
    first = await alarm('share-1', 'A1', 120);
    const [a, b] = await Promise.all([poll('duty'), poll('officer')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.etag).toBe(a.etag);
    expect(b.body).toEqual(a.body);
    expect(a.body.incidents.map((i) => i.id)).toEqual([first]);
    // each poll asks for freshness in one statement; the rows are read once for both
    expect([a.stamps, b.stamps]).toEqual([1, 1]);
    expect(a.rebuilt + b.rebuilt).toBe(1);
    const c = await poll('duty');
    expect(c).toMatchObject({ status: 200, etag: a.etag, stamps: 1, rebuilt: 0 });
    expect(c.body).toEqual(a.body);
    expect(await poll('officer', { etag: a.etag })).toMatchObject({ status: 304, stamps: 1, rebuilt: 0 });
    // the kept text is sent as it is, not through the contract's serialiser: it must be what the contract says
    expect(ZBoardSchema.parse(a.body)).toEqual(a.body);
  });

  it('is fresh after every write, two within one clock tick included', async () => {
    let last = await poll('duty');
    /**
     * The next poll revalidating the last one's tag: it must be a new body. An incident's change comes with the poll's
     * one statement (names kept); a device alert or a renamed channel has the board read afresh.
     */
    const changed = async (afresh = false) => {
      const next = await poll('duty', { etag: last.etag });
      expect(next).toMatchObject({ status: 200, stamps: 1, rebuilt: afresh ? 1 : 0, ...(afresh ? {} : { statements: 1 }) });
      expect(next.etag).not.toBe(last.etag);
      last = next;
      return next.body;
    };
    // a merged alarm, its acknowledgement and a false-alarm verdict, all at one clock time
    expect(await alarm('fresh-1', 'A1', 120)).toBe(first);
    expect((await changed()).incidents.find((i) => i.id === first)!.alarmCount).toBe(2);
    await act(first, 'acknowledge');
    expect((await changed()).incidents.find((i) => i.id === first)!.acknowledgedAt).toBe(h.clock.now().toISOString());
    const inc = (await h.call('GET', `/api/fire/incidents/${first}`, { cookie: users.duty.cookie })).json();
    await act(first, 'verify', { real: false, label: 'cloud', version: inc.version });
    expect((await changed()).incidents.find((i) => i.id === first)!.status).toBe('false_alarm');
    // a device alert: a channel on battery
    const hb = await post('/api/fire/ingest/heartbeats', {
      heartbeats: [{ channel: 'B1', at: h.clock.now().toISOString(), power: 'battery', network: 'ok', camera: 'ok' }],
    });
    expect(hb.statusCode).toBe(200);
    expect((await changed(true)).deviceAlerts).toContainEqual(expect.objectContaining({ channelCode: 'B1', kind: 'power_loss' }));
    // a channel renamed: its incident's kept text is made again with the new name
    const renamed = await h.call('PATCH', `/api/fire/channels/${channelIds[0]}`, {
      cookie: users.officer.cookie,
      body: { name: 'A1东向', kind: 'optical', headingDeg: 90, fovDeg: 60, rangeM: 10_000, status: 'active' },
    });
    expect(renamed.statusCode).toBe(200);
    const board = await changed(true);
    expect(board.incidents.find((i) => i.id === first)!.channels).toEqual([expect.objectContaining({ code: 'A1', name: 'A1东向' })]);
    expect(ZBoardSchema.parse(board)).toEqual(board);
    expect(await poll('duty', { etag: last.etag })).toMatchObject({ status: 304, rebuilt: 0 });
  });

  it('moves with the clock alone: an acknowledgement overdue, a finished incident leaving the window', async () => {
    await at(() => h.clock.advanceMinutes(60));
    const late = await alarm('late-1', 'B1', 330, 4000);
    const before = await poll('duty');
    expect(before.body.counts.unacknowledgedLate).toBe(0);
    // the default deadline is 5 minutes: at 4 nothing changed, at 5 the board says so without any write
    await at(() => h.clock.advanceMinutes(4));
    expect(await poll('duty', { etag: before.etag })).toMatchObject({ status: 304 });
    await at(() => h.clock.advanceMinutes(1));
    const due = await poll('duty', { etag: before.etag });
    expect(due.status).toBe(200);
    expect(due.body.counts.unacknowledgedLate).toBe(1);
    expect(due.body.incidents.find((i) => i.id === late)!.status).toBe('new');

    // a one-hour board: an alarm at t, judged false at t + 30 min; at t + 61 it was last seen over an hour ago and
    // leaves the board, though its last change is still within the hour
    await at(() => h.clock.advanceMinutes(120));
    const gone = await alarm('window-1', 'A1', 60, 5000);
    await at(() => h.clock.advanceMinutes(30));
    await act(gone, 'verify', { real: false, label: 'sun_glare', version: 1 });
    await at(() => h.clock.advanceMinutes(1));
    const shown = await poll('duty', { hours: 1 });
    expect(shown.body.incidents.map((i) => i.id)).toContain(gone);
    await at(() => h.clock.advanceMinutes(30));
    const after = await poll('duty', { hours: 1, etag: shown.etag });
    expect(after.status).toBe(200);
    expect(after.body.incidents.map((i) => i.id)).not.toContain(gone);
    // the open, overdue incident stays whatever the window
    expect(after.body.incidents.map((i) => i.id)).toContain(late);
  });

  it('keeps each town to its own board, its tag and its kept body', async () => {
    const town = await poll('town');
    const city = await poll('duty');
    expect(town.etag).not.toBe(city.etag);
    expect(town.body.incidents.length).toBeGreaterThan(0);
    expect(town.body.incidents.every((i) => i.divisionCode === TOWN_A)).toBe(true);
    expect(city.body.incidents.some((i) => i.divisionCode === TOWN_B)).toBe(true);
    // the town's alerts are its own: 三乡's channel on battery is not 五桂山's
    expect(town.body.deviceAlerts).toEqual([]);
    // a new fire in the other town changes the city's board and not this town's
    const other = await alarm('town-b', 'B1', 280, 6000);
    expect(await poll('town', { etag: town.etag })).toMatchObject({ status: 304, rebuilt: 0 });
    const cityNext = await poll('duty', { etag: city.etag });
    expect(cityNext.status).toBe(200);
    expect(cityNext.body.incidents.map((i) => i.id)).toContain(other);
    // one in the town changes both
    const own = await alarm('town-a', 'A1', 150, 6000);
    const townNext = await poll('town', { etag: town.etag });
    expect(townNext.status).toBe(200);
    expect(townNext.body.incidents.map((i) => i.id)).toContain(own);
    expect(townNext.body.incidents.map((i) => i.id)).not.toContain(other);
    // two towns with nothing on their boards still get different tags
    const [c1, c2] = await Promise.all(
      ['442000107', '442000118'].map(async (divisionCode) => {
        const u = await h.userWithSession({ role: 'town_officer', divisionCode });
        return h.call('GET', '/api/fire/board', { cookie: u.cookie });
      }),
    );
    expect(c1!.json().incidents).toEqual([]);
    expect(c2!.json().incidents).toEqual([]);
    expect(c1!.headers.etag).not.toBe(c2!.headers.etag);
  });

  it('answers a viewer what changed since the stamp he holds, and the full board for a stamp it cannot answer from', async () => {
    const held = (await poll('duty')).body;
    const delta = async (who: keyof typeof users, since: string, hours?: number) => {
      const res = await poll(who, { since, ...(hours ? { hours } : {}) });
      expect(res.status).toBe(200);
      const body = res.body as unknown as TBoardDelta;
      expect(body.since, 'a delta').toBe(since);
      expect(ZBoardDeltaSchema.parse(body)).toEqual(body);
      return { ...res, body };
    };
    // nothing changed: an empty delta with the same stamp; revalidated with the tag, a 304
    expect((await delta('duty', held.stamp)).body).toMatchObject({ stamp: held.stamp, changed: [], removed: [] });
    expect(await poll('duty', { since: held.stamp, etag: held.stamp })).toMatchObject({ status: 304 });
    // a new fire: the delta carries it alone, the same to two viewers asking from one stamp, and applied it is the board
    const fresh = await alarm('delta-1', 'A1', 100, 4000);
    const [d, d2] = await Promise.all([delta('duty', held.stamp), delta('officer', held.stamp)]);
    expect(d.body.changed.map((i) => i.id)).toEqual([fresh]);
    expect(d.body.removed).toEqual([]);
    expect(d2.body).toEqual(d.body);
    // each brought by its poll's statement: neither read the rows beside it
    expect(d.rebuilt + d2.rebuilt).toBe(0);
    const now = await poll('duty');
    expect(d.body.stamp).toBe(now.etag);
    expect(applyBoardDelta(held, d.body)).toEqual(now.body);

    // the one-hour board: an incident judged false leaves it an hour after its last sighting, named in `removed`
    const gone = await alarm('delta-2', 'A1', 80, 4500);
    await act(gone, 'verify', { real: false, label: 'dust', version: 1 });
    const hour = (await poll('duty', { hours: 1 })).body;
    expect(hour.incidents.map((i) => i.id)).toContain(gone);
    await at(() => h.clock.advanceMinutes(61));
    const left = await delta('duty', hour.stamp, 1);
    expect(left.body.removed).toContain(gone);
    expect(applyBoardDelta(hour, left.body)).toEqual((await poll('duty', { hours: 1 })).body);

    // stamps it cannot answer from: the full board as without one
    const town = (await poll('town')).body;
    const city = (await poll('duty')).body;
    for (const [who, since, board] of [
      ['duty', '"nonsense"', city],
      ['duty', held.stamp.replace(/.$/, 'x'), city],
      // another scope's stamp, and the city's 24-hour stamp on the one-hour board
      ['town', city.stamp, town],
      ['duty', city.stamp, null],
    ] as const) {
      const res = await poll(who, { since, ...(board ? {} : { hours: 1 }) });
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('since');
      expect(ZBoardSchema.parse(res.body)).toEqual(res.body);
      if (board) expect(res.body).toEqual(board);
    }

    const long = await h.call('GET', `/api/fire/board?since=${'x'.repeat(201)}`, { cookie: users.duty.cookie });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ message: expect.stringContaining('看板版本标记过长') });

    // a town's deltas: another town's fire changes nothing; its own fire alone is carried
    await alarm('delta-b', 'B1', 300, 5000);
    expect((await delta('town', town.stamp)).body).toMatchObject({ stamp: town.stamp, changed: [], removed: [] });
    const own = await alarm('delta-a', 'A1', 130, 5500);
    const mine = await delta('town', town.stamp);
    expect(mine.body.changed.map((i) => i.id)).toEqual([own]);
    expect(applyBoardDelta(town, mine.body)).toEqual((await poll('town')).body);
  });
});
