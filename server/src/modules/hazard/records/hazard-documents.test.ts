/** The order document, enterprise users' accounts and who reads a hazard's photos and evidence. */
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { TOWNS } from '../../../../test/harness';
import { inspection as makeInspection } from '../../../../test/inspection-fixtures';
import { hazardCalls, useHazardFixtures } from './hazard.fixtures';

const fx = useHazardFixtures();
let { h, city, tanzhou, tanzhou2, xiaolan, firmUser, otherFirmUser, firmA, firmB, firmX, criterion } = fx;
beforeAll(() => {
  ({ h, city, tanzhou, tanzhou2, xiaolan, firmUser, otherFirmUser, firmA, firmB, firmX, criterion } = fx);
});
const { upload, enterpriseUser, create, step } = hazardCalls(() => fx);

describe('the order document (责令限期整改指令书)', () => {
  const docxText = async (buffer: Buffer) => {
    const zip = await JSZip.loadAsync(buffer);
    return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  };

  it('exists only after the order, with the firm, the hazard, the legal basis, the deadline, the issuing body and number', async () => {
    const id = (await create(tanzhou, { criterionItemId: criterion.id })).json().id;
    const before = await h.call('GET', `/api/hazards/${id}/order.docx`, { cookie: tanzhou });
    expect(before.statusCode).toBe(422);
    const orderNo = (await step(tanzhou, id, { action: 'order', deadline: '2026-03-18' })).json().orderNo as string;
    const res = await h.call('GET', `/api/hazards/${id}/order.docx`, { cookie: firmUser });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = await docxText(res.rawPayload);
    for (const s of [
      '责令限期整改指令书',
      orderNo,
      firmA.name,
      '除尘器未设置泄爆装置',
      '打磨车间',
      '【重大事故隐患】',
      '《中华人民共和国安全生产法》第六十五条',
      'GM-DUST-3',
      '2026年3月18日前整改完毕',
      '中山市坦洲镇应急管理办公室',
      '2026年3月2日',
    ]) {
      expect(text, s).toContain(s);
    }
    expect((await h.call('GET', `/api/hazards/${id}/order.docx`, { cookie: otherFirmUser })).statusCode).toBe(404);
  });
});

describe('enterprise users’ accounts', () => {
  it('need a firm of their own town; /api/auth/me names it', async () => {
    const admin = (await h.userWithSession({ role: 'admin' })).cookie;
    const user = (over: Record<string, unknown>) =>
      h.call('POST', '/api/users', {
        cookie: admin,
        body: {
          username: `firm_${Math.random().toString(36).slice(2, 8)}`,
          displayName: '企业安全员',
          role: 'enterprise_user',
          divisionCode: TOWNS.tanzhou,
          ...over,
        },
      });
    expect((await user({})).json()).toMatchObject({ field: 'enterpriseId', message: '企业用户必须指定所属企业' });
    expect((await user({ enterpriseId: firmX.id })).json()).toMatchObject({
      field: 'enterpriseId',
      message: `所属企业“${firmX.name}”不在该用户所在的镇街`,
    });
    expect((await user({ role: 'town_officer', enterpriseId: firmA.id })).json().field).toBe('enterpriseId');
    const created = await user({ enterpriseId: firmA.id });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().user).toMatchObject({ enterpriseId: firmA.id, enterpriseName: firmA.name });
    const moved = await h.call('PATCH', `/api/users/${created.json().user.id}`, { cookie: admin, body: { enterpriseId: firmB.id } });
    expect(moved.json()).toMatchObject({ enterpriseId: firmB.id, enterpriseName: firmB.name });
    const me = (await h.call('GET', '/api/auth/me', { cookie: firmUser })).json();
    expect(me).toMatchObject({ enterpriseId: firmA.id, enterpriseName: firmA.name });
    expect((await h.call('GET', '/api/auth/me', { cookie: city })).json()).toMatchObject({ enterpriseId: null, enterpriseName: null });
  });
});

describe('who reads a hazard’s photos and evidence', () => {
  const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo ${Math.random()}`)]);
  const read = async (cookie: string, sha256: string) => (await h.call('GET', `/api/attachments/${sha256}`, { cookie })).statusCode;
  const refs = async (id: number) =>
    (
      await queryRows<{ sha256: string }>(
        h.db,
        sql`SELECT sha256 FROM attachment_refs WHERE owner = 'hazard' AND owner_id = ${id} ORDER BY sha256`,
      )
    ).map((r) => r.sha256);

  it('its firm’s users and the officers in scope; another firm and another town get 404, as for an unknown hash', async () => {
    const colleague = (await enterpriseUser(firmA.id, TOWNS.tanzhou)).cookie;
    const officerPhoto = await upload(tanzhou, jpeg(), 'image/jpeg');
    const evidencePhoto = await upload(firmUser, jpeg(), 'image/jpeg');
    const evidence = await upload(firmUser, Buffer.from(`%PDF-1.7 整改报告 ${Math.random()}`), 'application/pdf');
    const id = (await create(tanzhou, { photos: [officerPhoto] })).json().id as number;
    await step(tanzhou, id, { action: 'order', deadline: '2026-03-15' });
    await step(firmUser, id, { action: 'start' });
    expect(
      (await step(firmUser, id, { action: 'submit', note: '已整改', photos: [evidencePhoto], documents: [evidence] })).statusCode,
    ).toBe(200);
    expect(await refs(id)).toEqual([officerPhoto, evidencePhoto, evidence].sort());
    for (const sha of [officerPhoto, evidencePhoto, evidence]) {
      expect([await read(colleague, sha), await read(tanzhou2, sha), await read(city, sha)]).toEqual([200, 200, 200]);
      expect([await read(otherFirmUser, sha), await read(xiaolan, sha)]).toEqual([404, 404]);
    }
    const refused = await h.call('GET', `/api/attachments/${evidence}`, { cookie: otherFirmUser });
    expect(refused.json().message).toBe('附件不存在');
  });

  it('refuses to attach a photo one may not read, so knowing its hash gives nothing', async () => {
    const secret = await upload(firmUser, jpeg(), 'image/jpeg');
    await create(firmUser, { source: 'self_check', photos: [secret] });
    const res = await create(otherFirmUser, { enterpriseId: firmB.id, source: 'self_check', photos: [secret] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'photos', message: `附件 ${secret.slice(0, 12)}… 不存在，请重新上传` });
    expect(await read(otherFirmUser, secret)).toBe(404);
  });

  it('lets the firm read the photos of findings turned into its hazards', async () => {
    const inspectionId = await makeInspection(h.db, {
      enterpriseId: firmA.id,
      divisionCode: firmA.divisionCode,
      inspectedOn: '2026-02-27',
      findings: 1,
    });
    const onSite = await upload(tanzhou, jpeg(), 'image/jpeg');
    await h.db.execute(sql`UPDATE findings SET photos = ARRAY[${onSite}] WHERE inspection_id = ${inspectionId}`);
    const [finding] = await queryRows<{ id: number }>(h.db, sql`SELECT id FROM findings WHERE inspection_id = ${inspectionId}`);
    expect(await read(firmUser, onSite)).toBe(404);
    const res = await h.call('POST', '/api/hazards/from-findings', {
      cookie: tanzhou,
      body: {
        inspectionId,
        items: [{ findingId: finding!.id, category: 'dust', deadline: '2026-03-20', responsiblePerson: '李四', location: '打磨车间' }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await refs(res.json().hazards[0].id)).toEqual([onSite]);
    expect(await read(firmUser, onSite)).toBe(200);
    expect(await read(otherFirmUser, onSite)).toBe(404);
  });
});
