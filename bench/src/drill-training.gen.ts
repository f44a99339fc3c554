import { addDaysToDate } from '@yingji/domain';
import { trainingSessions } from '../../server/src/db/schema';
import type { TRandom } from './prng';
import type { TDrillRun } from './drill-plans.gen';
import { ZHONGSHAN } from './drill-plans.data';

/** Splits `total` into `parts` whole numbers near `total / parts`, summing exactly to `total`. */
export function splitTotal(random: TRandom, total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const out = Array.from({ length: parts }, () => base);
  for (let i = 0; i < total - base * parts; i++) out[i % parts]! += 1;
  // move some people between sessions so they differ, keeping the sum and every count ≥ 1
  for (let i = 0; i + 1 < parts; i += 2) {
    const shift = random.int(0, Math.max(0, Math.min(out[i]!, out[i + 1]!) - 1) >> 1);
    out[i]! -= shift;
    out[i + 1]! += shift;
  }
  return out;
}

/**
 * Zhongshan's training sessions, rows summing to the seed's figures (§二(一)1, §二(三)3(7), §三): 1,300 officers in
 * 2024–2025, 2,601 sessions for 89,730 principal persons, about 750 town 三防 staff; and next year's planned session.
 * Returns how many were inserted.
 */
export async function insertTraining({ ctx, random, year, stamp }: TDrillRun): Promise<number> {
  const sessions: (typeof trainingSessions.$inferInsert)[] = [];
  const towns = ctx.divisions.towns.filter((t) => t.code.startsWith(ZHONGSHAN));
  const session = (
    s: Partial<typeof trainingSessions.$inferInsert> & Pick<typeof trainingSessions.$inferInsert, 'topic' | 'kind' | 'heldOn'>,
  ) => sessions.push({ mode: 'onsite', organiser: '中山市应急管理局', divisionCode: ZHONGSHAN, status: 'done', createdAt: stamp, ...s });
  // 近两年累计培训执法人员 1300 余人次: five districts (片区), 2024–2025
  const officerCounts = splitTotal(random, 1300, 40);
  officerCounts.forEach((n, i) =>
    session({
      topic: `执法业务片区培训（第${['一', '二', '三', '四', '五'][i % 5]}片区）`,
      kind: 'officer',
      heldOn: addDaysToDate('2024-01-08', i * 18),
      officers: n,
      passed: n - random.int(0, 2),
    }),
  );
  // 主要负责人专题安全教育培训 2601 次、89730 人次 (治本攻坚三年行动以来, from 2024)
  const principalCounts = splitTotal(random, 89_730, 2601);
  principalCounts.forEach((n, i) => {
    const town = towns[i % towns.length]!;
    session({
      topic: '生产经营单位主要负责人安全生产专题培训',
      kind: 'principal',
      heldOn: addDaysToDate('2024-01-15', Math.floor((i * 640) / 2601)),
      organiser: `${town.name}应急管理办公室`,
      divisionCode: town.code,
      mode: i % 7 === 0 ? 'online' : 'onsite',
      principals: n,
    });
  });
  // 2025 年 4 月，各镇街三防工作相关负责人约 750 人
  session({
    topic: '镇街三防工作业务培训',
    kind: 'sanfang',
    heldOn: '2025-04-16',
    organiser: '中山市三防指挥部办公室',
    sanfangStaff: 750,
    passed: 750,
  });
  // 市森林消防支队 3 次到五桂山、翠亨新区开展森林防灭火业务培训，约 100 人
  for (const [day, n, code] of [
    ['2025-02-20', 34, '442000006'],
    ['2025-02-27', 33, '442000006'],
    ['2025-03-06', 33, '442000008'],
  ] as const)
    session({
      topic: '森林防灭火业务培训（镇村）',
      kind: 'public',
      heldOn: day,
      organiser: '中山市森林消防支队',
      divisionCode: code,
      publicPeople: n,
    });
  // the year's planned sessions, for the calendar
  session({
    topic: '汛前三防业务培训',
    kind: 'sanfang',
    heldOn: `${year + 1}-04-10`,
    organiser: '中山市三防指挥部办公室',
    status: 'planned',
    sanfangStaff: 700,
  });
  for (let i = 0; i < sessions.length; i += ctx.batchSize)
    await ctx.db.insert(trainingSessions).values(sessions.slice(i, i + ctx.batchSize));
  return sessions.length;
}
