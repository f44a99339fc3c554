import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, queryRows } from '../../db/client';
import {
  attachments,
  caseEvidence,
  cases,
  findings,
  hazardTransitions,
  inspectionAnswers,
  inspections,
  supervisionActions,
  supervisions,
} from '../../db/schema/index';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { hazard as makeHazard } from '../../../test/hazard-views-fixtures';
import { firm as makeFirm, inspection as makeInspection } from '../../../test/inspection-fixtures';
import { ATTACHMENT_MAX_BYTES } from './attachment.rules';

let h: THarness;
let officer: string;
let officerId: number;
let otherOfficer: string;
let enterpriseUser: string;
beforeAll(async () => {
  h = await createHarness();
  const o = await h.userWithSession({ role: 'town_officer' });
  [officer, officerId] = [o.cookie, o.user.id];
  otherOfficer = (await h.userWithSession({ role: 'town_officer' })).cookie;
  enterpriseUser = (await h.userWithSession({ role: 'enterprise_user' })).cookie;
});
afterAll(() => h.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`png body ${Math.random()}`)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`jpeg body ${Math.random()}`)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.from(`${Math.random()}`)]);

const upload = (cookie: string, body: Buffer, type = 'image/jpeg', fileName = '现场照片.jpg') =>
  h.app.inject({
    method: 'POST',
    url: `/api/attachments?fileName=${encodeURIComponent(fileName)}`,
    headers: { cookie, origin: 'http://localhost', 'content-type': type },
    payload: body,
  });

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
    const got = await h.call('GET', `/api/attachments/${sha256}`, { cookie: officer });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe(mime);
    expect(got.rawPayload.equals(body)).toBe(true);
  });

  it('keeps one row for the same bytes uploaded twice, and audits each upload', async () => {
    const again = await upload(officer, JPEG, 'image/jpeg', '另一个名字.jpg');
    expect(again.json().fileName).toBe('现场照片.jpg');
    const audit = (
      await h.call('GET', '/api/audit?entity=attachment&pageSize=50', { cookie: (await h.userWithSession({ role: 'admin' })).cookie })
    ).json();
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
    const got = await h.call('GET', `/api/attachments/${res.json().sha256}`, { cookie: enterpriseUser });
    expect(got.headers['content-type']).toBe('application/pdf');
    const big = await upload(
      officer,
      Buffer.concat([Buffer.from('%PDF-1.7 '), Buffer.alloc(ATTACHMENT_MAX_BYTES)]),
      'application/pdf',
      'big.pdf',
    );
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

describe('who reads an attachment', () => {
  const read = (cookie: string, sha256: string) => h.call('GET', `/api/attachments/${sha256}`, { cookie });

  it('its uploader at once, before any record holds it; anyone else gets the 404 of an unknown hash', async () => {
    const bytes = Buffer.concat([JPEG, Buffer.from(`fresh ${Math.random()}`)]);
    const { sha256 } = (await upload(officer, bytes)).json();
    expect((await read(officer, sha256)).statusCode).toBe(200);
    const refused = await read(otherOfficer, sha256);
    const unknown = await read(otherOfficer, '1'.repeat(64));
    expect([refused.statusCode, refused.body]).toEqual([unknown.statusCode, unknown.body]);
    expect(refused.json()).toMatchObject({ code: 'not_found', message: '附件不存在' });
    expect((await read(enterpriseUser, sha256)).statusCode).toBe(404);
    expect((await read(officer, 'not-a-hash')).statusCode).toBe(404);
  });

  it('lets the browser keep a copy but asks each time: a 304 only after the access check', async () => {
    const bytes = Buffer.concat([JPEG, Buffer.from(`cached ${Math.random()}`)]);
    const { sha256 } = (await upload(officer, bytes)).json();
    const first = await read(officer, sha256);
    expect(first.headers).toMatchObject({ 'cache-control': 'private, no-cache', etag: `"${sha256}"` });
    const again = (cookie: string) =>
      h.app.inject({ method: 'GET', url: `/api/attachments/${sha256}`, headers: { cookie, 'if-none-match': `"${sha256}"` } });
    const notModified = await again(officer);
    expect([notModified.statusCode, notModified.rawPayload.length]).toEqual([304, 0]);
    // Another user on the same browser sends the same validator: refused like any unknown hash.
    expect((await again(otherOfficer)).statusCode).toBe(404);
  });

  it('a second uploader of the same bytes too (content-addressed), each with his own reference', async () => {
    const bytes = Buffer.concat([PNG, Buffer.from(`twice ${Math.random()}`)]);
    const { sha256 } = (await upload(officer, bytes, 'image/png')).json();
    expect((await read(enterpriseUser, sha256)).statusCode).toBe(404);
    expect((await upload(enterpriseUser, bytes, 'image/png')).statusCode).toBe(201);
    expect((await read(enterpriseUser, sha256)).statusCode).toBe(200);
    expect((await read(otherOfficer, sha256)).statusCode).toBe(404);
    const refs = await queryRows<{ owner: string }>(h.db, sql`SELECT owner FROM attachment_refs WHERE sha256 = ${sha256}`);
    expect(refs.map((r) => r.owner)).toEqual(['upload', 'upload']);
  });

  it('the migration backfills the references of records saved before it, for files that exist', async () => {
    const at = '2026-03-02T01:00:00.000Z';
    const sha = (label: string) => createHash('sha256').update(`${label} ${Math.random()}`).digest('hex');
    const files = {
      hazard: sha('h'),
      transition: sha('t'),
      document: sha('d'),
      answer: sha('a'),
      finding: sha('f'),
      signature: sha('s'),
      letter: sha('l'),
      evidence: sha('e'),
    };
    await h.db.insert(attachments).values(
      Object.values(files).map((s) => ({
        sha256: s,
        mime: 'image/jpeg',
        size: 1,
        fileName: 'x.jpg',
        createdBy: officerId,
        createdAt: at,
      })),
    );
    const missing = sha('missing');
    const firm = await makeFirm(h.db, { divisionCode: TOWNS.tanzhou });
    const hazardId = await makeHazard(h.db, { enterpriseId: firm.id, divisionCode: firm.divisionCode, level: 'major' });
    await h.db.execute(sql`UPDATE hazards SET photos = ARRAY[${files.hazard}, ${missing}] WHERE id = ${hazardId}`);
    await h.db.insert(hazardTransitions).values({
      hazardId,
      action: 'submit',
      fromState: 'rectifying',
      toState: 'submitted',
      photos: [files.transition],
      documents: [files.document, files.hazard],
      at,
    });
    const inspectionId = await makeInspection(h.db, {
      enterpriseId: firm.id,
      divisionCode: firm.divisionCode,
      inspectedOn: '2026-03-01',
      findings: 1,
    });
    await h.services.modules.inspection.catalogue.ensureCatalogue();
    const [item] = await queryRows<{ id: number }>(h.db, sql`SELECT id FROM inspection_items LIMIT 1`);
    await h.db.insert(inspectionAnswers).values({ inspectionId, itemId: item!.id, result: 'non_compliant', photos: [files.answer] });
    await h.db
      .update(findings)
      .set({ photos: [files.finding] })
      .where(sql`${findings.inspectionId} = ${inspectionId}`);
    await h.db
      .update(inspections)
      .set({ signatureSha256: files.signature })
      .where(sql`${inspections.id} = ${inspectionId}`);
    const [s] = await h.db
      .insert(supervisions)
      .values({
        target: 'hazard',
        hazardId,
        divisionCode: firm.divisionCode,
        supervisingBody: '市安委办',
        leaderName: '王副市长',
        deadline: '2026-06-30',
        reason: '整改滞后',
        status: 'active',
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await h.db
      .insert(supervisionActions)
      .values({ supervisionId: s!.id, kind: 'interview', on: '2026-03-01', note: '约谈', documents: [files.letter], at });
    const [c] = await h.db
      .insert(cases)
      .values({
        divisionCode: firm.divisionCode,
        procedure: 'general',
        stage: 'investigating',
        enterpriseId: firm.id,
        partyName: firm.name,
        sourceKind: 'inspection',
        summary: '未设置安全警示标志',
        violationCodes: ['SAFL-99'],
        occurredOn: '2026-02-20',
        discoveredOn: '2026-03-01',
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await h.db
      .insert(caseEvidence)
      .values({ caseId: c!.id, kind: 'photo', title: '现场照片', sha256: files.evidence, collectedOn: '2026-03-01', createdAt: at });

    const migration = await readFile(path.join(MIGRATIONS_FOLDER, '0012_attachment_refs.sql'), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').filter((st) => st.includes('INSERT INTO "attachment_refs"'));
    expect(backfill.length).toBe(5);
    for (const st of backfill) await h.db.execute(sql.raw(st));
    const refs = await queryRows<{ sha256: string; owner: string; owner_id: number }>(
      h.db,
      sql`SELECT sha256, owner, owner_id FROM attachment_refs WHERE sha256 IN (${sql.join(Object.values(files), sql`, `)})`,
    );
    const got = refs
      .filter((r) => r.owner !== 'upload')
      .map((r) => `${r.owner}:${r.owner_id}:${r.sha256}`)
      .sort();
    expect(got).toEqual(
      [
        `hazard:${hazardId}:${files.hazard}`,
        `hazard:${hazardId}:${files.transition}`,
        `hazard:${hazardId}:${files.document}`,
        `inspection:${inspectionId}:${files.answer}`,
        `inspection:${inspectionId}:${files.finding}`,
        `inspection:${inspectionId}:${files.signature}`,
        `supervision:${s!.id}:${files.letter}`,
        `case:${c!.id}:${files.evidence}`,
      ].sort(),
    );
    expect(refs.filter((r) => r.owner === 'upload').map((r) => r.owner_id)).toEqual(Object.values(files).map(() => officerId));
    // Run twice, nothing doubles.
    for (const st of backfill) await h.db.execute(sql.raw(st));
    expect(
      (
        await queryRows<{ n: number }>(
          h.db,
          sql`SELECT count(*)::int AS n FROM attachment_refs WHERE sha256 IN (${sql.join(Object.values(files), sql`, `)})`,
        )
      )[0]!.n,
    ).toBe(refs.length);
  });
});
