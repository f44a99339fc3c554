/**
 * Warnings and call-and-answer on a real database: recipients resolved from the chain, signed one-time links,
 * all-must vs first-answer, escalation at exactly N minutes (repeat → superior → town leader), timers resumed by a
 * new server over the same database, the board, and the refusals the issue lists.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { buildApp } from '../../http/app';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let bureau: { cookie: string; user: { username: string } };
let admin: { cookie: string; user: { username: string } };
/** Moves the clock and signs in again (sessions end after the idle timeout). */
async function moveClock(t: Date) {
  h.clock.set(t);
  bureau.cookie = await h.login(bureau.user.username);
  admin.cookie = await h.login(admin.user.username);
}
const SHENWAN = '442000117';

/** A town's chain: duty officer (superior of its villages), leader on duty, and two villages with posts. */
async function chainFor(town: string, phonePrefix: string, villages = 2) {
  const post = async (body: object) => (await h.call('POST', '/api/warning-chain/posts', { cookie: bureau.cookie, body })).json();
  const holder = async (id: number, name: string, phone: string) =>
    h.call('POST', `/api/warning-chain/posts/${id}/holders`, { cookie: bureau.cookie, body: { name, phone } });
  const duty = await post({ divisionCode: town, title: '镇三防值班员' });
  await holder(duty.id, '值班甲', `${phonePrefix}0000`);
  const leader = await post({ divisionCode: town, title: '镇带班领导', townLeader: true });
  await holder(leader.id, '领导乙', `${phonePrefix}0009`);
  const posts = [];
  for (let v = 1; v <= villages; v++) {
    const p = await post({ divisionCode: town, villageName: `第${v}村`, title: '村三防责任人', superiorId: duty.id });
    await holder(p.id, `村干部${v}`, `${phonePrefix}00${v}0`);
    posts.push(p);
  }
  return { duty, leader, posts };
}

const issue = (body: object = {}) =>
  h.call('POST', '/api/warnings', {
    cookie: bureau.cookie,
    body: {
      kind: '暴雨',
      level: 'red',
      areaAll: false,
      towns: [TOWNS.tanzhou, TOWNS.xiaolan],
      issuedAt: h.clock.now().toISOString(),
      text: '预计未来3小时坦洲、小榄将出现100毫米以上降雨，请做好防御。',
      source: 'meteorological',
      ...body,
    },
  });

const dispatch = () => h.services.modules.notification.dispatch(h.clock.now());
/**
 * The answer links sent to a phone, oldest first; given a warning, only the links to its calls (an earlier warning's
 * repeat or escalation to the same phone may be sent in the same dispatch, in any order).
 */
const linksTo = async (phone: string, warningId?: number) => {
  await dispatch();
  const out = (await h.call('GET', `/api/notification-gateway/outbox?to=${phone}`, { cookie: admin.cookie })).json().items as {
    text: string;
  }[];
  const links = out.map((m) => /\/a\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(m.text)?.[1]).filter(Boolean) as string[];
  if (warningId === undefined) return links;
  const mine = new Set(
    (await queryRows<{ id: number }>(h.db, sql`SELECT id FROM warning_recipients WHERE warning_id = ${warningId}`)).map((r) => r.id),
  );
  return links.filter((l) => mine.has(Number(Buffer.from(l.split('.')[0]!, 'base64url').toString().split(':')[0])));
};
const board = async (id: number) => (await h.call('GET', `/api/warnings/${id}/board`, { cookie: bureau.cookie })).json();

beforeAll(async () => {
  h = await createHarness();
  bureau = await h.userWithSession({ role: 'bureau_officer' });
  admin = await h.userWithSession({ role: 'admin' });
  await chainFor(TOWNS.tanzhou, '1390107');
  await chainFor(TOWNS.xiaolan, '1390118');
  // 神湾 has a post nobody holds: flagged before any warning.
  await h.call('POST', '/api/warning-chain/posts', { cookie: bureau.cookie, body: { divisionCode: SHENWAN, title: '镇三防值班员' } });
});
afterAll(() => h.close());

describe('the chain', () => {
  it('flags a post with no holder on the list and the workbench', async () => {
    const list = (await h.call('GET', '/api/warning-chain/posts?unheld=1', { cookie: bureau.cookie })).json();
    expect(list.unheld).toBe(1);
    expect(list.items.map((p: { townName: string; title: string }) => `${p.townName}${p.title}`)).toEqual(['神湾镇镇三防值班员']);
    const items = (await h.call('GET', '/api/workbench', { cookie: bureau.cookie })).json().items;
    expect(items).toContainEqual(expect.objectContaining({ key: 'warning.unheld_posts', count: 1 }));
  });

  it('refuses a bad phone number and a post in another town for a town officer', async () => {
    const town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const res = await h.call('POST', '/api/warning-chain/posts', {
      cookie: town.cookie,
      body: { divisionCode: TOWNS.xiaolan, title: '镇三防值班员' },
    });
    expect(res.statusCode).toBe(403);
    const posts = (await h.call('GET', `/api/warning-chain/posts?town=${TOWNS.tanzhou}`, { cookie: town.cookie })).json();
    const bad = await h.call('POST', `/api/warning-chain/posts/${posts.items[0].id}/holders`, {
      cookie: town.cookie,
      body: { name: '张三', phone: '12345' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'phone', message: expect.stringContaining('手机号') });
  });
});

describe('issuing', () => {
  it('refuses a warning with no area or an unknown town, and saves nothing', async () => {
    const none = await issue({ towns: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toBe('请选择预警范围：全市或至少一个镇街');
    const unknown = await issue({ towns: ['442000999'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('442000999');
    expect((await h.call('GET', '/api/warnings', { cookie: bureau.cookie })).json().total).toBe(0);
  });

  it('calls every holder of every town and village post in the area, each with a signed link', async () => {
    const res = await issue();
    expect(res.statusCode).toBe(201);
    const w = res.json();
    // 2 towns × (duty officer, leader, 2 villages)
    expect(w).toMatchObject({ called: 8, answered: 0, version: 1, state: 'active' });
    const links = await linksTo('13901070010');
    expect(links).toHaveLength(1);
    const view = (await h.call('GET', `/api/warning-answers/${links[0]}`, { origin: null })).json();
    expect(view).toMatchObject({ name: '村干部1', postTitle: '村三防责任人', kind: '暴雨', level: 'red', state: 'waiting', problem: null });
    const b = await board(w.id);
    expect(b.totals).toEqual({ called: 8, answered: 0, waiting: 8, escalated: 0 });
    expect(b.towns.map((t: { name: string }) => t.name)).toEqual(['坦洲镇', '小榄镇']);
  });
});

describe('answering and escalating', () => {
  it('answers once from the link; a forged link or a second use is refused', async () => {
    const w = (await issue({ towns: [TOWNS.tanzhou], level: 'orange' })).json();
    const [link] = (await linksTo('13901070020', w.id)).slice(-1);
    const ok = await h.call('POST', `/api/warning-answers/${link}`, { body: { note: '已通知村民转移' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'answered', problem: '您已应答过此预警（链接只能使用一次）' });
    const again = await h.call('POST', `/api/warning-answers/${link}`, { body: {} });
    expect(again.statusCode).toBe(409);
    const [payload, sig] = link!.split('.');
    const forged = await h.call('POST', `/api/warning-answers/${payload}.${sig!.slice(0, -2)}AA`, { body: {} });
    expect(forged.statusCode).toBe(404);
    expect(forged.json().message).toContain('应答链接无效');
    const b = await board(w.id);
    expect(b.totals).toMatchObject({ called: 4, answered: 1, waiting: 3 });
    const log = (await h.call('GET', `/api/warnings/${w.id}/log`, { cookie: bureau.cookie })).json();
    expect(log.items[0]).toMatchObject({ kind: 'answered', name: '村干部2', channel: 'sms-link', detail: '已知悉：已通知村民转移' });
  });

  it('an expired link is refused', async () => {
    const w = (await issue({ towns: [TOWNS.xiaolan], level: 'blue', kind: '雷电' })).json();
    const [link] = (await linksTo('13901180010', w.id)).slice(-1);
    await moveClock(new Date(h.clock.now().getTime() + (24 * 60 + 1) * 60_000));
    const res = await h.call('POST', `/api/warning-answers/${link}`, { body: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('应答链接已过期，请联系镇街三防值班员');
    await h.call('POST', `/api/warnings/${w.id}/lift`, { cookie: bureau.cookie, body: { version: 1 } });
  });

  it('silence at exactly N minutes: repeat, then the superior, then the town leader', async () => {
    const w = (await issue({ towns: [TOWNS.tanzhou], level: 'red', kind: '台风' })).json();
    const start = h.clock.now().getTime();
    const at = (min: number) => new Date(start + min * 60_000);
    // Everyone but 村干部1 answers (the leader and the duty officer too, so only his chain moves).
    for (const phone of ['13901070000', '13901070009', '13901070020']) {
      const [link] = (await linksTo(phone, w.id)).slice(-1);
      expect((await h.call('POST', `/api/warning-answers/${link}`, { body: {} })).statusCode).toBe(200);
    }
    const tick = h.services.modules.warning.warnings.tick;
    await tick(at(0)); // the earlier tests' warnings, due long ago
    expect(await tick(at(9.99))).toBe(0);
    await tick(at(10)); // red: 10 minutes → called again by voice
    let silent = (await board(w.id)).towns[0].silent;
    expect(silent).toEqual([expect.objectContaining({ name: '村干部1', repeats: 1, state: 'waiting', stage: 0 })]);
    await tick(at(19.99));
    expect((await board(w.id)).totals.escalated).toBe(0);
    await tick(at(20)); // → the post's superior, the town's duty officer
    let b = await board(w.id);
    expect(b.totals).toMatchObject({ escalated: 1 });
    silent = b.towns[0].silent;
    expect(silent.map((s: { name: string; stage: number }) => [s.name, s.stage])).toEqual([
      ['村干部1', 0],
      ['值班甲', 1],
    ]);
    await tick(at(30)); // the duty officer is silent too: called again
    await tick(at(40)); // → the town's leader on duty
    b = await board(w.id);
    expect(b.towns[0].silent.map((s: { name: string; stage: number }) => [s.name, s.stage])).toEqual([
      ['村干部1', 0],
      ['值班甲', 1],
      ['领导乙', 2],
    ]);
    const sms = (await linksTo('13901070009')).length;
    expect(sms).toBeGreaterThanOrEqual(2);
    const log = (await h.call('GET', `/api/warnings/${w.id}/log`, { cookie: bureau.cookie }))
      .json()
      .items.map((l: { kind: string; name: string }) => `${l.kind}:${l.name}`);
    expect(log.slice(0, 4)).toEqual(['escalated:领导乙', 'repeated:值班甲', 'escalated:值班甲', 'repeated:村干部1']);

    // The silent one answers late: the escalations he caused, and theirs, are settled.
    const [late] = (await linksTo('13901070010', w.id)).slice(-1);
    await moveClock(at(41));
    expect((await h.call('POST', `/api/warning-answers/${late}`, { body: { note: '手机没电' } })).statusCode).toBe(200);
    b = await board(w.id);
    expect(b.totals).toMatchObject({ called: 4, answered: 4, waiting: 0 });
    expect(b.towns[0].silent).toEqual([]);
  });

  it('first-answer: one holder of a post answering covers the others', async () => {
    const post = (await h.call('GET', `/api/warning-chain/posts?town=${TOWNS.xiaolan}`, { cookie: bureau.cookie }))
      .json()
      .items.find((p: { villageName: string | null }) => p.villageName === '第1村');
    await h.call('POST', `/api/warning-chain/posts/${post.id}/holders`, {
      cookie: bureau.cookie,
      body: { name: '网格员丙', phone: '13901180011' },
    });
    // 高温 yellow is first-answer by default; 暴雨 red all-must.
    const w = (await issue({ towns: [TOWNS.xiaolan], kind: '高温', level: 'yellow' })).json();
    const [link] = (await linksTo('13901180011', w.id)).slice(-1);
    await h.call('POST', `/api/warning-answers/${link}`, { body: {} });
    const b = await board(w.id);
    expect(b.totals).toMatchObject({ called: 5, answered: 2, waiting: 3 });
    const [other] = (await linksTo('13901180010', w.id)).slice(-1);
    const view = (await h.call('GET', `/api/warning-answers/${other}`)).json();
    expect(view).toMatchObject({ state: 'covered', problem: '本岗位已有人应答，无需再应答' });

    const all = (await issue({ towns: [TOWNS.xiaolan], kind: '暴雨', level: 'yellow' })).json();
    const [l2] = (await linksTo('13901180011', all.id)).slice(-1);
    await h.call('POST', `/api/warning-answers/${l2}`, { body: {} });
    expect((await board(all.id)).totals).toMatchObject({ called: 5, answered: 1, waiting: 4 });
  });

  it('lifting twice is refused, and an answer after the lift is refused', async () => {
    const w = (await issue({ towns: [TOWNS.tanzhou], kind: '大风', level: 'yellow' })).json();
    const [link] = (await linksTo('13901070020', w.id)).slice(-1);
    expect(
      (await h.call('POST', `/api/warnings/${w.id}/lift`, { cookie: bureau.cookie, body: { version: 1, note: '大风减弱' } })).json(),
    ).toMatchObject({ state: 'lifted', version: 2 });
    const twice = await h.call('POST', `/api/warnings/${w.id}/lift`, { cookie: bureau.cookie, body: { version: 2 } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('该预警已解除，不能再更新或解除');
    const late = await h.call('POST', `/api/warning-answers/${link}`, { body: {} });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe('该预警已解除，无需再应答');
    const detail = (await h.call('GET', `/api/warnings/${w.id}`, { cookie: bureau.cookie })).json();
    expect(detail.versions.map((v: { action: string }) => v.action)).toEqual(['issue', 'lift']);
  });

  it('an update is a new version: open calls of the old one are closed and everyone is called again', async () => {
    const w = (await issue({ towns: [TOWNS.tanzhou], kind: '暴雨', level: 'yellow' })).json();
    const res = await h.call('POST', `/api/warnings/${w.id}/update`, {
      cookie: bureau.cookie,
      body: {
        version: 1,
        kind: '暴雨',
        level: 'orange',
        areaAll: false,
        towns: [TOWNS.tanzhou, TOWNS.xiaolan],
        text: '升级为橙色预警，范围扩大到小榄',
        expectedUntil: null,
        attachment: null,
      },
    });
    expect(res.json()).toMatchObject({ version: 2, level: 'orange', called: 9 });
    const stale = await h.call('POST', `/api/warnings/${w.id}/update`, {
      cookie: bureau.cookie,
      body: {
        version: 1,
        kind: '暴雨',
        level: 'red',
        areaAll: true,
        towns: [],
        text: '旧版本上的更新',
        expectedUntil: null,
        attachment: null,
      },
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe('立即升级 (escalate now)', () => {
  it("a duty officer escalates a silent one by hand, with a reason, through the timer's path; refusals change nothing", async () => {
    const w = (await issue({ towns: [TOWNS.xiaolan], kind: '暴雨', level: 'orange', text: '值班员立即升级的预警' })).json();
    const silentOf = async () => (await board(w.id)).towns[0].silent as { id: number; name: string; stage: number; state: string }[];
    const village2 = (await silentOf()).find((s) => s.name === '村干部2')!;
    const url = (id: number) => `/api/warnings/${w.id}/recipients/${id}/escalate`;
    const before = await silentOf();

    const leader = await h.userWithSession({ role: 'bureau_leader' });
    expect((await h.call('POST', url(village2.id), { cookie: leader.cookie, body: { reason: '久未应答' } })).statusCode).toBe(403);
    const otherTown = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const foreign = await h.call('POST', url(village2.id), { cookie: otherTown.cookie, body: { reason: '久未应答' } });
    expect(foreign.statusCode).toBe(404);
    const noReason = await h.call('POST', url(village2.id), { cookie: bureau.cookie, body: { reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('升级原因至少 2 个字');
    expect(await silentOf()).toEqual(before);

    const res = await h.call('POST', url(village2.id), { cookie: bureau.cookie, body: { reason: '电话无人接听，村里积水' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().totals).toMatchObject({ escalated: 1 });
    const after = await silentOf();
    expect(after.find((s) => s.name === '村干部2')).toMatchObject({ state: 'escalated', stage: 0 });
    const duty = after.find((s) => s.name === '值班甲' && s.stage === 1)!;
    expect(duty).toBeDefined();
    await dispatch();
    const [sms] = (
      await (await h.call('GET', '/api/notification-gateway/outbox?to=13901180000', { cookie: admin.cookie })).json()
    ).items.slice(-1) as { text: string }[];
    expect(sms!.text).toContain('村三防责任人村干部2未应答');
    const log = (await h.call('GET', `/api/warnings/${w.id}/log`, { cookie: bureau.cookie })).json().items as { detail: string }[];
    expect(log.some((l) => /立即升级至上级岗位：电话无人接听，村里积水/.test(l.detail))).toBe(true);
    const audits = await queryRows<{ after: { reason: string } }>(
      h.db,
      sql`SELECT after FROM audit_log WHERE entity = 'warning_escalation' AND entity_id = ${String(village2.id)}`,
    );
    expect(audits.map((a) => a.after.reason)).toEqual(['电话无人接听，村里积水']);
    // His repeat timer is cancelled: the timer does not call him again.
    const open = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM warning_timers WHERE fired_at IS NULL AND recipient_id = ${village2.id}`,
    );
    expect(open[0]!.n).toBe(0);

    const twice = await h.call('POST', url(village2.id), { cookie: bureau.cookie, body: { reason: '再次升级' } });
    expect(twice.statusCode).toBe(409);
    // The superior (stage 1) goes on to the town's leader on duty; past the leader there is nobody.
    await h.call('POST', url(duty.id), { cookie: bureau.cookie, body: { reason: '值班员也未应答' } });
    const top = (await silentOf()).find((s) => s.stage === 2)!;
    expect(top).toMatchObject({ name: '领导乙' });
    const none = await h.call('POST', url(top.id), { cookie: bureau.cookie, body: { reason: '领导未应答' } });
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toContain('没有可升级的上级岗位或镇街带班领导');
  });
});

describe('timers across a restart', () => {
  it('a new server over the same database fires the timers the old one left', async () => {
    const w = (await issue({ towns: [TOWNS.xiaolan], kind: '暴雨', level: 'red', text: '重启前发出的预警' })).json();
    const pending = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM warning_timers WHERE fired_at IS NULL AND warning_id = ${w.id}`,
    );
    expect(pending[0]!.n).toBe(5);
    const second = await buildApp({ database: h.database, clock: h.clock.now, logLevel: false });
    try {
      const fired = await second.services.modules.warning.warnings.tick(new Date(h.clock.now().getTime() + 10 * 60_000));
      expect(fired).toBeGreaterThanOrEqual(5);
      const b = await board(w.id);
      expect(b.towns[0].silent.every((s: { repeats: number }) => s.repeats === 1)).toBe(true);
    } finally {
      await second.app.close();
    }
  });
});

describe('statistics', () => {
  it('equal the counts from the rows, per town and in total, and export to Excel', async () => {
    const stats = (await h.call('GET', '/api/warning-stats?year=2026', { cookie: bureau.cookie })).json();
    const rows = await queryRows<{ town: string; called: number; answered: number; escalated: number }>(
      h.db,
      sql`SELECT d.name AS town, count(*)::int AS called, count(r.answered_at)::int AS answered, count(r.escalated_at)::int AS escalated
          FROM warning_recipients r JOIN warnings w ON w.id = r.warning_id AND w.version = r.version JOIN divisions d ON d.code = r.division_code
          WHERE r.stage = 0 GROUP BY d.name ORDER BY d.name`,
    );
    expect(
      stats.byTown
        .map((t: { group: string; called: number; answered: number; escalated: number }) => ({
          town: t.group,
          called: t.called,
          answered: t.answered,
          escalated: t.escalated,
        }))
        .sort((a: { town: string }, b: { town: string }) => a.town.localeCompare(b.town)),
    ).toEqual([...rows].sort((a, b) => a.town.localeCompare(b.town)));
    expect(stats.totals.called).toBe(rows.reduce((n, r) => n + r.called, 0));
    expect(stats.totals.rate).toBe(Math.round((stats.totals.answered / stats.totals.called) * 1000) / 10);
    const file = await h.call('GET', '/api/warning-stats/export?year=2026', { cookie: bureau.cookie });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect((await h.call('GET', '/api/warning-stats?year=1999', { cookie: bureau.cookie })).json()).toMatchObject({ field: 'year' });
  });
});

describe('answers in batches', () => {
  it('answers arriving together commit in one transaction, each durable before its 200, the audit chain intact', async () => {
    const w = (await issue({ towns: [TOWNS.tanzhou], kind: '雷电', level: 'yellow', text: '同时应答的批量提交' })).json();
    const phones = ['13901070000', '13901070009', '13901070010', '13901070020'];
    const links: string[] = [];
    for (const p of phones) links.push((await linksTo(p, w.id)).slice(-1)[0]!);
    const before = (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
    const answers = await Promise.all(links.map((l) => h.call('POST', `/api/warning-answers/${l}`, { body: { note: '收到' } })));
    expect(answers.map((a) => [a.statusCode, a.json().state])).toEqual(phones.map(() => [200, 'answered']));
    // Each is in the database by the time its 200 came back; one audit entry each, chained in order.
    expect((await board(w.id)).totals).toMatchObject({ called: 4, answered: 4, waiting: 0 });
    const after = (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
    expect(after - before).toBe(4);
    expect(await h.services.audit.verify(h.db)).toMatchObject({ ok: true });
    // A link used again in the same batch window is still refused once answered.
    const again = await h.call('POST', `/api/warning-answers/${links[0]}`, { body: {} });
    expect(again.statusCode).toBe(409);
  });

  it('answers at once: the same link twice counts once; two holders of a first-answer post are each answered or covered, never lost', async () => {
    // 高温 yellow is first-answer; 第1村's post in 小榄 has two holders (the first-answer test added 网格员丙). Whether the
    // three answers share one batch depends on timing: in one batch both holders are answered, in two the later one
    // finds his post already answered (covered). Either way each answer is recorded once, with its audit entry.
    const w = (await issue({ towns: [TOWNS.xiaolan], kind: '高温', level: 'yellow', text: '同一批次' })).json();
    const [mine] = (await linksTo('13901180011', w.id)).slice(-1);
    const [other] = (await linksTo('13901180010', w.id)).slice(-1);
    const before = (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
    const answers = await Promise.all(
      [mine, mine, other].map((l) => h.call('POST', `/api/warning-answers/${l}`, { body: { note: '收到' } })),
    );
    const states = answers.map((a) => [a.statusCode, a.json().state]);
    expect(states.slice(0, 2)).toEqual([
      [200, 'answered'],
      [200, 'answered'],
    ]);
    expect([200, 409]).toContain(states[2]![0]);
    const rows = await queryRows<{ phone: string; state: string }>(
      h.db,
      sql`SELECT phone, state FROM warning_recipients WHERE warning_id = ${w.id} AND phone IN ('13901180010', '13901180011') ORDER BY phone`,
    );
    expect(rows[1]).toEqual({ phone: '13901180011', state: 'answered' });
    expect(['answered', 'covered']).toContain(rows[0]!.state);
    const answered = rows.filter((r) => r.state === 'answered').length;
    const logged = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM warning_log WHERE warning_id = ${w.id} AND kind = 'answered'`,
    );
    expect(logged[0]!.n).toBe(answered);
    const after = (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
    expect(after - before).toBe(answered);
    expect(await h.services.audit.verify(h.db)).toMatchObject({ ok: true });
  });
});
