import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { CATALOGUE_ITEMS, CORRECTED_CITATIONS, STARTER_CHECKLISTS } from '@yingji/domain';
import { createHarness, type THarness } from '../../../../test/harness';
import { inspectionItems } from '../../../db/schema/index';

let h: THarness;
let bureau: string;
let town: string;
let admin: string;
beforeAll(async () => {
  h = await createHarness();
  bureau = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  town = (await h.userWithSession({ role: 'town_officer' })).cookie;
  admin = (await h.userWithSession({ role: 'admin' })).cookie;
});
afterAll(() => h.close());

describe('inspection catalogue', () => {
  it('seeds the shipped items and checklists once, and leaves a bureau’s edits alone on the next start', async () => {
    expect(await h.services.modules.inspection.catalogue.ensureCatalogue()).toEqual({
      items: CATALOGUE_ITEMS.length,
      checklists: STARTER_CHECKLISTS.length,
      corrected: 0,
    });
    const lists = (await h.call('GET', '/api/checklists', { cookie: town })).json();
    expect(lists.map((c: { name: string }) => c.name)).toEqual([
      '通用安全管理检查表',
      '危险化学品检查表',
      '粉尘涉爆检查表',
      '涉氨制冷检查表',
      '有限空间检查表',
    ]);
    const dust = lists.find((c: { code: string }) => c.code === 'CL-DUST');
    const detail = (await h.call('GET', `/api/checklists/${dust.id}`, { cookie: town })).json();
    const kept = detail.items.slice(0, 2).map((i: { id: number }) => i.id);
    expect(
      (await h.call('PUT', `/api/checklists/${dust.id}/items`, { cookie: bureau, body: { itemIds: kept.reverse() } })).statusCode,
    ).toBe(200);

    expect(await h.services.modules.inspection.catalogue.ensureCatalogue()).toEqual({ items: 0, checklists: 0, corrected: 0 });
    const after = (await h.call('GET', `/api/checklists/${dust.id}`, { cookie: town })).json();
    expect(after.items.map((i: { id: number }) => i.id)).toEqual(kept);
  });

  it('corrects a citation an earlier release shipped wrongly (部令10号 art. 12 → 11), keeping one the bureau edited', async () => {
    const dust = CORRECTED_CITATIONS.find((c) => c.code === 'GM-DUST-6')!;
    const ammonia = CORRECTED_CITATIONS.find((c) => c.code === 'GM-NH3-1')!;
    expect(dust).toEqual({
      code: 'GM-DUST-6',
      was: '《工贸企业重大事故隐患判定标准》第十二条第（六）项',
      now: '《工贸企业重大事故隐患判定标准》第十一条第（六）项',
    });
    const cite = (code: string) =>
      h.db
        .select({ legalBasis: inspectionItems.legalBasis })
        .from(inspectionItems)
        .where(eq(inspectionItems.code, code))
        .then((r) => r[0]!.legalBasis);
    // as a database seeded by the earlier release holds them: one untouched, one the bureau rewrote
    await h.db.update(inspectionItems).set({ legalBasis: dust.was }).where(eq(inspectionItems.code, dust.code));
    await h.db.update(inspectionItems).set({ legalBasis: '本局依据：第十三条' }).where(eq(inspectionItems.code, ammonia.code));
    expect(await h.services.modules.inspection.catalogue.ensureCatalogue()).toEqual({ items: 0, checklists: 0, corrected: 1 });
    expect(await cite(dust.code)).toBe(dust.now);
    expect(await cite(ammonia.code)).toBe('本局依据：第十三条');
    const audit = (await h.call('GET', '/api/audit?entity=inspection_item&action=update', { cookie: admin })).json();
    expect(audit.items).toEqual([
      expect.objectContaining({ actorName: '系统', before: { legalBasis: dust.was }, after: { legalBasis: dust.now } }),
    ]);
    await h.db.update(inspectionItems).set({ legalBasis: ammonia.now }).where(eq(inspectionItems.code, ammonia.code));
  });

  it('finds items by keyword and by major-hazard flag, with their legal basis', async () => {
    const hits = (await h.call('GET', `/api/inspection-items?q=${encodeURIComponent('锁气卸灰')}`, { cookie: town })).json();
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      code: 'GM-DUST-6',
      majorHazard: true,
      legalBasis: '《工贸企业重大事故隐患判定标准》第十一条第（六）项',
    });
    const major = (await h.call('GET', '/api/inspection-items?majorHazard=true', { cookie: town })).json();
    expect(major.filter((i: { code: string }) => i.code.startsWith('HC-'))).toHaveLength(20);
  });

  it('adds a bureau item with its legal basis; a duplicate code or a missing basis is refused by field', async () => {
    const body = {
      code: 'ZS-FIRE-1',
      title: '疏散通道畅通',
      content: '查看疏散通道、安全出口是否畅通，有无锁闭、封堵。',
      legalBasis: '《中华人民共和国安全生产法》第四十二条',
      groupName: '本局补充',
    };
    const res = await h.call('POST', '/api/inspection-items', { cookie: bureau, body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'ZS-FIRE-1', majorHazard: false, standard: null });
    expect((await h.call('POST', '/api/inspection-items', { cookie: bureau, body })).json()).toMatchObject({
      code: 'conflict',
      field: 'code',
    });
    const missing = await h.call('POST', '/api/inspection-items', {
      cookie: bureau,
      body: { ...body, code: 'ZS-FIRE-2', legalBasis: ' ' },
    });
    expect(missing.json().field).toBe('legalBasis');
    expect(missing.json().message).toContain('法律依据必须填写');
    expect((await h.call('POST', '/api/inspection-items', { cookie: town, body: { ...body, code: 'ZS-FIRE-3' } })).statusCode).toBe(403);
  });

  it('creates a checklist, sets its items in order, refuses an unknown item, and audits the change', async () => {
    const created = await h.call('POST', '/api/checklists', {
      cookie: bureau,
      body: { code: 'CL-ZS-1', name: '小微企业检查表', supervisionCategory: 'it_machinery' },
    });
    expect(created.statusCode).toBe(201);
    const items = (await h.call('GET', '/api/inspection-items?q=SAFL-99', { cookie: bureau })).json();
    const ids = items.map((i: { id: number }) => i.id);
    const set = await h.call('PUT', `/api/checklists/${created.json().id}/items`, {
      cookie: bureau,
      body: { itemIds: [...ids].reverse() },
    });
    expect(set.json().items.map((i: { id: number }) => i.id)).toEqual([...ids].reverse());
    expect(set.json().itemCount).toBe(ids.length);
    const bad = await h.call('PUT', `/api/checklists/${created.json().id}/items`, { cookie: bureau, body: { itemIds: [ids[0], 999999] } });
    expect(bad.json()).toMatchObject({ field: 'itemIds', message: '检查事项（编号 999999）不存在' });
    const dup = await h.call('PUT', `/api/checklists/${created.json().id}/items`, { cookie: bureau, body: { itemIds: [ids[0], ids[0]] } });
    expect(dup.json().field).toBe('itemIds');
    expect(dup.json().message).toContain('检查事项不能重复');
    const audit = (
      await h.call('GET', `/api/audit?entity=checklist&pageSize=10`, { cookie: (await h.userWithSession({ role: 'admin' })).cookie })
    ).json();
    expect(audit.items.some((e: { action: string }) => e.action === 'update')).toBe(true);
  });

  it('exports the catalogue as a sheet', async () => {
    const res = await h.call('GET', '/api/inspection-items/export?majorHazard=true', { cookie: town });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('检查事项清单')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('事项编码');
    expect(sheet.rowCount - 1).toBe(CATALOGUE_ITEMS.filter((i) => i.majorHazard).length);
  });
});
