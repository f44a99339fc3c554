import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { getTableName, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { analyze, queryRows, type Db } from './client';
import * as schema from './schema/index';

/** Every table, parents before children; a test checks that the schema has no table missing here. */
export const BACKUP_TABLES: PgTable[] = [
  schema.divisions,
  schema.divisionHistory,
  schema.departments,
  schema.users,
  schema.passwordHistory,
  schema.sessions,
  schema.settings,
  schema.enterprises,
  schema.licences,
  schema.enterpriseEvents,
  schema.importSources,
  schema.importBatches,
  schema.enterpriseTransfers,
  schema.attachments,
  schema.attachmentRefs,
  schema.inspectionItems,
  schema.checklists,
  schema.checklistItems,
  schema.inspectors,
  schema.inspectorConflicts,
  schema.inspectionPlans,
  schema.draws,
  schema.drawTargets,
  schema.inspections,
  schema.inspectionInspectors,
  schema.inspectionAnswers,
  schema.findings,
  schema.campaigns,
  schema.hazards,
  schema.hazardCampaigns,
  schema.hazardTransitions,
  schema.hazardExtensions,
  schema.hazardOrderSequences,
  schema.supervisions,
  schema.supervisionActions,
  schema.riskGrades,
  schema.riskGradeHistory,
  schema.riskProposals,
  schema.riskEvents,
  schema.caseViolations,
  schema.caseDiscretionBands,
  schema.cases,
  schema.caseOfficers,
  schema.casePenalties,
  schema.caseEvidence,
  schema.caseEvents,
  schema.caseDocumentSequences,
  schema.caseDocuments,
  schema.casePayments,
  schema.caseExtensions,
  schema.caseReviewRounds,
  schema.caseReviewFiles,
  schema.caseReviewProblems,
  schema.accidents,
  schema.accidentCasualtyChanges,
  schema.accidentFindings,
  schema.dutyAssignments,
  schema.dutySwaps,
  schema.dutyLog,
  // the modules of issues 17–21, each parent before its children
  schema.responseLevels,
  schema.consultations,
  schema.deliveries,
  schema.deliveryAttempts,
  schema.emergencyPlans,
  schema.drills,
  schema.drillTasks,
  schema.emergencyPlanVersions,
  schema.findingRounds,
  schema.findingItems,
  schema.findingMeasures,
  schema.findingProgress,
  schema.fireAlarms,
  schema.fireApiKeys,
  schema.fireSites,
  schema.fireChannels,
  schema.fireCalibrations,
  schema.fireDeviceAlerts,
  schema.fireIncidents,
  schema.fireMaintenance,
  schema.fireMaskZones,
  schema.fireNotifications,
  schema.fireOutbox,
  schema.notifications,
  schema.warningPosts,
  schema.postHolders,
  schema.reminderLog,
  schema.resourceItems,
  schema.resourceWarehouses,
  schema.resourceLoans,
  schema.resourceLoanLines,
  schema.resourceLoanReturns,
  schema.resourceReceipts,
  schema.resourceLots,
  schema.resourceMinimums,
  schema.resourceMovements,
  schema.resourceStocktakes,
  schema.resourceStocktakeLines,
  schema.serverSecrets,
  schema.shelters,
  schema.trainingSessions,
  schema.trainingAttendees,
  schema.villages,
  schema.warningLog,
  schema.warningRecipients,
  schema.warningTimers,
  schema.warnings,
  schema.warningVersions,
  schema.waterloggingPoints,
  schema.waterloggingRecords,
  schema.auditLog,
  schema.auditHead,
  schema.findingReports,
  schema.findingReportFeedback,
  schema.floodCheckRounds,
  schema.floodCheckResults,
  schema.emergencyPlanResources,
];

/** Tables derived from others by triggers: not backed up, emptied on restore and rebuilt as rows go in. */
export const DERIVED_TABLES: PgTable[] = [
  schema.enterpriseCounts,
  schema.enterpriseCityCounts,
  schema.enterpriseCountDeltas,
  schema.inspectionCounts,
  schema.inspectionCityCounts,
  schema.inspectionCountDeltas,
  schema.inspectionFirmCounts,
  schema.inspectionFirmCityCounts,
  schema.inspectionFirmCityDeltas,
  schema.inspectionFirmMovers,
  schema.inspectionFirmPeriods,
  schema.hazardCounts,
  schema.hazardTownMonths,
  schema.hazardCityMonths,
  schema.hazardCityMonthDeltas,
  schema.rollupCounts,
  schema.rollupCityCounts,
  schema.rollupCountDeltas,
  schema.resourceStock,
  schema.fireIncidentCounts,
  schema.fireAlarmCounts,
];

const FORMAT = 'yingji-backup';
const CHUNK = 1000;

interface THeader {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  migrations: number;
  tables: string[];
}

const appliedMigrations = async (db: Db): Promise<number> => {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
  return Number(row?.n ?? 0);
};

/**
 * Writes a logical backup: gzip'd JSON lines, one header then chunks of rows as PostgreSQL renders them
 * (row_to_json), so timestamps keep their microseconds and the same file restores into PGlite or a server.
 */
export async function backupTo(db: Db, file: string, now: Date): Promise<{ tables: Record<string, number> }> {
  const counts: Record<string, number> = {};
  const tables = BACKUP_TABLES.map(getTableName);
  const migrations = await appliedMigrations(db);
  async function* lines() {
    const header: THeader = { format: FORMAT, version: 1, createdAt: now.toISOString(), migrations, tables };
    yield `${JSON.stringify(header)}\n`;
    // One snapshot for the whole dump (REPEATABLE READ), so rows written meanwhile do not tear it.
    const chunks: string[] = [];
    await db.transaction(
      async (tx) => {
        for (const table of BACKUP_TABLES) {
          const name = getTableName(table);
          // Keyset paging on the primary key (one column or several): each chunk costs the same however far in it is.
          const config = getTableConfig(table);
          const single = config.columns.find((c) => c.primary);
          const keyNames = single ? [single.name] : (config.primaryKeys[0]?.columns.map((c) => c.name) ?? []);
          if (keyNames.length === 0) throw new Error(`table ${name} has no primary key to page a backup by`);
          const keyList = sql.join(
            keyNames.map((k) => sql`t.${sql.identifier(k)}`),
            sql`, `,
          );
          counts[name] = 0;
          let last: unknown[] | null = null;
          for (;;) {
            const after: ReturnType<typeof sql> =
              last === null
                ? sql``
                : sql`WHERE (${keyList}) > (${sql.join(
                    last.map((v) => sql`${v}`),
                    sql`, `,
                  )})`;
            const result = await queryRows<{ j: string; k: unknown[] }>(
              tx,
              sql`SELECT row_to_json(t)::text AS j, json_build_array(${keyList}) AS k FROM ${sql.identifier(name)} t ${after} ORDER BY ${keyList} LIMIT ${CHUNK}`,
            );
            if (result.length === 0) break;
            counts[name] += result.length;
            last = result[result.length - 1]!.k;
            chunks.push(`{"table":${JSON.stringify(name)},"rows":[${result.map((r) => r.j).join(',')}]}\n`);
            if (result.length < CHUNK) break;
          }
        }
      },
      { isolationLevel: 'repeatable read' },
    );
    yield* chunks;
  }
  await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(file));
  return { tables: counts };
}

const insertableColumns = async (db: Db, table: string): Promise<string[]> =>
  (
    await queryRows<{ column_name: string }>(
      db,
      sql`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    )
  ).map((r) => r.column_name);

/**
 * Replaces every table's rows with the backup's, in one transaction: the database is either the backup or
 * unchanged. The schema must already be migrated at least as far as the backup's. `onTable` hears of each table once
 * its rows are written (not yet committed), for a progress display.
 */
export async function restoreFrom(
  db: Db,
  file: string,
  onTable: (table: string, rows: number) => void = () => {},
): Promise<{ tables: Record<string, number>; header: THeader }> {
  const input = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = input[Symbol.asyncIterator]();
  let header: THeader;
  try {
    const first = await iterator.next();
    header = JSON.parse(first.value ?? '') as THeader;
  } catch {
    throw new Error(`${file} 不是 Yingji 备份文件（无法读取文件头）`);
  }
  if (header.format !== FORMAT || header.version !== 1) throw new Error(`${file} 不是 Yingji 备份文件`);
  const migrations = await appliedMigrations(db);
  if (header.migrations > migrations) {
    throw new Error(`备份来自更新的版本（${header.migrations} 个迁移，本程序只有 ${migrations} 个），请先升级 Yingji`);
  }
  const known = new Set(BACKUP_TABLES.map(getTableName));
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    const all = [...known, ...DERIVED_TABLES.map(getTableName)];
    await tx.execute(sql.raw(`TRUNCATE ${all.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`));
    let previous: string | undefined;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!next.value.trim()) continue;
      const chunk = JSON.parse(next.value) as { table: string; rows: unknown[] };
      if (!known.has(chunk.table)) throw new Error(`备份中有未知的表 ${chunk.table}`);
      if (previous !== undefined && previous !== chunk.table) onTable(previous, counts[previous] ?? 0);
      previous = chunk.table;
      const table = sql.identifier(chunk.table);
      // Generated columns (enterprises.city_code) are computed again, never inserted.
      const columns = sql.join(
        (await insertableColumns(tx, chunk.table)).map((c) => sql.identifier(c)),
        sql`, `,
      );
      await tx.execute(
        sql`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${table}, ${JSON.stringify(chunk.rows)}::json)`,
      );
      counts[chunk.table] = (counts[chunk.table] ?? 0) + chunk.rows.length;
    }
    if (previous !== undefined) onTable(previous, counts[previous] ?? 0);
    // Serial columns continue after the restored ids.
    const serials = await queryRows<{ table_name: string; column_name: string }>(
      tx,
      sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
    );
    for (const { table_name: name, column_name: column } of serials) {
      if (!known.has(name)) continue;
      const t = sql.identifier(name);
      const c = sql.identifier(column);
      await tx.execute(
        sql`SELECT setval(pg_get_serial_sequence(${`"${name}"`}, ${column}), COALESCE((SELECT max(${c}) FROM ${t}), 1), (SELECT count(*) > 0 FROM ${t}))`,
      );
    }
  });
  // Restored tables carry no planner statistics (PGlite has no autovacuum to gather them later).
  await analyze(db);
  return { tables: counts, header };
}
