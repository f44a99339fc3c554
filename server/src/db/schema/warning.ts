import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, doublePrecision, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './org';
import { ts } from './columns';

/** Villages and communities (村居), a level below the towns: code = the town's 9 digits + 3. */
export const villages = pgTable(
  'villages',
  {
    code: text('code').primaryKey(),
    townCode: text('town_code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('villages_town_name_uq').on(t.townCode, t.name)],
);

/**
 * A post (岗位) on the warning chain: the city's, a town's or a village's. `division_code` is the town's code
 * (the city's for a city post) so town scope holds; a village post also names its village.
 */
export const warningPosts = pgTable(
  'warning_posts',
  {
    id: serial('id').primaryKey(),
    divisionCode: text('division_code').notNull(),
    villageCode: text('village_code'),
    level: text('level', { enum: ['city', 'town', 'village'] }).notNull(),
    title: text('title').notNull(),
    /** The town's leader on duty (带班领导): the last step of an escalation. */
    townLeader: boolean('town_leader').notNull().default(false),
    superiorId: integer('superior_id'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('warning_posts_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.id),
    uniqueIndex('warning_posts_title_uq').on(t.divisionCode, sql`coalesce(${t.villageCode}, '')`, t.title),
  ],
);

/** Who holds a post, with the phone the SMS and calls go to; an account when he has one (answers in the app). */
export const postHolders = pgTable(
  'post_holders',
  {
    id: serial('id').primaryKey(),
    postId: integer('post_id')
      .notNull()
      .references(() => warningPosts.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    userId: integer('user_id').references(() => users.id),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('post_holders_post_idx').on(t.postId)],
);

/** A warning (预警) as it stands now; every issue, update and lift is also a row of `warning_versions`. */
export const warnings = pgTable(
  'warnings',
  {
    id: serial('id').primaryKey(),
    /** The issuing body (the city). */
    divisionCode: text('division_code').notNull(),
    kind: text('kind').notNull(),
    level: text('level', { enum: ['blue', 'yellow', 'orange', 'red'] }).notNull(),
    areaAll: boolean('area_all').notNull(),
    towns: text('towns').array().notNull(),
    issuedAt: ts('issued_at').notNull(),
    expectedUntil: ts('expected_until'),
    text: text('text').notNull(),
    source: text('source', { enum: ['meteorological', 'bureau'] }).notNull(),
    attachment: text('attachment'),
    /** The site address the answer links point to (the address the bureau issued from). */
    linkBase: text('link_base').notNull(),
    state: text('state', { enum: ['active', 'lifted'] }).notNull(),
    version: integer('version').notNull().default(1),
    liftedAt: ts('lifted_at'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('warnings_issued_idx').on(t.issuedAt.desc().nullsFirst(), t.id.desc().nullsFirst())],
);

export const warningVersions = pgTable(
  'warning_versions',
  {
    id: serial('id').primaryKey(),
    warningId: integer('warning_id')
      .notNull()
      .references(() => warnings.id),
    version: integer('version').notNull(),
    action: text('action', { enum: ['issue', 'update', 'lift'] }).notNull(),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    areaAll: boolean('area_all').notNull(),
    towns: text('towns').array().notNull(),
    text: text('text').notNull(),
    expectedUntil: ts('expected_until'),
    actorName: text('actor_name').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [uniqueIndex('warning_versions_uq').on(t.warningId, t.version)],
);

/**
 * One person called for one version of a warning. `stage` 0 is the post's own holder, 1 the post's superior,
 * 2 the town's leader on duty; an escalated row points at the silent one it stands for.
 */
export const warningRecipients = pgTable(
  'warning_recipients',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    warningId: integer('warning_id').notNull(),
    version: integer('version').notNull(),
    postId: integer('post_id').notNull(),
    holderId: integer('holder_id'),
    userId: integer('user_id'),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    postTitle: text('post_title').notNull(),
    /** The town (or the city for a city post). */
    divisionCode: text('division_code').notNull(),
    villageCode: text('village_code'),
    stage: integer('stage').notNull().default(0),
    escalatedFrom: bigint('escalated_from', { mode: 'number' }),
    mode: text('mode', { enum: ['all', 'first'] }).notNull(),
    state: text('state', { enum: ['waiting', 'answered', 'escalated', 'covered', 'closed'] }).notNull(),
    sentAt: ts('sent_at').notNull(),
    repeats: integer('repeats').notNull().default(0),
    answeredAt: ts('answered_at'),
    answerNote: text('answer_note'),
    answeredVia: text('answered_via', { enum: ['link', 'app'] }),
    escalatedAt: ts('escalated_at'),
  },
  (t) => [
    index('warning_recipients_warning_idx').on(t.warningId, t.divisionCode, t.state),
    index('warning_recipients_post_idx').on(t.warningId, t.postId),
    index('warning_recipients_user_idx')
      .on(t.userId, t.state)
      .where(sql`user_id IS NOT NULL`),
  ],
);

/** The call-and-answer timers: persisted, so a restart resumes them; the scheduler reads due ones by index. */
export const warningTimers = pgTable(
  'warning_timers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recipientId: bigint('recipient_id', { mode: 'number' }).notNull(),
    warningId: integer('warning_id').notNull(),
    kind: text('kind', { enum: ['repeat', 'escalate'] }).notNull(),
    dueAt: ts('due_at').notNull(),
    firedAt: ts('fired_at'),
  },
  (t) => [
    index('warning_timers_due_idx')
      .on(t.dueAt)
      .where(sql`fired_at IS NULL`),
    index('warning_timers_recipient_idx').on(t.recipientId),
  ],
);

/** Every send, repeat, answer and escalation, timed: who was called, when, over which channel. */
export const warningLog = pgTable(
  'warning_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    warningId: integer('warning_id').notNull(),
    recipientId: bigint('recipient_id', { mode: 'number' }),
    divisionCode: text('division_code').notNull(),
    kind: text('kind', { enum: ['sent', 'repeated', 'escalated', 'answered', 'closed'] }).notNull(),
    channel: text('channel'),
    name: text('name').notNull().default(''),
    detail: text('detail').notNull().default(''),
    at: ts('at').notNull(),
  },
  (t) => [index('warning_log_warning_idx').on(t.warningId, t.id)],
);

/** A flood-season response (应急响应 IV→I): started, changed (a new row) and ended by the bureau. */
export const responseLevels = pgTable(
  'response_levels',
  {
    id: serial('id').primaryKey(),
    divisionCode: text('division_code').notNull(),
    level: text('level', { enum: ['IV', 'III', 'II', 'I'] }).notNull(),
    warningIds: integer('warning_ids').array().notNull(),
    reason: text('reason').notNull(),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at'),
    previousId: integer('previous_id'),
    actorName: text('actor_name').notNull(),
    /** Why it was ended or replaced by another level (raised or lowered). */
    endReason: text('end_reason'),
  },
  (t) => [index('response_levels_started_idx').on(t.startedAt.desc().nullsFirst())],
);

/** A consultation held (会商研判) under a response. */
export const consultations = pgTable(
  'consultations',
  {
    id: serial('id').primaryKey(),
    responseId: integer('response_id')
      .notNull()
      .references(() => responseLevels.id),
    heldAt: ts('held_at').notNull(),
    attendees: text('attendees').notNull(),
    conclusions: text('conclusions').notNull(),
    actorName: text('actor_name').notNull(),
    /** sha256 of the attached files (minutes, radar images), linked in the attachment module. */
    attachments: text('attachments').array().notNull().default([]),
  },
  (t) => [index('consultations_response_idx').on(t.responseId, t.heldAt)],
);

/** A waterlogging point (内涝水浸点) and its plan (一点一策). */
export const waterloggingPoints = pgTable(
  'waterlogging_points',
  {
    id: serial('id').primaryKey(),
    divisionCode: text('division_code').notNull(),
    name: text('name').notNull(),
    location: text('location').notNull(),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    responsiblePerson: text('responsible_person').notNull(),
    phone: text('phone').notNull(),
    pumps: integer('pumps').notNull().default(0),
    supplies: text('supplies').notNull().default(''),
    roadClosure: text('road_closure').notNull().default(''),
    evacuation: text('evacuation').notNull().default(''),
    /** The resources warehouse its supplies are pre-positioned in, if any (resource_warehouses.id). */
    warehouseId: integer('warehouse_id'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('waterlogging_points_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.id)],
);

/** A flooding at a point (history), or a 双三十 check recorded during heavy rain. */
export const waterloggingRecords = pgTable(
  'waterlogging_records',
  {
    id: serial('id').primaryKey(),
    pointId: integer('point_id')
      .notNull()
      .references(() => waterloggingPoints.id),
    kind: text('kind', { enum: ['flooding', 'check'] }).notNull(),
    warningId: integer('warning_id'),
    on: date('on', { mode: 'string' }).notNull(),
    at: ts('at').notNull(),
    depthCm: integer('depth_cm'),
    rainfallMm: integer('rainfall_mm'),
    /** A flooding's duration, from water standing to drained (minutes). */
    durationMinutes: integer('duration_minutes'),
    /** A check's action taken: the road closed (封路) and the people moved (转移人员). */
    roadsClosed: boolean('roads_closed').notNull().default(false),
    peopleMoved: integer('people_moved').notNull().default(0),
    note: text('note').notNull().default(''),
    actorName: text('actor_name').notNull(),
  },
  (t) => [
    index('waterlogging_records_point_idx').on(t.pointId, t.at.desc().nullsFirst()),
    // The checks a warning's page lists for the points in its area.
    index('waterlogging_records_warning_idx')
      .on(t.warningId, t.at)
      .where(sql`warning_id IS NOT NULL`),
  ],
);
