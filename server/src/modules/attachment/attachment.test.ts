import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type THarness } from '../../../test/harness';
import { ATTACHMENT_MAX_BYTES } from './attachment.rules';

let h: THarness;
let officer: string;
let enterpriseUser: string;
beforeAll(async () => {
  h = await createHarness();
  officer = (await h.userWithSession({ role: 'town_officer' })).cookie;
  enterpriseUser = (await h.userWithSession({ role: 'enterprise_user' })).cookie;
});
afterAll(() => h.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`png body ${Math.random()}`)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`jpeg body ${Math.random()}`)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.from(`${Math.random()}`)]);

const upload = (cookie: string, body: Buffer, type = 'image/jpeg', fileName = '现场照片.jpg') =>
  h.app.inject({ method: 'POST', url: `/api/attachments?fileName=${encodeURIComponent(fileName)}`, headers: { cookie, origin: 'http://localhost', 'content-type': type }, payload: body });

describe('attachments', () => {
  it.each([
    ['JPEG', JPEG, 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['WebP', WEBP, 'image/webp'],
  ])('stores a %s by its content and streams it back with its type', async (_label, body, mime) => {
    const res = await upload(officer, body, 'image/jpeg');
    expect(res.statusCode).toBe(201);
    const sha256 = createHash('sha256').update(body).digest('hex');
    expect(res.json()).toMatchObject({ sha256, mime, size: body.length });
    const got = await h.call('GET', `/api/attachments/${sha256}`, { cookie: enterpriseUser });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe(mime);
    expect(got.rawPayload.equals(body)).toBe(true);
  });

  it('keeps one row for the same bytes uploaded twice, and audits each upload', async () => {
    const again = await upload(officer, JPEG, 'image/jpeg', '另一个名字.jpg');
    expect(again.json().fileName).toBe('现场照片.jpg');
    const audit = (await h.call('GET', '/api/audit?entity=attachment&pageSize=50', { cookie: (await h.userWithSession({ role: 'admin' })).cookie })).json();
    expect(audit.items.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a file that is neither an image nor a PDF whatever its header says', async () => {
    const res = await upload(officer, Buffer.from('GIF89a not a photo'), 'image/png', 'report.png');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'file', message: '只能上传 JPEG、PNG 或 WebP 格式的图片，或 PDF 格式的证明材料' });
  });

  it('stores an evidence document as PDF (by its magic bytes), up to 10 MB', async () => {
    const pdf = Buffer.from(`%PDF-1.7 整改报告 ${Math.random()}`);
    const res = await upload(enterpriseUser, pdf, 'application/pdf', '整改报告.pdf');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ mime: 'application/pdf', size: pdf.length, fileName: '整改报告.pdf' });
    const got = await h.call('GET', `/api/attachments/${res.json().sha256}`, { cookie: officer });
    expect(got.headers['content-type']).toBe('application/pdf');
    const big = await upload(officer, Buffer.concat([Buffer.from('%PDF-1.7 '), Buffer.alloc(ATTACHMENT_MAX_BYTES)]), 'application/pdf', 'big.pdf');
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toContain('不能超过 10 MB');
  });

  it('refuses a file over 10 MB, naming the limit', async () => {
    const big = Buffer.concat([JPEG, Buffer.alloc(ATTACHMENT_MAX_BYTES)]);
    const res = await upload(officer, big);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('图片或文件不能超过 10 MB');
  });

  it('refuses an empty upload and answers an unknown hash with 404', async () => {
    expect((await upload(officer, Buffer.alloc(0))).statusCode).toBe(400);
    const res = await h.call('GET', `/api/attachments/${'0'.repeat(64)}`, { cookie: officer });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('附件不存在');
  });
});
