import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, inspections } from '../../../db/schema/index';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { answer, firm, inspection, inspector, inspectorOf } from '../../../../test/inspection-fixtures';

let h: THarness;
let city: string;
let id: number;
let signatureSha: string;

/** A 2×2 PNG (the representative's signature as the tablet sends it). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGNgYGD4z8DAwMDAwMAAAA8AAQZJ9l4AAAAASUVORK5CYII=',
  'base64',
);

/** The text of every part of a .docx (it is a zip of XML files), tags stripped. */
async function docxText(buffer: Buffer): Promise<{ body: string; footer: string; media: string[] }> {
  const zip = await JSZip.loadAsync(buffer);
  const text = async (name: string) => (await zip.file(name)!.async('string')).replace(/<[^>]+>/g, '');
  const footers = Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n));
  return {
    body: await text('word/document.xml'),
    footer: (await Promise.all(footers.map(text))).join(''),
    media: Object.keys(zip.files).filter((n) => n.startsWith('word/media/')),
  };
}

beforeAll(async () => {
  h = await createHarness();
  city = (await h.userWithSession({ role: 'legal_reviewer' })).cookie;
  const f = await firm(h.db, { name: '中山市坦洲镇永安五金制品有限公司', legalRepresentative: '李四' });
  id = await inspection(h.db, {
    enterpriseId: f.id,
    divisionCode: f.divisionCode,
    kind: 'unannounced',
    inspectedOn: '2026-03-31',
    findings: 2,
    major: 1,
  });
  const a = await h.createUser({ role: 'town_officer', username: 'inspector_a' });
  const b = await h.createUser({ role: 'town_officer', username: 'inspector_b' });
  await inspector(h.db, a.id, '44200107001');
  await inspector(h.db, b.id, '44200107002');
  await inspectorOf(h.db, id, a.id, '44200107001');
  await inspectorOf(h.db, id, b.id, '44200107002');
  await answer(h.db, id, { code: 'T-1', title: '主要负责人安全生产知识和管理能力考核', result: 'compliant', sort: 1 });
  await answer(h.db, id, {
    code: 'T-2',
    title: '粉尘爆炸危险场所除尘系统',
    result: 'non_compliant',
    note: '除尘器未设置泄爆装置，布袋积尘严重',
    sort: 2,
  });
  signatureSha = crypto.createHash('sha256').update(PNG).digest('hex');
  const dir = path.join(os.tmpdir(), 'yingji-files', signatureSha.slice(0, 2));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, signatureSha), PNG);
  await h.db
    .insert(attachments)
    .values({ sha256: signatureSha, mime: 'image/png', size: PNG.length, fileName: 'signature.png', createdAt: '2026-03-31T02:00:00Z' });
  await h.db
    .update(inspections)
    .set({ signatureSha256: signatureSha, representativeName: '王五', conclusion: '存在重大事故隐患，责令限期整改。' })
    .where(eq(inspections.id, id));
});
afterAll(() => h.close());

describe('on-site inspection record (Word)', () => {
  it('is generated from the records: firm, inspectors with certificates, items, findings, conclusion, signature, footer', async () => {
    const res = await h.call('GET', `/api/inspections/${id}/record.docx`, { cookie: city });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('现场检查记录-中山市坦洲镇永安五金制品有限公司-2026-03-31.docx'),
    );
    const { body, footer, media } = await docxText(res.rawPayload);
    for (const text of [
      '现场检查记录',
      '中山市坦洲镇永安五金制品有限公司',
      '李四',
      '2026年3月31日',
      '44200107001',
      '44200107002',
      '四不两直',
      '除尘器未设置泄爆装置，布袋积尘严重',
      '不符合',
      '【重大事故隐患】隐患1',
      '存在重大事故隐患，责令限期整改。',
      '王五',
    ]) {
      expect(body, text).toContain(text);
    }
    expect(footer).toContain('现场检查记录 · 中山市坦洲镇永安五金制品有限公司');
    expect(media).toHaveLength(1);
  });

  it('is generated within 500 ms (median of five, warm)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      expect((await h.call('GET', `/api/inspections/${id}/record.docx`, { cookie: city })).statusCode).toBe(200);
      times.push(performance.now() - started);
    }
    expect(times.sort((a, b) => a - b)[2]).toBeLessThan(500);
  });

  it('leaves the signature out cleanly when its file is missing', async () => {
    fs.rmSync(path.join(os.tmpdir(), 'yingji-files', signatureSha.slice(0, 2), signatureSha));
    const res = await h.call('GET', `/api/inspections/${id}/record.docx`, { cookie: city });
    expect(res.statusCode).toBe(200);
    const { body, media } = await docxText(res.rawPayload);
    expect(media).toHaveLength(0);
    expect(body).toContain('被检查单位现场负责人：王五');
  });

  it('reads as absent outside the scope, and is refused to a firm user', async () => {
    const xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
    expect((await h.call('GET', `/api/inspections/${id}/record.docx`, { cookie: xiaolan })).statusCode).toBe(404);
    const tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
    expect((await h.call('GET', `/api/inspections/${id}/record.docx`, { cookie: tanzhou })).statusCode).toBe(200);
    const firmUser = (await h.userWithSession({ role: 'enterprise_user' })).cookie;
    expect((await h.call('GET', `/api/inspections/${id}/record.docx`, { cookie: firmUser })).statusCode).toBe(403);
    expect((await h.call('GET', '/api/inspections/0/record.docx', { cookie: city })).json().field).toBe('id');
  });
});
