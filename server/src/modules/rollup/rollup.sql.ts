/**
 * The roll-ups' triggers and their rebuild, written once from one key per record table so that what the triggers
 * keep and what a rebuild computes cannot drift apart. The triggers are statement triggers with transition tables
 * (like the hazard and inspection counters of migrations 0005 and 0007): they run in the writer's transaction, so a
 * change and its counts commit or roll back together, whichever path wrote the rows (a service, an import, a
 * restore, the bench generators). They are installed at every migrate rather than in a migration because migrations
 * hold only what drizzle-kit generates; installing is idempotent (CREATE OR REPLACE) and rebuilds the counts when the
 * triggers were missing or their definition changed (`ROLLUP_VERSION`).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';

/** Bump when a key below changes: the next migrate rebuilds the counts under the new key. */
export const ROLLUP_VERSION = 'rollup v5';

interface TRollupSource {
  /** The table's key column, joining a statement's old and new rows. */
  id?: string;
  subject: 'hazard' | 'inspection' | 'case' | 'risk' | 'user';
  table: string;
  /** The key's six columns for a row aliased `r`: division_code, month, state, kind, category, due_month. */
  key: (r: string) => string;
}

export const ROLLUP_SOURCES: readonly TRollupSource[] = [
  {
    subject: 'hazard',
    table: 'hazards',
    key: (r) =>
      // A closed hazard's category is counted by hazard_counts already: leaving it out keeps a town-month to a few rows.
      `${r}.division_code, to_char(${r}.found_on, 'YYYY-MM'), ${r}.state, ${r}.level, ` +
      `CASE WHEN ${r}.state <> 'closed' THEN ${r}.category ELSE '' END, ` +
      `CASE WHEN ${r}.state IN ('found', 'ordered', 'rectifying') THEN to_char(${r}.deadline, 'YYYY-MM') ELSE '' END`,
  },
  {
    subject: 'inspection',
    table: 'inspections',
    // `unpublished`: a submitted result not yet published (一公开), for the workbench's publication-overdue count.
    key: (r) =>
      `${r}.division_code, to_char(${r}.inspected_on, 'YYYY-MM'), ${r}.status, ${r}.kind, ` +
      `CASE WHEN ${r}.status = 'submitted' AND ${r}.published_at IS NULL THEN 'unpublished' ELSE '' END, ''`,
  },
  {
    subject: 'case',
    table: 'cases',
    key: (r) => `${r}.division_code, coalesce(to_char(${r}.filed_on, 'YYYY-MM'), ''), ${r}.stage, ${r}.procedure, ${r}.source_kind, ''`,
  },
  {
    // A firm's grade (四色) by town and its firm's supervision category, for the risk distribution. The category is
    // the firm's, read when the grade row changes; a firm whose category changes moves its grade's count with it
    // (`rollup_risk_category` below). A graded firm cannot be deleted (the grade's foreign key).
    subject: 'risk',
    table: 'risk_grades',
    id: 'enterprise_id',
    key: (r) =>
      `${r}.division_code, '', ${r}.colour, '', ` +
      `coalesce((SELECT e.supervision_category FROM enterprises e WHERE e.id = ${r}.enterprise_id), ''), ''`,
  },
  {
    // Accounts by division, role (as the kind) and whether disabled (as the state): the user list's total. A sign-in
    // updates its account's row (the last sign-in), which moves no count.
    subject: 'user',
    table: 'users',
    key: (r) => `${r}.division_code, '', CASE WHEN ${r}.disabled THEN 'disabled' ELSE 'enabled' END, ${r}.role, '', ''`,
  },
];

const KEY_COLUMNS = 'division_code, month, state, kind, category, due_month';

const statements = (): string[] => {
  const out = [
    `DO $$ BEGIN
       CREATE TYPE rollup_change AS (division_code text, month text, state text, kind text, category text, due_month text, d integer);
     EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    // Sorted, so two writers touching the same counters lock them in the same order. The city counts are appended
    // to, never updated here (rollup_city_counts in the schema).
    `CREATE OR REPLACE FUNCTION rollup_apply(subj text, changes rollup_change[]) RETURNS void LANGUAGE sql AS $f$
       WITH agg AS (
         SELECT c.division_code, c.month, c.state, c.kind, c.category, c.due_month, sum(c.d)::int AS n
         FROM unnest(changes) c
         GROUP BY 1, 2, 3, 4, 5, 6
         HAVING sum(c.d) <> 0
       ),
       towns AS (
         INSERT INTO rollup_counts AS t (subject, ${KEY_COLUMNS}, n)
         SELECT subj, ${KEY_COLUMNS}, n FROM agg
         ORDER BY 2, 3, 4, 5, 6, 7
         ON CONFLICT (subject, ${KEY_COLUMNS}) DO UPDATE SET n = t.n + excluded.n
       )
       INSERT INTO rollup_count_deltas (subject, ${KEY_COLUMNS}, n)
       SELECT subj, left(division_code, 4), month, state, kind, category, due_month, sum(n) FROM agg GROUP BY 2, 3, 4, 5, 6, 7;
     $f$`,
  ];
  for (const s of ROLLUP_SOURCES) {
    const fn = `rollup_${s.subject}`;
    const row = (r: string, d: number) => `ROW(${s.key(r)}, ${d})::rollup_change`;
    const id = s.id ?? 'id';
    out.push(
      `CREATE OR REPLACE FUNCTION ${fn}_on_insert() RETURNS trigger LANGUAGE plpgsql AS $f$
       BEGIN
         PERFORM rollup_apply('${s.subject}', ARRAY(SELECT ${row('r', 1)} FROM new_rows r));
         RETURN NULL;
       END $f$`,
      `CREATE OR REPLACE FUNCTION ${fn}_on_delete() RETURNS trigger LANGUAGE plpgsql AS $f$
       BEGIN
         PERFORM rollup_apply('${s.subject}', ARRAY(SELECT ${row('r', -1)} FROM old_rows r));
         RETURN NULL;
       END $f$`,
      // Most updates change nothing counted: only rows whose key moved go old out, new in.
      `CREATE OR REPLACE FUNCTION ${fn}_on_update() RETURNS trigger LANGUAGE plpgsql AS $f$
       BEGIN
         PERFORM rollup_apply('${s.subject}', ARRAY(
           SELECT ${row('o', -1)} FROM old_rows o JOIN new_rows n ON n.${id} = o.${id}
           WHERE (${s.key('o')}) IS DISTINCT FROM (${s.key('n')})
           UNION ALL
           SELECT ${row('n', 1)} FROM new_rows n JOIN old_rows o ON o.${id} = n.${id}
           WHERE (${s.key('o')}) IS DISTINCT FROM (${s.key('n')})));
         RETURN NULL;
       END $f$`,
      `CREATE OR REPLACE TRIGGER ${fn}_insert AFTER INSERT ON ${s.table} REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION ${fn}_on_insert()`,
      `CREATE OR REPLACE TRIGGER ${fn}_delete AFTER DELETE ON ${s.table} REFERENCING OLD TABLE AS old_rows
         FOR EACH STATEMENT EXECUTE FUNCTION ${fn}_on_delete()`,
      `CREATE OR REPLACE TRIGGER ${fn}_update AFTER UPDATE ON ${s.table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION ${fn}_on_update()`,
    );
  }
  // A graded firm whose supervision category changes moves its grade from the old category's count to the new one's.
  out.push(
    `CREATE OR REPLACE FUNCTION rollup_risk_category_on_update() RETURNS trigger LANGUAGE plpgsql AS $f$
     BEGIN
       PERFORM rollup_apply('risk', ARRAY(
         SELECT ROW(g.division_code, '', g.colour, '', x.category, '', x.d)::rollup_change
         FROM risk_grades g, (VALUES (OLD.supervision_category, -1), (NEW.supervision_category, 1)) x (category, d)
         WHERE g.enterprise_id = NEW.id));
       RETURN NULL;
     END $f$`,
    `CREATE OR REPLACE TRIGGER rollup_risk_category AFTER UPDATE OF supervision_category ON enterprises
       FOR EACH ROW WHEN (OLD.supervision_category IS DISTINCT FROM NEW.supervision_category)
       EXECUTE FUNCTION rollup_risk_category_on_update()`,
  );
  return out;
};

/** Three triggers per source table, and the firms' category trigger of the risk counts. */
const TRIGGER_COUNT = ROLLUP_SOURCES.length * 3 + 1;

/** Recounts every roll-up from the records, and the city counts from them, in the caller's transaction (the repair: `yingji rollup-rebuild`). */
export async function rebuildRollups(tx: Db): Promise<void> {
  // The table is derived: a lock keeps a writer's trigger from adding to counts being recomputed underneath it.
  // (and the firms, whose supervision category the risk counts carry)
  for (const table of [...ROLLUP_SOURCES.map((s) => s.table), 'enterprises'])
    await tx.execute(sql.raw(`LOCK TABLE ${table} IN SHARE MODE`));
  await tx.execute(sql.raw('DELETE FROM rollup_counts'));
  for (const s of ROLLUP_SOURCES) {
    await tx.execute(
      sql.raw(
        `INSERT INTO rollup_counts (subject, ${KEY_COLUMNS}, n)
         SELECT '${s.subject}', ${KEY_COLUMNS}, count(*)::int
         FROM (SELECT ${s.key('r')} FROM ${s.table} r) k (${KEY_COLUMNS})
         GROUP BY ${KEY_COLUMNS}`,
      ),
    );
  }
  await tx.execute(sql.raw('DELETE FROM rollup_count_deltas'));
  await tx.execute(sql.raw('DELETE FROM rollup_city_counts'));
  await tx.execute(
    sql.raw(
      `INSERT INTO rollup_city_counts (subject, ${KEY_COLUMNS}, n)
       SELECT subject, left(division_code, 4), month, state, kind, category, due_month, sum(n)::int
       FROM rollup_counts GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    ),
  );
  await tx.execute(sql.raw(`COMMENT ON TABLE rollup_counts IS '${ROLLUP_VERSION}'`));
}

/**
 * Installs (or replaces) the roll-up triggers, in one transaction; recounts when they were not all there before or
 * the counts were made under another definition. Called by every migrate.
 */
export async function installRollups(db: Db): Promise<{ rebuilt: boolean }> {
  return db.transaction(async (tx) => {
    const [state] = await queryRows<{ triggers: number; version: string | null }>(
      tx,
      sql`SELECT (SELECT count(*)::int FROM pg_trigger WHERE tgname LIKE 'rollup\_%' AND NOT tgisinternal) AS "triggers",
                 obj_description('rollup_counts'::regclass, 'pg_class') AS "version"`,
    );
    for (const statement of statements()) await tx.execute(sql.raw(statement));
    const stale = state?.triggers !== TRIGGER_COUNT || state?.version !== ROLLUP_VERSION;
    if (stale) await rebuildRollups(tx);
    return { rebuilt: stale };
  });
}
