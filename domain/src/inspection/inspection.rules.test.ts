import { describe, expect, it } from 'vitest';
import { CATALOGUE_ITEMS, MAJOR_HAZARD_CRITERIA, STARTER_CHECKLISTS } from './catalogue.data';
import {
  closingProblems,
  completenessProblems,
  findingsFromAnswers,
  inspectionDateProblem,
  inspectorProblem,
  type TPoolInspector,
} from './inspection.rules';

const officer = (userId: number, expires: string, over: Partial<TPoolInspector> = {}): TPoolInspector => ({
  userId,
  displayName: `执法员${userId}`,
  certificateNo: `44200${userId}`,
  certificateExpiresOn: expires,
  active: true,
  ...over,
});
const pool = [
  officer(1, '2026-12-31'),
  officer(2, '2026-03-01'),
  officer(3, '2026-02-28'),
  officer(4, '2027-01-01', { active: false }),
  officer(5, '2028-01-01'),
];

describe('inspectionDateProblem', () => {
  it.each([
    ['2026-03-01', '2026-03-01', null],
    ['2026-02-28', '2026-03-01', null],
    ['2026-03-02', '2026-03-01', '检查日期 2026-03-02 晚于今天（2026-03-01）'],
  ])('%s checked on %s', (on, today, message) => {
    const p = inspectionDateProblem(on, today);
    if (message === null) expect(p).toBeNull();
    else expect(p?.message).toContain(message);
  });
});

describe('inspectorProblem', () => {
  it.each([
    [[1, 2], 2, '2026-03-01', null],
    [[1], 2, '2026-03-01', '至少 2 名持证执法人员（行政处罚法第四十二条），现有 1 名'],
    [[], 2, '2026-03-01', '现有 0 名'],
    [[1, 2], 3, '2026-03-01', '至少 3 名'],
    [[1, 2, 5], 3, '2026-03-01', null],
    // valid through the expiry day, not the day after
    [[1, 2], 2, '2026-03-02', '执法人员 执法员2 的执法证（442002）已于 2026-03-01 到期，检查日 2026-03-02'],
    [[1, 3], 2, '2026-03-01', '执法人员 执法员3 的执法证（442003）已于 2026-02-28 到期'],
    [[1, 3], 2, '2026-02-28', null],
    [[1, 4], 2, '2026-03-01', '执法人员 执法员4 已停用'],
    [[1, 99], 2, '2026-03-01', '所选人员（编号 99）不在执法检查人员名录中'],
  ])('%j (minimum %i) on %s', (ids, min, on, message) => {
    const p = inspectorProblem({ inspectorIds: ids, pool, inspectedOn: on, minInspectors: min });
    if (message === null) expect(p).toBeNull();
    else {
      expect(p?.field).toBe('inspectorIds');
      expect(p?.message).toContain(message);
    }
  });
});

const items = [
  { id: 10, title: '安全警示标志', majorHazard: false },
  { id: 11, title: '干式除尘系统爆炸防控', majorHazard: true },
  { id: 12, title: '劳动防护用品', majorHazard: false },
];

describe('completenessProblems', () => {
  it.each([
    [
      'all answered',
      [
        { itemId: 10, result: 'compliant' as const },
        { itemId: 11, result: 'non_compliant' as const, note: '未设泄爆片' },
        { itemId: 12, result: 'not_applicable' as const },
      ],
      [],
    ],
    [
      'one missing',
      [
        { itemId: 10, result: 'compliant' as const },
        { itemId: 12, result: 'compliant' as const },
      ],
      ['第 2 项“干式除尘系统爆炸防控”未填写检查结果'],
    ],
    [
      'non-compliant without a note, and a blank note',
      [
        { itemId: 10, result: 'non_compliant' as const },
        { itemId: 11, result: 'non_compliant' as const, note: '   ' },
        { itemId: 12, result: 'compliant' as const },
      ],
      ['第 1 项“安全警示标志”不合格，须填写问题说明', '第 2 项“干式除尘系统爆炸防控”不合格，须填写问题说明'],
    ],
    ['nothing answered', [], ['第 1 项', '第 2 项', '第 3 项']],
  ])('%s', (_label, answers, expected) => {
    const problems = completenessProblems(items, answers);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((m, i) => expect(problems[i]!.message).toContain(m));
  });

  it('ignores answers to items no longer on the checklist', () => {
    expect(
      completenessProblems(items.slice(0, 1), [
        { itemId: 10, result: 'compliant' },
        { itemId: 99, result: 'non_compliant' },
      ]),
    ).toEqual([]);
  });
});

describe('closingProblems', () => {
  it.each([
    [{ representativeName: '李四', signatureSha256: 'a'.repeat(64), conclusion: '发现问题 1 项' }, []],
    [{ representativeName: ' ', signatureSha256: 'a'.repeat(64), conclusion: '结论' }, ['representativeName']],
    [{ representativeName: '李四', signatureSha256: null, conclusion: null }, ['signatureSha256', 'conclusion']],
  ])('%j', (v, fields) => {
    expect(closingProblems(v).map((p) => p.field)).toEqual(fields);
  });
});

describe('findingsFromAnswers', () => {
  it('makes one finding per non-compliant item, in checklist order, major from the item', () => {
    const found = findingsFromAnswers(items, [
      { itemId: 12, result: 'non_compliant', note: '未配发防尘口罩', photos: ['b'.repeat(64)] },
      { itemId: 10, result: 'compliant', photos: [] },
      { itemId: 11, result: 'non_compliant', note: ' 除尘器无泄爆装置 ', photos: [] },
    ]);
    expect(found).toEqual([
      { itemId: 11, description: '干式除尘系统爆炸防控：除尘器无泄爆装置', majorHazard: true, photos: [] },
      { itemId: 12, description: '劳动防护用品：未配发防尘口罩', majorHazard: false, photos: ['b'.repeat(64)] },
    ]);
  });

  it('makes none when everything complies or does not apply', () => {
    expect(
      findingsFromAnswers(items, [
        { itemId: 10, result: 'compliant', photos: [] },
        { itemId: 11, result: 'not_applicable', photos: [] },
      ]),
    ).toEqual([]);
  });
});

describe('the starter catalogue', () => {
  it('has unique codes, and every checklist names items that exist', () => {
    const codes = CATALOGUE_ITEMS.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of STARTER_CHECKLISTS) for (const code of c.itemCodes) expect(codes, `${c.code} ${code}`).toContain(code);
  });

  it('ships the general items, the 20 chemical items and the 工贸 special and management items', () => {
    const count = (prefix: string) => CATALOGUE_ITEMS.filter((i) => i.code.startsWith(prefix)).length;
    expect(count('SAFL-')).toBeGreaterThanOrEqual(8);
    expect(count('HC-')).toBe(20);
    expect([count('GM-MGT-'), count('GM-DUST-'), count('GM-NH3-'), count('GM-CS-'), count('GM-DEVICE-')]).toEqual([3, 10, 2, 2, 1]);
  });

  // 应急管理部令第10号 as published: dust explosion art. 11, ammonia refrigeration art. 12, confined spaces art. 13,
  // failed monitoring, alarm and protection devices art. 14 (DOMAIN.md §4, corrected).
  it.each([
    ['GM-DUST-', '第十一条'],
    ['GM-NH3-', '第十二条'],
    ['GM-CS-', '第十三条'],
    ['GM-DEVICE-', '第十四条'],
  ])('cites 部令10号 for %s items as %s', (prefix, article) => {
    const items = CATALOGUE_ITEMS.filter((i) => i.code.startsWith(prefix));
    expect(items.length).toBeGreaterThan(0);
    for (const i of items)
      expect(i.legalBasis, i.code).toMatch(new RegExp(`^《工贸企业重大事故隐患判定标准》${article}(第（[一二三四五六七八九十]+）项)?$`));
  });

  it('marks every standard item as a major hazard with its standard, and cites the article only where the wording was not checked', () => {
    expect(MAJOR_HAZARD_CRITERIA.length).toBe(38);
    for (const i of MAJOR_HAZARD_CRITERIA) {
      expect(i.standard, i.code).toBeTruthy();
      if (!i.verbatim) expect(i.legalBasis, i.code).not.toMatch(/项$/);
    }
    expect(CATALOGUE_ITEMS.filter((i) => !i.majorHazard).every((i) => i.standard === null)).toBe(true);
  });
});
