import path from 'node:path';
import { z } from 'zod';

const ZConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Only this machine unless told: a bureau that serves its network sets HOST=0.0.0.0 (or the interface's address).
  HOST: z.string().default('127.0.0.1'),
  YINGJI_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须是 postgres:// 或 postgresql:// 开头的连接串')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  YINGJI_CITY_CODE: z
    .string()
    .regex(/^\d{4}$/, 'YINGJI_CITY_CODE 必须是 4 位城市代码，例如 4420（中山市）')
    .default('4420'),
  YINGJI_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** 1 (default): the embedded database runs in a worker thread; 0: on the server's own thread, as before. */
  YINGJI_PGLITE_WORKER: z.enum(['0', '1']).default('1'),
  YINGJI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Bench only: a file the SQL of requests that ask for it is written to (db/sql-trace.ts). Unset in production. */
  YINGJI_SQL_TRACE: z.string().min(1).optional(),
});

export interface TConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  cityCode: string;
  trustProxy: boolean;
  logLevel: string;
  webDist: string;
  /** Run the embedded database in a worker thread (YINGJI_PGLITE_WORKER, default on). */
  pgliteWorker: boolean;
  /** YINGJI_SQL_TRACE: where traced requests' SQL goes (the bench's raw-SQL comparison), if anywhere. */
  sqlTraceFile: string | undefined;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The only reader of the environment: parsed once at start, failing fast with the variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const parsed = ZConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`配置错误：环境变量 ${String(issue.path[0])}：${issue.message}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.YINGJI_DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    cityCode: c.YINGJI_CITY_CODE,
    trustProxy: c.YINGJI_TRUST_PROXY === 'true',
    logLevel: c.YINGJI_LOG_LEVEL,
    webDist: path.join(repoRoot, 'web/dist'),
    pgliteWorker: c.YINGJI_PGLITE_WORKER === '1',
    sqlTraceFile: c.YINGJI_SQL_TRACE ? path.resolve(c.YINGJI_SQL_TRACE) : undefined,
  };
}
