import { sql } from 'drizzle-orm';
import { analyze, type TDatabase } from './client';

export interface TAnalyzeScheduleOptions {
  /** ANALYZE at least this often while anything was written (default 6 hours). */
  everyMs?: number;
  /** How often the rows written are looked at (default 5 minutes). */
  checkMs?: number;
  /** Rows written that make a day's first burst of work (default 1000): the morning's entries get statistics at once. */
  burstRows?: number;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface TAnalyzeSchedule {
  /** Stops the timer and waits for an ANALYZE under way. */
  stop(): Promise<void>;
}

const HOUR = 3_600_000;

/**
 * Tables every write updates in place (the roll-ups' counters): with no autovacuum their dead row versions pile up when
 * many changes to one counter commit together (an import, a generator), and reads wade through them — 678 pages for
 * 7,562 rows on the generated city, 35 after one VACUUM. Vacuumed with each scheduled ANALYZE.
 */
const HOT_TABLES = [
  'rollup_counts',
  'rollup_city_counts',
  'rollup_count_deltas',
  'inspection_counts',
  'inspection_city_counts',
  'inspection_count_deltas',
  'inspection_firm_city_counts',
  'inspection_firm_city_deltas',
  'hazard_city_months',
  'hazard_city_month_deltas',
  'enterprise_city_counts',
  'enterprise_count_deltas',
] as const;

async function vacuumHotTables(database: TDatabase): Promise<void> {
  for (const table of HOT_TABLES) await database.db.execute(sql.raw(`VACUUM ${table}`));
}
const shanghaiDay = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/**
 * PGlite has no autovacuum, so nothing else keeps the embedded database's planner statistics current: this runs
 * ANALYZE (and VACUUM of the counters, HOT_TABLES) every `everyMs` when rows were written, and once a day as soon as that day's writes reach `burstRows`. A
 * PostgreSQL server analyses by itself; there the schedule does nothing. The timer never keeps the process alive.
 * Rows written are counted only when the database runs in its worker thread; on the server's thread the schedule
 * analyses every `everyMs`.
 */
export function scheduleAnalyze(database: TDatabase, options: TAnalyzeScheduleOptions = {}): TAnalyzeSchedule {
  if (database.kind !== 'pglite') return { stop: async () => {} };
  const { everyMs = 6 * HOUR, checkMs = HOUR / 12, burstRows = 1000, now = () => new Date(), log = () => {} } = options;
  const thread = database.thread;
  let lastRun = now().getTime();
  let rows = 0;
  let burstDay: string | undefined;
  let running: Promise<void> | undefined;

  const check = () => {
    if (running) return;
    rows += thread?.takeRowsWritten() ?? 0;
    const at = now();
    const day = shanghaiDay(at);
    const burst = thread !== undefined && rows >= burstRows && burstDay !== day;
    const due = at.getTime() - lastRun >= everyMs && (rows > 0 || thread === undefined);
    if (!burst && !due) return;
    const written = rows;
    running = analyze(database.db)
      .then(() => vacuumHotTables(database))
      .then(() => {
        lastRun = at.getTime();
        rows = 0;
        if (burst) burstDay = day;
        log(`[yingji] 已更新内置数据库的查询统计（ANALYZE，此前写入 ${written} 行）`);
      })
      .catch((e: unknown) => log(`[yingji] 更新查询统计失败：${(e as Error).message}`))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(check, checkMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
