import path from 'node:path';
import { scheduleAnalyze } from './db/analyze-schedule';
import { openDatabase, type TDatabase } from './db/client';
import { sqlTraceLogger } from './db/sql-trace';
import { buildApp, type TApp } from './http/app';
import type { TConfig } from './config';
import { runJobs } from './kit/notify';
import { systemClock } from './shared/context';

export interface TRunningServer extends TApp {
  url: string;
  database: TDatabase;
  close(): Promise<void>;
}

/** config -> database (locked, migrated, analysed) -> divisions and first admin -> modules -> listen. */
export async function startServer(config: TConfig, log: (line: string) => void = console.log): Promise<TRunningServer> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    worker: config.pgliteWorker,
    ...(config.sqlTraceFile ? { logger: sqlTraceLogger } : {}),
  });
  try {
    await database.migrate();
    const built = await buildApp({
      database,
      logLevel: config.logLevel === 'silent' ? false : config.logLevel,
      trustProxy: config.trustProxy,
      webDist: config.webDist,
      filesDir: path.join(config.dataDir, 'files'),
      ...(config.sqlTraceFile ? { sqlTraceFile: config.sqlTraceFile } : {}),
    });
    await built.services.modules.org.users.ensureDivisions(config.cityCode);
    // Each module's start: the reference data it ships (inspection catalogue, case violations) added when missing.
    await built.services.start();
    const adminPassword = await built.services.modules.org.users.ensureAdmin(config.cityCode);
    if (adminPassword) {
      log(`[yingji] 首次启动：已创建管理员账号 admin，一次性密码（只显示这一次）：${adminPassword}`);
      log('[yingji] 请用它登录并立即修改密码。');
    }
    const address = await built.app.listen({ port: config.port, host: config.host });
    // Scheduled work (SMS dispatch, reminders, call-and-answer timers), stopped before the database closes.
    const stopJobs = runJobs(built.services.jobs, systemClock, log);
    const port = new URL(address).port;
    const url = `http://localhost:${port}`;
    const engine = database.thread ? '内置 PGlite，独立线程' : '内置 PGlite';
    log(`[yingji] 数据库：${database.kind === 'pglite' ? `${engine}（${config.dataDir}）` : 'PostgreSQL 服务器'}`);
    log(`[yingji] Yingji 已启动：${url}`);
    const analyzing = scheduleAnalyze(database, { log });
    return {
      ...built,
      url,
      database,
      close: async () => {
        await stopJobs();
        await built.app.close();
        await analyzing.stop();
        await database.close();
      },
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}
