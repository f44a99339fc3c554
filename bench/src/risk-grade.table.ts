import { CATEGORY_LABELS, TAG_LABELS, type TRiskColour, type TSpecialTag, type TSupervisionCategory } from '@yingji/domain';

/**
 * Which demo firms the rules require graded beyond the seed's 98 hazardous-chemical production and storage firms, and
 * how. Hazardous-chemical firms are graded by the guide's score bands (60/75/90, DOMAIN.md §5, hazardous chemicals
 * only); fireworks, mines and the 工贸 firms carrying a 部令10号 tag get an initial grade from the bureau's sector table
 * (the product's 人工初始定级: a colour and its reason, no score). No bureau setting names the 工贸 categories to grade,
 * so the generator takes the firms the 工贸 major-hazard standard (部令10号) singles out by their tags.
 */
export const OTHER_HC_CATEGORIES = ['hc_trade', 'hc_use'] as const satisfies readonly TSupervisionCategory[];
export const INITIAL_GRADED_CATEGORIES = [
  'fw_production',
  'fw_wholesale',
  'fw_retail',
  'mine',
] as const satisfies readonly TSupervisionCategory[];
/** 工贸 firms with one of these tags are graded (部令10号: dust, ammonia refrigeration, confined spaces, molten metal …). */
export const WORKS_TAGS = [
  'dust_explosion',
  'ammonia_refrigeration',
  'confined_space',
  'molten_metal',
  'major_hazard_source',
] as const satisfies readonly TSpecialTag[];

/**
 * A score for a hazardous-chemical firm other than production and storage (trade without storage, use): most score
 * 80–98 (yellow and blue), about one in twelve falls in the orange band; `u`, `v` uniform in [0, 1).
 */
export function otherHcScore(u: number, v: number): number {
  const score = u < 0.08 ? 62 + v * 12.9 : u < 0.5 ? 75 + v * 14.9 : 90 + v * 9.5;
  return Math.round(score * 10) / 10;
}

/** The bureau's sector table: cumulative shares of red, orange, yellow (the rest blue) by what a firm is. */
const SECTOR_TABLE: { when: (c: TSupervisionCategory, tags: readonly TSpecialTag[]) => string | null; shares: [number, number, number] }[] =
  [
    { when: (c) => (c === 'fw_production' ? CATEGORY_LABELS[c] : null), shares: [0.05, 0.6, 0.95] },
    { when: (c) => (c === 'mine' ? CATEGORY_LABELS[c] : null), shares: [0.05, 0.5, 0.95] },
    { when: (c) => (c === 'fw_wholesale' ? `${CATEGORY_LABELS[c]}（专用仓库储存）` : null), shares: [0, 0.5, 1] },
    { when: (c) => (c === 'fw_retail' ? CATEGORY_LABELS[c] : null), shares: [0, 0.01, 0.25] },
    { when: (_c, t) => (t.includes('molten_metal') ? TAG_LABELS.molten_metal : null), shares: [0.02, 0.3, 0.85] },
    { when: (_c, t) => (t.includes('ammonia_refrigeration') ? TAG_LABELS.ammonia_refrigeration : null), shares: [0.02, 0.25, 0.85] },
    { when: (_c, t) => (t.includes('major_hazard_source') ? TAG_LABELS.major_hazard_source : null), shares: [0.02, 0.3, 0.85] },
    { when: (_c, t) => (t.includes('dust_explosion') ? TAG_LABELS.dust_explosion : null), shares: [0.01, 0.12, 0.7] },
    { when: (_c, t) => (t.includes('confined_space') ? TAG_LABELS.confined_space : null), shares: [0, 0.03, 0.4] },
  ];

const COLOUR_WORDS: Record<TRiskColour, string> = { red: '重大风险', orange: '较大风险', yellow: '一般风险', blue: '低风险' };

/** The initial grade of a firm outside hazardous chemicals, from the sector table; `u` uniform in [0, 1). */
export function initialGradeFor(
  category: TSupervisionCategory,
  tags: readonly TSpecialTag[],
  u: number,
): { colour: TRiskColour; reason: string } {
  for (const row of SECTOR_TABLE) {
    const what = row.when(category, tags);
    if (!what) continue;
    const [red, orange, yellow] = row.shares;
    const colour: TRiskColour = u < red ? 'red' : u < orange ? 'orange' : u < yellow ? 'yellow' : 'blue';
    return { colour, reason: `按行业风险分级表（${what}）定为${COLOUR_WORDS[colour]}` };
  }
  throw new Error(`initialGradeFor: ${category} 不在须定级的类别中`);
}
