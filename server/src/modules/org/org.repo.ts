import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { TUserListQuery } from '@yingji/domain';
import { queryRows, type Db } from '../../db/client';
import { departments, divisionHistory, divisions, enterprises, passwordHistory, sessions, users } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import { containsText } from '../../shared/keyword';
import { rollupCountSql } from '../rollup/rollup.repo';

export type TUserRow = typeof users.$inferSelect;
export type TUserInsert = typeof users.$inferInsert;

/** A user row with the names a page shows, never the password hash. */
const userView = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  divisionCode: users.divisionCode,
  divisionName: divisions.name,
  departmentId: users.departmentId,
  departmentName: departments.name,
  phone: users.phone,
  disabled: users.disabled,
  lockedUntil: users.lockedUntil,
  mustChangePassword: users.mustChangePassword,
  passwordChangedAt: users.passwordChangedAt,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  enterpriseId: users.enterpriseId,
  enterpriseName: enterprises.name,
};
export type TUserView = {
  [K in keyof typeof userView]: (typeof userView)[K]['_']['notNull'] extends true
    ? (typeof userView)[K]['_']['data']
    : (typeof userView)[K]['_']['data'] | null;
};

const viewQuery = (db: Db) =>
  db
    .select(userView)
    .from(users)
    .leftJoin(divisions, eq(divisions.code, users.divisionCode))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(enterprises, eq(enterprises.id, users.enterpriseId));

export async function findUserView(db: Db, id: number): Promise<TUserView | undefined> {
  const [row] = await viewQuery(db).where(eq(users.id, id));
  return row as TUserView | undefined;
}

export async function listUsers(db: Db, query: TUserListQuery, scope: string): Promise<{ items: TUserView[]; total: number }> {
  const where: (SQL | undefined)[] = [inScopeSql(users.divisionCode, scope)];
  if (query.q) {
    where.push(containsText([users.username, users.displayName], query.q));
  }
  if (query.role) where.push(eq(users.role, query.role));
  if (query.divisionCode) where.push(inScopeSql(users.divisionCode, query.divisionCode));
  if (query.disabled) where.push(eq(users.disabled, query.disabled === 'true'));
  const condition = and(...where);
  // Without a keyword the total is summed from the roll-up of accounts by division, role and state (a province's
  // 18,000 accounts were counted on every page); a keyword counts its matches.
  const totalSql = query.q
    ? sql<number>`(SELECT count(*)::int FROM ${users} WHERE ${condition})`
    : rollupCountSql({
        subject: 'user',
        scope,
        divisionCode: query.divisionCode,
        kind: query.role,
        states: query.disabled ? [query.disabled === 'true' ? 'disabled' : 'enabled'] : undefined,
      });
  const rows = await db
    .select({ ...userView, total: sql<number>`${totalSql}` })
    .from(users)
    .leftJoin(divisions, eq(divisions.code, users.divisionCode))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .where(condition)
    .orderBy(asc(users.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  // The total rides on the page as a scalar subquery (one round trip); a page past the end reads it alone.
  const total =
    rows.length > 0 ? Number(rows[0]!.total) : Number((await queryRows<{ n: number }>(db, sql`SELECT ${totalSql} AS n`))[0]?.n ?? 0);
  return { items: rows.map(({ total: _t, ...u }) => u) as TUserView[], total };
}

export async function findUserByUsername(db: Db, username: string): Promise<TUserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

/** A firm as an enterprise user's account needs it: its town. */
export async function findEnterpriseTown(db: Db, id: number): Promise<{ id: number; name: string; divisionCode: string } | undefined> {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name, divisionCode: enterprises.divisionCode })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  return row;
}

export async function findUser(db: Db, id: number): Promise<TUserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertUser(db: Db, values: TUserInsert): Promise<TUserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function updateUser(db: Db, id: number, values: Partial<TUserInsert>): Promise<void> {
  await db.update(users).set(values).where(eq(users.id, id));
}

export const countUsers = async (db: Db): Promise<number> => (await db.select({ n: count() }).from(users))[0]?.n ?? 0;

export async function recentPasswordHashes(db: Db, userId: number, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.id))
    .limit(limit);
  return rows.map((r) => r.hash);
}

export async function addPasswordHistory(db: Db, userId: number, passwordHash: string, at: string): Promise<void> {
  await db.insert(passwordHistory).values({ userId, passwordHash, createdAt: at });
}

// Sessions

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

const sessionQuery = (db: Db) =>
  db
    // what a request needs of its session and user: never the password's hash (a resolved session is kept in memory)
    .select({
      session: { lastSeenAt: sessions.lastSeenAt, previousLoginAt: sessions.previousLoginAt },
      user: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        divisionCode: users.divisionCode,
        disabled: users.disabled,
        mustChangePassword: users.mustChangePassword,
        passwordChangedAt: users.passwordChangedAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('find_session');
// Every request looks its session up: the statement is built once per database, not per request.
const preparedSessions = new WeakMap<Db, ReturnType<typeof sessionQuery>>();

export async function findSession(db: Db, id: string) {
  let prepared = preparedSessions.get(db);
  if (!prepared) preparedSessions.set(db, (prepared = sessionQuery(db)));
  const [row] = await prepared.execute({ id });
  return row;
}

export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(db: Db, userId: number, exceptId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(exceptId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptId}`) : eq(sessions.userId, userId));
}

// Departments

/** Departments inside the scope and those of the bodies above it (a town sees the bureau's 科室, not another town's). */
export const listDepartments = (db: Db, scope: string) =>
  db
    .select({ id: departments.id, name: departments.name, divisionCode: departments.divisionCode })
    .from(departments)
    .where(or(inScopeSql(departments.divisionCode, scope), sql`${scope} LIKE ${departments.divisionCode} || '%'`))
    .orderBy(asc(departments.divisionCode), asc(departments.id));

export async function findDepartment(db: Db, id: number) {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  return row;
}

export async function findDepartmentByName(db: Db, divisionCode: string, name: string) {
  const [row] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.divisionCode, divisionCode), eq(departments.name, name)));
  return row;
}

export async function insertDepartment(db: Db, values: { name: string; divisionCode: string }) {
  const [row] = await db
    .insert(departments)
    .values(values)
    .returning({ id: departments.id, name: departments.name, divisionCode: departments.divisionCode });
  return row!;
}

// Divisions

export const listDivisions = (db: Db, scope: string) =>
  db.select().from(divisions).where(inScopeSql(divisions.code, scope)).orderBy(asc(divisions.code));

export async function findDivision(db: Db, code: string) {
  const [row] = await db.select().from(divisions).where(eq(divisions.code, code));
  return row;
}

/**
 * A body's name and, only when another town has the same short name (天河区新塘街道, 增城区新塘镇), its parent's (the district,
 * else the city) name, which domain `bodyAbbreviation` puts in front of its 机关代字 so their document numbers never read alike.
 * The level words stripped are those of `shortDivisionName`.
 */
export async function bodyNaming(db: Db, code: string): Promise<{ name: string | null; qualifier: string | null }> {
  const short = (name: SQL) => sql`regexp_replace(${name}, '(市|镇|街道|区|县|乡)$', '')`;
  const [row] = await queryRows<{ name: string; qualifier: string | null }>(
    db,
    sql`SELECT d.name,
          CASE WHEN d.level = 'town' AND EXISTS (
            SELECT 1 FROM ${divisions} o WHERE o.level = 'town' AND o.code <> d.code AND ${short(sql`o.name`)} = ${short(sql`d.name`)})
          THEN (SELECT p.name FROM ${divisions} p WHERE p.code = d.parent_code)
          END AS "qualifier"
        FROM ${divisions} d WHERE d.code = ${code}`,
  );
  return { name: row?.name ?? null, qualifier: row?.qualifier ?? null };
}

export const countDivisions = async (db: Db, codes: string[]): Promise<number> =>
  codes.length === 0 ? 0 : ((await db.select({ n: count() }).from(divisions).where(inArray(divisions.code, codes)))[0]?.n ?? 0);

export async function upsertDivisions(db: Db, rows: (typeof divisions.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(divisions)
    .values(rows)
    .onConflictDoUpdate({
      target: divisions.code,
      set: { name: sql`excluded.name`, level: sql`excluded.level`, parentCode: sql`excluded.parent_code` },
    });
}

export const listDivisionHistory = (db: Db, scope: string) =>
  db.select().from(divisionHistory).where(inScopeSql(divisionHistory.newCode, scope)).orderBy(asc(divisionHistory.id));

export async function replaceDivisionHistory(db: Db, cityCode: string, rows: (typeof divisionHistory.$inferInsert)[]): Promise<void> {
  await db.delete(divisionHistory).where(inScopeSql(divisionHistory.newCode, cityCode));
  if (rows.length > 0) await db.insert(divisionHistory).values(rows);
}
