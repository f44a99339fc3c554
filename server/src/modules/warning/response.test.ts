/**
 * Response levels (应急响应) and consultations (会商研判) on a real database: start, raise, lower and end with their
 * reasons; the consultation schedule from the setting; a consultation recorded with an attachment; an overdue one
 * shown with the response and sent once to the duty room through the notification centre; the refusals.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let bureau: { cookie: string };
let duty: { cookie: string; user: { id: number } };
let town: { cookie: string };
const hours = (n: number) => new Date(h.clock.now().getTime() + n * 3_600_000);
const post = (url: string, body: object, cookie = bureau.cookie) => h.call('POST', url, { cookie, body });
const get = (url: string, cookie = bureau.cookie) => h.call('GET', url, { cookie });
const count = (table: string) => h.count(table);

beforeAll(async () => {
  h = await createHarness();
  bureau = await h.userWithSession({ role: 'bureau_officer' });
  duty = await h.userWithSession({ role: 'duty_officer' });
  town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
});
afterAll(() => h.close());

describe('response levels', () => {
  it('refuses a bad start and saves nothing', async () => {
    const cases: [object, number, string, { cookie: string }?][] = [
      [{ divisionCode: '442000999', level: 'IV', reason: '台风影响本镇' }, 400, '响应范围中的镇街不存在'],
      [{ divisionCode: TOWNS.tanzhou, level: 'V', reason: '台风影响本镇' }, 400, '响应级别应为Ⅳ级、Ⅲ级、Ⅱ级或Ⅰ级'],
      [{ divisionCode: TOWNS.tanzhou, level: 'IV', reason: '台风' }, 400, '原因至少 4 个字'],
      [{ divisionCode: TOWNS.tanzhou, level: 'IV', reason: '台风影响本镇', warningIds: [999] }, 400, '关联的预警不存在：999'],
      [{ divisionCode: TOWNS.tanzhou, level: 'IV', reason: '台风影响本镇' }, 403, '', town],
    ];
    for (const [body, status, message, who] of cases) {
      const res = await post('/api/warning-responses', body, (who ?? bureau).cookie);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (message) expect(res.json().message).toContain(message);
    }
    expect(await count('response_levels')).toBe(0);
  });

  it('starts, raises, lowers and ends with reasons; one response per area; the schedule follows the level', async () => {
    const started = await post('/api/warning-responses', { divisionCode: '4420', level: 'IV', reason: '“海燕”台风将影响我市' });
    expect(started.statusCode).toBe(201);
    const iv = started.json();
    // Ⅳ级: every 24 h by default.
    expect(iv).toMatchObject({ level: 'IV', areaName: '全市', consultations: 0, overdue: false, nextDueAt: hours(24).toISOString() });
    const again = await post('/api/warning-responses', { divisionCode: '4420', level: 'II', reason: '重复启动全市响应' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该范围已启动Ⅳ级应急响应，请提升、降低或终止该响应');

    const raised = (await post(`/api/warning-responses/${iv.id}/change`, { level: 'II', reason: '台风路径西移，风雨加大' })).json();
    expect(raised).toMatchObject({ level: 'II', previousId: iv.id, nextDueAt: hours(6).toISOString() });
    const same = await post(`/api/warning-responses/${raised.id}/change`, { level: 'II', reason: '级别不变的调整' });
    expect(same.json().message).toBe('当前已是Ⅱ级响应');
    const stale = await post(`/api/warning-responses/${iv.id}/change`, { level: 'I', reason: '在已结束的响应上调整' });
    expect(stale.statusCode).toBe(409);

    const lowered = (await post(`/api/warning-responses/${raised.id}/change`, { level: 'III', reason: '台风减弱为热带风暴' })).json();
    const detail = (await get(`/api/warning-responses/${lowered.id}`, town.cookie)).json();
    expect(detail.history.map((r: { level: string; endReason: string }) => [r.level, r.endReason])).toEqual([
      ['II', '降低为Ⅲ级：台风减弱为热带风暴'],
      ['IV', '提升为Ⅱ级：台风路径西移，风雨加大'],
    ]);
    expect(detail.frequencyHours).toBe(12);

    const ended = (await post(`/api/warning-responses/${lowered.id}/end`, { reason: '台风已远离，解除响应' })).json();
    expect(ended).toMatchObject({ endReason: '台风已远离，解除响应', nextDueAt: null, overdue: false });
    expect((await post(`/api/warning-responses/${lowered.id}/end`, { reason: '再次终止响应' })).statusCode).toBe(409);
    const audits = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'warning_response'`);
    expect(audits[0]!.n).toBe(4);
  });

  it('records consultations; an overdue one is shown and sent once to the duty room', async () => {
    const r = (await post('/api/warning-responses', { divisionCode: TOWNS.tanzhou, level: 'I', reason: '坦洲出现特大暴雨' })).json();
    const upload = await h.call('POST', '/api/attachments?fileName=minutes.pdf', {
      cookie: bureau.cookie,
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from('%PDF-1.4\n% 会商纪要\n'),
    });
    const sha = upload.json().sha256 as string;
    const early = await post(`/api/warning-responses/${r.id}/consultations`, {
      heldAt: hours(-1).toISOString(),
      attendees: '三防办、气象局、水务局',
      conclusions: '加强巡查，转移低洼处群众',
    });
    expect(early.json().message).toBe('会商时间不能早于本级响应启动时间');
    const held = await post(`/api/warning-responses/${r.id}/consultations`, {
      heldAt: h.clock.now().toISOString(),
      attendees: '三防办、气象局、水务局、坦洲镇',
      conclusions: '启动泵站，关闭下穿隧道，转移低洼处群众',
      attachments: [sha],
    });
    expect(held.statusCode).toBe(201);
    expect(held.json()).toMatchObject({ consultations: 1, items: [{ attachments: [sha] }] });

    // Ⅰ级 every 3 h: 3 h 1 min later it is overdue, on the list and to the duty officer (once).
    h.clock.set(hours(3 + 1 / 60));
    bureau.cookie = await h.login(
      (await queryRows<{ u: string }>(h.db, sql`SELECT username AS u FROM users WHERE role = 'bureau_officer'`))[0]!.u,
    );
    const list = (await get('/api/warning-responses?active=1')).json();
    expect(list.items.find((x: { id: number }) => x.id === r.id)).toMatchObject({ overdue: true, missed: [expect.any(String)] });
    const scan = h.services.modules.notification.scanReminders;
    expect(await scan(h.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await scan(h.clock.now())).toBe(0);
    const notes = await queryRows<{ title: string }>(
      h.db,
      sql`SELECT title FROM notifications WHERE user_id = ${duty.user.id} AND kind = 'warning.consultation_overdue'`,
    );
    expect(notes.map((n) => n.title)).toEqual(['Ⅰ级应急响应会商研判已逾期']);
  });
});
