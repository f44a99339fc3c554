import { addDaysToDate, SUPERVISION_CATEGORIES, type TAccidentIndustry, type TAccidentType } from '@yingji/domain';
import type { TRandom } from './prng';

/**
 * The accident generator's plan: which town has an accident on which day, with how many deaths, in which industry.
 * Zhongshan's 2023, 2024 and Q1 2025 are calibrated to the seed's figures (see accident.gen.ts); other years are free.
 */
export const ZHONGSHAN = '4420';

export interface TPlanned {
  town: string;
  /** A bureau date. */
  date: string;
  deaths: number;
  industry: TAccidentIndustry;
}

const GONGMAO_TYPES: TAccidentType[] = [
  'machinery',
  'struck_by_object',
  'fall_from_height',
  'electrocution',
  'lifting',
  'poisoning_asphyxia',
  'scald',
];
export const TYPE_BY_INDUSTRY: Record<TAccidentIndustry, TAccidentType[]> = {
  工贸: GONGMAO_TYPES,
  危险化学品: ['fire', 'other_explosion', 'poisoning_asphyxia'],
  烟花爆竹: ['gunpowder_explosion'],
  非煤矿山: ['collapse', 'roof_fall'],
  建筑施工: ['fall_from_height', 'collapse', 'struck_by_object', 'lifting'],
  道路运输: ['vehicle'],
  其他: ['drowning', 'electrocution', 'fire', 'other_injury'],
};
const OTHER_INDUSTRIES: TAccidentIndustry[] = ['建筑施工', '建筑施工', '道路运输', '道路运输', '其他', '危险化学品'];

/** A random bureau date in [from, to]. */
const dateIn = (random: TRandom, from: string, to: string): string => {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return addDaysToDate(from, random.int(0, days));
};

/** Zhongshan's calibrated 2023, 2024 and Q1 2025 (see the module comment), on shuffled towns. */
export function calibratedPlan(random: TRandom, towns: string[]): TPlanned[] {
  const shuffled = [...towns].sort(() => random.next() - 0.5);
  const dd = shuffled.slice(0, 11);
  const rest = shuffled.slice(11, 23);
  const plan: TPlanned[] = [];
  const other = () => random.pick(OTHER_INDUSTRIES);
  // 2023: each 双下降 town 3 fatal accidents (33 / 33), the other 12 towns one each (7 fatal) → 45 / 40.
  // 工贸 2023 = 16 of the fatal ones in the 双下降 towns + 2 non-fatal ones elsewhere = 18 / 16.
  let gongmao23 = 0;
  for (const t of dd)
    for (let i = 0; i < 3; i++)
      plan.push({ town: t, date: dateIn(random, '2023-01-01', '2023-12-31'), deaths: 1, industry: gongmao23++ < 16 ? '工贸' : other() });
  rest.forEach((t, i) =>
    plan.push({ town: t, date: dateIn(random, '2023-01-01', '2023-12-31'), deaths: i < 7 ? 1 : 0, industry: i >= 10 ? '工贸' : other() }),
  );
  // 2024: each 双下降 town one fatal accident (11 / 11); the other towns 21 accidents, 17 fatal (never fewer than 2023).
  // 工贸 2024 = 7 / 6: three fatal in Q1, then three fatal and one non-fatal later in the year.
  dd.forEach((t, i) =>
    plan.push({
      town: t,
      date: i < 3 ? dateIn(random, '2024-01-01', '2024-03-31') : dateIn(random, '2024-04-01', '2024-12-31'),
      deaths: 1,
      industry: i < 6 ? '工贸' : other(),
    }),
  );
  let fatal24 = 0;
  rest.forEach((t, i) => {
    const n = i < 9 ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const deaths = fatal24 < 17 ? 1 : 0;
      fatal24 += deaths;
      const gongmao = deaths === 0 && k === 0 && i === 11;
      plan.push({
        town: t,
        date: dateIn(random, gongmao ? '2024-04-01' : '2024-01-01', '2024-12-31'),
        deaths,
        industry: gongmao ? '工贸' : other(),
      });
    }
  });
  // The one non-fatal 工贸 of 2024 must exist even if the last town drew a fatal pair: make sure of it.
  if (!plan.some((p) => p.date.startsWith('2024') && p.industry === '工贸' && p.deaths === 0)) {
    const p = plan.find((q) => q.date.startsWith('2024') && q.deaths === 0 && q.date >= '2024-04-01')!;
    p.industry = '工贸';
  }
  // Q1 2025: one fatal 工贸 accident; the rest of 2025's 工贸 after March.
  plan.push({ town: random.pick(towns), date: dateIn(random, '2025-01-01', '2025-03-31'), deaths: 1, industry: '工贸' });
  return plan;
}

/** A year outside the calibrated ones: about `perYear` accidents, one in three fatal, 工贸 not in Q1 of 2025. */
export function freePlan(
  random: TRandom,
  towns: string[],
  from: string,
  to: string,
  perYear: number,
  noGongmaoBefore?: string,
): TPlanned[] {
  const days = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  const n = Math.round((perYear * days) / 365);
  return Array.from({ length: n }, () => {
    const date = dateIn(random, from, to);
    const gongmao = random.chance(0.4) && !(noGongmaoBefore && date <= noGongmaoBefore);
    return {
      town: random.pick(towns),
      date,
      deaths: random.chance(0.35) ? random.int(1, 2) : 0,
      industry: gongmao ? '工贸' : random.pick(OTHER_INDUSTRIES),
    };
  });
}

/** Supervision category → its group (工贸, 危险化学品 …), to find a firm of an accident's industry. */
export const GROUP_OF = new Map(SUPERVISION_CATEGORIES.map((c) => [c.code as string, c.group as string]));
