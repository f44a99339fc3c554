/** The duty room over HTTP: the roster with its gaps, swaps that may not leave a day short, who is on duty, the log. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
type TSession = { user: { username: string }; cookie: string };
let duty: TSession;
let town: TSession;
/** Moves the clock and logs in again (a jump past the idle limit ends a session). */
async function setClock(t: string) {
  h.clock.set(t);
  for (const s of [duty, town]) s.cookie = await h.login(s.user.username);
}

const full = (leader: string, officer: string) => ({
  people: [
    { post: 'leader', name: leader, phone: '13800000001' },
    { post: 'chief', name: '值班长甲', phone: '' },
    { post: 'officer', name: officer, phone: '13800000002' },
  ],
});

beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-03-02T01:00:00.000Z'); // 09:00 Shanghai on 03-02
  duty = await h.userWithSession({ role: 'duty_officer' });
  town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
  expect((await h.call('PUT', '/api/duty/roster/2026-03-01', { cookie: duty.cookie, body: full('李局', '王五') })).statusCode).toBe(200);
  expect((await h.call('PUT', '/api/duty/roster/2026-03-02', { cookie: duty.cookie, body: full('张局', '赵六') })).statusCode).toBe(200);
  expect((await h.call('PUT', '/api/duty/roster/2026-03-03', { cookie: duty.cookie, body: full('陈局', '孙七') })).statusCode).toBe(200);
});
afterAll(() => h.close());

const swaps = async () => (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM duty_swaps`))[0]!.n;

describe('the duty roster', () => {
  it('flags a day without a leader or an officer ahead of time, and on the workbench', async () => {
    const res = await h.call('GET', '/api/duty/roster?from=2026-03-02&to=2026-03-04', { cookie: duty.cookie });
    expect(res.json().days.map((d: { date: string; gaps: string[] }) => [d.date, d.gaps])).toEqual([
      ['2026-03-02', []],
      ['2026-03-03', []],
      ['2026-03-04', ['缺带班领导', '缺值班员']],
    ]);
    const items = (await h.call('GET', '/api/workbench', { cookie: duty.cookie })).json().items;
    expect(items).toContainEqual(expect.objectContaining({ key: 'duty.gaps', count: 5 })); // 03-04 … 03-08
  });

  it('refuses a swap that leaves a day without its officer, and changes nothing', async () => {
    const before = await swaps();
    const res = await h.call('POST', '/api/duty/swaps', {
      cookie: duty.cookie,
      body: { date: '2026-03-03', post: 'officer', fromName: '孙七', reason: '病假' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('换班后 2026-03-03 缺值班员，值班表不得缺岗，不能这样换班');
    expect(await swaps()).toBe(before);
    const day = (await h.call('GET', '/api/duty/roster?from=2026-03-03&to=2026-03-03', { cookie: duty.cookie })).json().days[0];
    expect(day.people.map((p: { name: string }) => p.name)).toContain('孙七');
  });

  it('records an exchange of two days, shown on both', async () => {
    const res = await h.call('POST', '/api/duty/swaps', {
      cookie: duty.cookie,
      body: { date: '2026-03-02', post: 'leader', fromName: '张局', toName: '陈局', toDate: '2026-03-03', reason: '出差调班' },
    });
    expect(res.statusCode).toBe(200);
    const [d2, d3] = res.json().days;
    expect(d2.people.find((p: { post: string }) => p.post === 'leader').name).toBe('陈局');
    expect(d3.people.find((p: { post: string }) => p.post === 'leader').name).toBe('张局');
    expect(d2.swaps).toEqual([expect.objectContaining({ fromName: '张局', toName: '陈局', toDate: '2026-03-03', reason: '出差调班' })]);
    const wrong = await h.call('POST', '/api/duty/swaps', {
      cookie: duty.cookie,
      body: { date: '2026-03-02', post: 'leader', fromName: '张局', toName: '某人', reason: '再换' },
    });
    expect(wrong.json().message).toBe('2026-03-02 的带班领导中没有 张局');
  });

  it('says who is on duty now, handing over at 08:30 Shanghai; a town reads it too', async () => {
    await setClock('2026-03-03T00:29:00.000Z'); // 08:29 on 03-03: still 03-02's shift
    let now = (await h.call('GET', '/api/duty/now', { cookie: town.cookie })).json();
    expect(now.dutyDate).toBe('2026-03-02');
    expect(now.people.find((p: { post: string }) => p.post === 'leader').name).toBe('陈局');
    await setClock('2026-03-03T00:30:00.000Z');
    now = (await h.call('GET', '/api/duty/now', { cookie: town.cookie })).json();
    expect(now.dutyDate).toBe('2026-03-03');
    expect((await h.call('PUT', '/api/duty/roster/2026-03-05', { cookie: town.cookie, body: full('甲', '乙') })).statusCode).toBe(403);
  });
});

describe('the duty log', () => {
  it('records a call linked to an accident, listed by day and shown on the accident', async () => {
    await setClock('2026-03-02T14:00:00.000Z'); // 22:00 Shanghai
    const a = await h.call('POST', '/api/accidents', {
      cookie: duty.cookie,
      body: {
        kind: 'emergency',
        title: '坦洲镇暴雨内涝',
        divisionCode: TOWNS.tanzhou,
        emergencyType: 'waterlogging',
        place: '坦洲镇界狮南路',
        occurredAt: '2026-03-02T13:00:00.000Z',
        knownAt: '2026-03-02T13:10:00.000Z',
        summary: '短时强降雨致多处水浸',
        deaths: 0,
        missing: 0,
        seriousInjuries: 0,
        minorInjuries: 0,
        lossFen: 0,
        affectedPeople: 300,
        evacuated: 120,
        housesDamaged: 2,
      },
    });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ grade: null, targetLevel: 'city', evacuated: 120 });
    const id = a.json().id;
    const entry = await h.call('POST', '/api/duty/log', {
      cookie: duty.cookie,
      body: { kind: 'report', at: '2026-03-02T13:40:00.000Z', content: '坦洲镇电话报告界狮南路水浸，已通知排水抢险', accidentId: id },
    });
    expect(entry.statusCode).toBe(201);
    expect(entry.json()).toMatchObject({ dutyDate: '2026-03-02', accidentTitle: '坦洲镇暴雨内涝' });
    const log = (await h.call('GET', '/api/duty/log?date=2026-03-02', { cookie: duty.cookie })).json().items;
    expect(log.map((l: { content: string }) => l.content)).toEqual(['坦洲镇电话报告界狮南路水浸，已通知排水抢险']);
    const detail = (await h.call('GET', `/api/accidents/${id}`, { cookie: duty.cookie })).json();
    expect(detail.dutyLog).toEqual([expect.objectContaining({ kind: 'report', content: '坦洲镇电话报告界狮南路水浸，已通知排水抢险' })]);
    const bad = await h.call('POST', '/api/duty/log', {
      cookie: duty.cookie,
      body: { kind: 'call', at: '2026-03-02T13:41:00.000Z', content: '无此事故', accidentId: 999999 },
    });
    expect(bad.json().message).toBe('关联的事故不存在');
  });
});
