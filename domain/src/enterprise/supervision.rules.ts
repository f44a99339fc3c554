import type { TSupervisingLevel, TSupervisionCategory } from './enterprise.schema';

/**
 * The bureau's list of city and town powers (市镇两级执法权责清单), as a setting: which level supervises each
 * category. Default: hazardous-chemical production and storage, fireworks production and wholesale and
 * mines at the city; the rest at the towns (seed §二(一): 明确市镇两级执法权责清单).
 */
export const DEFAULT_POWERS: Record<TSupervisionCategory, TSupervisingLevel> = {
  hc_production: 'city',
  hc_trade_storage: 'city',
  hc_trade: 'town',
  hc_use: 'town',
  fw_production: 'city',
  fw_wholesale: 'city',
  fw_retail: 'town',
  mine: 'city',
  it_metallurgy: 'town',
  it_nonferrous: 'town',
  it_building: 'town',
  it_machinery: 'town',
  it_light: 'town',
  it_textile: 'town',
  it_tobacco: 'town',
  it_commerce: 'town',
  other: 'town',
};

export const supervisingLevel = (
  category: TSupervisionCategory,
  powers: Partial<Record<TSupervisionCategory, TSupervisingLevel>>,
): TSupervisingLevel => powers[category] ?? DEFAULT_POWERS[category];

/**
 * GB/T 4754-2017 code prefixes (major groups) → supervision category, shipped as editable data (the bureau's setting
 * `industryCategoryMap`). A firm that the regulator's feed adds gets the category of its longest matching prefix, or
 * 'other'. Each class code below is GB/T 4754-2017's own (DOMAIN.md §11, corrected): 2671 is 炸药及火工产品制造 and
 * 2672 焰火、鞭炮产品制造; 5162 石油及制品批发 and 5169 其他化工产品批发 are the hazardous-chemical trade (5166 is
 * 化肥批发); 5265 机动车燃油零售 is a filling station (an oil product under a 危险化学品经营许可证, with tanks), not
 * fireworks retail. Fireworks wholesale and retail have no class of their own: the regulator's feed names them.
 */
export const DEFAULT_INDUSTRY_MAP: { prefix: string; category: TSupervisionCategory }[] = [
  { prefix: '08', category: 'mine' },
  { prefix: '09', category: 'mine' },
  { prefix: '10', category: 'mine' },
  { prefix: '13', category: 'it_light' },
  { prefix: '14', category: 'it_light' },
  { prefix: '15', category: 'it_light' },
  { prefix: '16', category: 'it_tobacco' },
  { prefix: '17', category: 'it_textile' },
  { prefix: '18', category: 'it_textile' },
  { prefix: '19', category: 'it_light' },
  { prefix: '20', category: 'it_light' },
  { prefix: '21', category: 'it_light' },
  { prefix: '22', category: 'it_light' },
  { prefix: '23', category: 'it_light' },
  { prefix: '24', category: 'it_light' },
  { prefix: '26', category: 'hc_production' },
  // 民用爆炸物品 are supervised by the industry and information department (民用爆炸物品安全管理条例 art. 3), and are
  // outside the hazardous-chemical rules (危险化学品安全管理条例 art. 97): not the 26 group's hc_production
  { prefix: '2671', category: 'other' },
  { prefix: '2672', category: 'fw_production' },
  { prefix: '29', category: 'it_light' },
  { prefix: '30', category: 'it_building' },
  { prefix: '31', category: 'it_metallurgy' },
  { prefix: '32', category: 'it_nonferrous' },
  { prefix: '33', category: 'it_machinery' },
  { prefix: '34', category: 'it_machinery' },
  { prefix: '35', category: 'it_machinery' },
  { prefix: '36', category: 'it_machinery' },
  { prefix: '37', category: 'it_machinery' },
  { prefix: '38', category: 'it_machinery' },
  { prefix: '39', category: 'it_machinery' },
  { prefix: '40', category: 'it_machinery' },
  { prefix: '51', category: 'it_commerce' },
  { prefix: '52', category: 'it_commerce' },
  { prefix: '5162', category: 'hc_trade' },
  { prefix: '5169', category: 'hc_trade' },
  { prefix: '5265', category: 'hc_trade_storage' },
];

export function categoryForIndustry(
  industryCode: string | null,
  map: { prefix: string; category: TSupervisionCategory }[],
): TSupervisionCategory {
  if (!industryCode) return 'other';
  let best: { prefix: string; category: TSupervisionCategory } | undefined;
  for (const m of map) if (industryCode.startsWith(m.prefix) && (!best || m.prefix.length > best.prefix.length)) best = m;
  return best?.category ?? 'other';
}
