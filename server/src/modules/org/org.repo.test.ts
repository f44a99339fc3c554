import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyAbbreviation, DEFAULT_CASE_DOCUMENTS, hazardOrderPrefix } from '@yingji/domain';
import { createTestDatabase, type TTestDatabase } from '../../../test/test-db';
import { bodyNaming, upsertDivisions } from './org.repo';

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  // Two towns called 新塘 in two districts of one city, a third in another province's county, and a town of its own name.
  await upsertDivisions(t.db, [
    { code: '44', name: '广东省', level: 'province', parentCode: null },
    { code: '4401', name: '广州市', level: 'city', parentCode: '44' },
    { code: '440106', name: '天河区', level: 'county', parentCode: '4401' },
    { code: '440118', name: '增城区', level: 'county', parentCode: '4401' },
    { code: '440106022', name: '新塘街道', level: 'town', parentCode: '440106' },
    { code: '440118101', name: '新塘镇', level: 'town', parentCode: '440118' },
    { code: '440118102', name: '荔城街道', level: 'town', parentCode: '440118' },
  ]);
});
afterAll(() => t.close());

describe('a body’s name for its document numbers (机关代字)', () => {
  it.each([
    ['440106022', '新塘街道', '天河区', '天河新塘应急'],
    ['440118101', '新塘镇', '增城区', '增城新塘应急'],
    ['440118102', '荔城街道', null, '荔城应急'],
    ['4401', '广州市', null, '广州应急'],
  ])('%s %s: qualifier %s → %s', async (code, name, qualifier, abbreviation) => {
    const naming = await bodyNaming(t.db, code);
    expect(naming).toEqual({ name, qualifier });
    expect(bodyAbbreviation(DEFAULT_CASE_DOCUMENTS, code, naming.name, naming.qualifier)).toBe(abbreviation);
  });

  it('gives two namesakes different order prefixes, and an unknown code neither name nor qualifier', async () => {
    const [a, b] = [await bodyNaming(t.db, '440106022'), await bodyNaming(t.db, '440118101')];
    expect(hazardOrderPrefix(DEFAULT_CASE_DOCUMENTS, '440106022', a.name, a.qualifier)).not.toBe(
      hazardOrderPrefix(DEFAULT_CASE_DOCUMENTS, '440118101', b.name, b.qualifier),
    );
    expect(await bodyNaming(t.db, '449999999')).toEqual({ name: null, qualifier: null });
  });
});
