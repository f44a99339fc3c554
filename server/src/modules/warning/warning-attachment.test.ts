/**
 * The warning's file (预警文件, issue 19 item 2): attached when issuing or updating, refused when it is not a PDF or
 * image or is too large, read in the app by those who see the warning and by everyone called for it, and from the
 * phone page through the signed answer link; nobody else reads it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let bureau: string;
let admin: string;
let recipient: string;
let seconded: string;
const PDF = Buffer.from(`%PDF-1.4\n% 暴雨红色预警信号 ${Math.random()}\n%%EOF\n`);

const upload = (cookie: string, body: Buffer, type = 'application/pdf', fileName = '暴雨红色预警.pdf') =>
  h.app.inject({
    method: 'POST',
    url: `/api/attachments?fileName=${encodeURIComponent(fileName)}`,
    headers: { cookie, origin: 'http://localhost', 'content-type': type },
    payload: body,
  });

const issue = (body: object) =>
  h.call('POST', '/api/warnings', {
    cookie: bureau,
    body: {
      kind: '暴雨',
      level: 'red',
      areaAll: false,
      towns: [TOWNS.tanzhou],
      issuedAt: h.clock.now().toISOString(),
      text: '预计未来3小时坦洲将出现100毫米以上降雨，请做好防御。',
      source: 'meteorological',
      ...body,
    },
  });

const linkTo = async (phone: string) => {
  await h.services.modules.notification.dispatch(h.clock.now());
  const out = (await h.call('GET', `/api/notification-gateway/outbox?to=${phone}`, { cookie: admin })).json().items as { text: string }[];
  return /\/a\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(out.at(-1)!.text)![1]!;
};
const warningCount = async () => (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM warnings`))[0]!.n;

let sha256: string;
let warningId: number;

beforeAll(async () => {
  h = await createHarness();
  bureau = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  admin = (await h.userWithSession({ role: 'admin' })).cookie;
  const town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
  recipient = town.cookie;
  // An account of another town holding a post in 坦洲: he does not see 坦洲's warnings, but he is called.
  const other = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.shiqi });
  seconded = other.cookie;
  const post = (
    await h.call('POST', '/api/warning-chain/posts', { cookie: bureau, body: { divisionCode: TOWNS.tanzhou, title: '镇三防值班员' } })
  ).json();
  for (const [name, phone, userId] of [
    ['值班甲', '13901070000', town.user.id],
    ['借调乙', '13901070001', other.user.id],
  ] as const)
    await h.call('POST', `/api/warning-chain/posts/${post.id}/holders`, { cookie: bureau, body: { name, phone, userId } });
  sha256 = (await upload(bureau, PDF)).json().sha256;
});
afterAll(() => h.close());

describe('the warning file', () => {
  it('refuses a file that is not a PDF or image, or too large, before any warning uses it', async () => {
    const doc = await upload(bureau, Buffer.from('PK\u0003\u0004 word document'), 'application/pdf', '预警.docx');
    expect(doc.statusCode).toBe(400);
    expect(doc.json()).toMatchObject({ field: 'file', message: expect.stringContaining('PDF') });
    const big = await upload(bureau, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1)]));
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toContain('10 MB');
  });

  it('refuses a warning naming a file never uploaded, and saves nothing', async () => {
    const before = await warningCount();
    const res = await issue({ attachment: 'a'.repeat(64) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'attachment', message: expect.stringContaining('不存在') });
    expect(await warningCount()).toBe(before);
  });

  it('is attached when issuing and read by the bureau and by those called, in the app', async () => {
    const res = await issue({ attachment: sha256 });
    expect(res.statusCode).toBe(201);
    warningId = res.json().id;
    expect(res.json().attachment).toBe(sha256);
    for (const cookie of [bureau, recipient, seconded]) {
      const got = await h.call('GET', `/api/attachments/${sha256}`, { cookie });
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(PDF)).toBe(true);
    }
  });

  it('is not read by a town outside the area nor by a firm (404, as an unknown file)', async () => {
    const xiaolan = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan });
    const firm = await h.userWithSession({ role: 'enterprise_user' });
    for (const { cookie } of [xiaolan, firm]) expect((await h.call('GET', `/api/attachments/${sha256}`, { cookie })).statusCode).toBe(404);
  });

  it('is named on the phone page and downloaded through the signed link, with no login', async () => {
    const token = await linkTo('13901070000');
    const view = (await h.call('GET', `/api/warning-answers/${token}`)).json();
    expect(view.attachment).toEqual({ fileName: '暴雨红色预警.pdf', mime: 'application/pdf', size: PDF.length });
    const got = await h.call('GET', `/api/warning-answers/${token}/attachment`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.equals(PDF)).toBe(true);
    const forged = await h.call('GET', `/api/warning-answers/${token.slice(0, -2)}xx/attachment`);
    expect(forged.statusCode).toBe(404);
    expect(forged.json().message).toContain('应答链接无效');
  });

  it('stays with an update that does not name it, is replaced by one that does, and the new file is read by the link', async () => {
    const kept = await h.call('POST', `/api/warnings/${warningId}/update`, {
      cookie: bureau,
      body: { kind: '暴雨', level: 'red', areaAll: false, towns: [TOWNS.tanzhou], text: '坦洲降雨持续，请继续做好防御。', version: 1 },
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().attachment).toBe(sha256);
    const next = Buffer.from(`%PDF-1.4\n% 更新 ${Math.random()}\n%%EOF\n`);
    const newSha = (await upload(bureau, next, 'application/pdf', '更新.pdf')).json().sha256;
    const replaced = await h.call('POST', `/api/warnings/${warningId}/update`, {
      cookie: bureau,
      body: { kind: '暴雨', level: 'red', areaAll: false, towns: [TOWNS.tanzhou], text: '坦洲降雨加强。', attachment: newSha, version: 2 },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().attachment).toBe(newSha);
    const token = await linkTo('13901070001');
    const got = await h.call('GET', `/api/warning-answers/${token}/attachment`);
    expect(got.rawPayload.equals(next)).toBe(true);
    expect((await h.call('GET', `/api/attachments/${newSha}`, { cookie: seconded })).statusCode).toBe(200);
  });

  it('is refused through a link once the link has expired', async () => {
    const token = await linkTo('13901070000');
    h.clock.set(new Date(h.clock.now().getTime() + 8 * 24 * 3_600_000));
    const res = await h.call('GET', `/api/warning-answers/${token}/attachment`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('过期');
  });
});
