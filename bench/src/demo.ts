import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { loadConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/client';
import { enterprises, users } from '../../server/src/db/schema';
import { startServer } from '../../server/src/server';
import { BENCH_ACCOUNTS, BENCH_DRAW_ACCOUNTS, BENCH_PASSWORD, generate } from './generate';
import { caseDemoLines } from './case.gen';
import { accidentDemoLines } from './accident.gen';
import { drillDemoLines } from './drill.gen';
import { resourcesDemoLines } from './resources.gen';
import { fireDemoLines } from './fire.gen';
import { findingsDemoLines } from './findings.gen';

/**
 * `npm run demo`: the server on generated Zhongshan data (city scale, the benchmark's seed) in its own
 * embedded database folder, `./data/demo` unless YINGJI_DATA_DIR says otherwise. Never a server database:
 * the demo accounts share one published password.
 */
const repoRoot = path.resolve(import.meta.dirname, '../..');
const env = { ...process.env, YINGJI_DATA_DIR: process.env.YINGJI_DATA_DIR ?? path.join(repoRoot, 'data/demo'), DATABASE_URL: '' };
if (process.env.DATABASE_URL) console.log('[demo] DATABASE_URL is ignored: the demo always uses its own embedded database.');

try {
  const config = loadConfig(env);
  let firmName = '';
  const database = await openDatabase({ dataDir: config.dataDir });
  try {
    await database.migrate();
    const [row] = await database.db.select({ n: count() }).from(users);
    if ((row?.n ?? 0) === 0) {
      const generated = await generate(database.db, { scale: 'city' });
      console.log(`[demo] generated ${JSON.stringify(generated.counts)} in ${generated.ms} ms`);
    } else {
      console.log(`[demo] using the existing demo data in ${config.dataDir}`);
    }
    const [firm] = await database.db
      .select({ name: enterprises.name })
      .from(users)
      .innerJoin(enterprises, eq(enterprises.id, users.enterpriseId))
      .where(eq(users.username, BENCH_ACCOUNTS.enterpriseUser));
    firmName = firm?.name ?? '';
  } finally {
    await database.close();
  }

  const server = await startServer(config);
  console.log(`[demo] accounts (password ${BENCH_PASSWORD} for all; demo only):`);
  console.log(`[demo]   ${BENCH_ACCOUNTS.cityAdmin}  市局管理员 (中山市)`);
  console.log(`[demo]   ${BENCH_ACCOUNTS.townOfficer}  镇街人员 (石岐街道)`);
  console.log(`[demo]   ${BENCH_DRAW_ACCOUNTS.officer}  市局执法人员 (抽查计划、检查记录、风险等级调整)`);
  console.log(`[demo]   ${BENCH_DRAW_ACCOUNTS.leader}  局领导 (审批计划、审批等级调整)`);
  if (firmName) console.log(`[demo]   ${BENCH_ACCOUNTS.enterpriseUser}  企业用户 (${firmName}，石岐街道：本企业隐患的上报和整改)`);
  const stop = async (signal: string) => {
    console.log(`[demo] ${signal}: stopping`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  for (const line of await caseDemoLines(server.database.db)) console.log(line);
  for (const line of await accidentDemoLines(server.database.db)) console.log(line);
  for (const line of await drillDemoLines(server.database.db)) console.log(line);
  for (const line of await resourcesDemoLines(server.database.db)) console.log(line);
  for (const line of await fireDemoLines(server.database.db)) console.log(line);
  for (const line of await findingsDemoLines(server.database.db)) console.log(line);
} catch (e) {
  console.error(`[demo] failed: ${(e as Error).message}`);
  process.exit(1);
}
