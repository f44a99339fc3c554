import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { TPolygon } from '@yingji/domain';
import { users } from './org';
import { ts } from './columns';

/** A high-point camera site (高点监控点): where its channels stand. */
export const fireSites = pgTable(
  'fire_sites',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The town the site stands in. */
    divisionCode: text('division_code').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    heightM: doublePrecision('height_m').notNull().default(0),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('fire_sites_code_idx').on(t.code), index('fire_sites_division_idx').on(sql`${t.divisionCode} text_pattern_ops`)],
);

/**
 * One camera channel (optical or thermal) of a site, with its current calibration copied from the latest
 * `fire_calibrations` row and its last heartbeat (the device's own report of power, network and camera).
 */
export const fireChannels = pgTable(
  'fire_channels',
  {
    id: serial('id').primaryKey(),
    siteId: integer('site_id')
      .notNull()
      .references(() => fireSites.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['optical', 'thermal'] }).notNull(),
    divisionCode: text('division_code').notNull(),
    headingDeg: doublePrecision('heading_deg').notNull(),
    fovDeg: doublePrecision('fov_deg').notNull(),
    rangeM: doublePrecision('range_m').notNull(),
    bearingOffsetDeg: doublePrecision('bearing_offset_deg').notNull().default(0),
    distanceOffsetM: doublePrecision('distance_offset_m').notNull().default(0),
    status: text('status', { enum: ['active', 'maintenance', 'retired'] })
      .notNull()
      .default('active'),
    lastHeartbeatAt: ts('last_heartbeat_at'),
    lastPower: text('last_power'),
    lastNetwork: text('last_network'),
    lastCamera: text('last_camera'),
    /** The open device alert's kind, mirrored from `fire_device_alerts` for the board and the workbench. */
    alertKind: text('alert_kind'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('fire_channels_code_idx').on(t.code), index('fire_channels_site_idx').on(t.siteId)],
);

/** A dated recalibration: alarms after `effective_at` use these offsets. */
export const fireCalibrations = pgTable(
  'fire_calibrations',
  {
    id: serial('id').primaryKey(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => fireChannels.id),
    effectiveAt: ts('effective_at').notNull(),
    bearingOffsetDeg: doublePrecision('bearing_offset_deg').notNull(),
    distanceOffsetM: doublePrecision('distance_offset_m').notNull(),
    note: text('note').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('fire_calibrations_channel_idx').on(t.channelId, t.effectiveAt)],
);

/** Maintenance of a site (镜头清洁、树枝修剪、维修、巡检). */
export const fireMaintenance = pgTable(
  'fire_maintenance',
  {
    id: serial('id').primaryKey(),
    siteId: integer('site_id')
      .notNull()
      .references(() => fireSites.id),
    channelId: integer('channel_id').references(() => fireChannels.id),
    divisionCode: text('division_code').notNull(),
    kind: text('kind', { enum: ['cleaning', 'trimming', 'repair', 'inspection'] }).notNull(),
    doneOn: date('done_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('fire_maintenance_site_idx').on(t.siteId, t.doneOn)],
);

/** A camera platform's API key: only its SHA-256 is kept; it may post for the channels listed. */
export const fireApiKeys = pgTable(
  'fire_api_keys',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    channelIds: integer('channel_ids').array().notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    revokedAt: ts('revoked_at'),
    revokedBy: integer('revoked_by').references(() => users.id),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [uniqueIndex('fire_api_keys_hash_idx').on(t.keyHash)],
);

/** A mask zone (屏蔽区): non-forest land or a known heat source; alarms inside are suppressed and counted here. */
export const fireMaskZones = pgTable('fire_mask_zones', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['non_forest', 'kiln', 'factory', 'farm', 'other'] }).notNull(),
  polygons: jsonb('polygons').$type<TPolygon[]>().notNull(),
  source: text('source', { enum: ['drawn', 'geojson'] }).notNull(),
  active: integer('active').notNull().default(1),
  suppressedCount: bigint('suppressed_count', { mode: 'number' }).notNull().default(0),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** A fire incident (火情事件): the alarms merged at one place and time, and the duty officer's handling. */
export const fireIncidents = pgTable(
  'fire_incidents',
  {
    id: serial('id').primaryKey(),
    divisionCode: text('division_code').notNull(),
    status: text('status', { enum: ['new', 'verified', 'false_alarm', 'dispatched', 'closed'] }).notNull(),
    longitude: doublePrecision('longitude').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    uncertaintyM: doublePrecision('uncertainty_m').notNull(),
    method: text('method', { enum: ['single', 'triangulated'] }).notNull(),
    /** The first sighting (site and corrected bearing) a second channel's bearing is crossed with. */
    anchorChannelId: integer('anchor_channel_id').notNull(),
    anchorLongitude: doublePrecision('anchor_longitude').notNull(),
    anchorLatitude: doublePrecision('anchor_latitude').notNull(),
    anchorBearingDeg: doublePrecision('anchor_bearing_deg'),
    firstSeenAt: ts('first_seen_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    alarmCount: integer('alarm_count').notNull(),
    channelIds: integer('channel_ids').array().notNull(),
    maxConfidence: doublePrecision('max_confidence'),
    openedAt: ts('opened_at').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    escalatedAt: ts('escalated_at'),
    escalatedTo: text('escalated_to'),
    verifiedAt: ts('verified_at'),
    verifiedBy: integer('verified_by').references(() => users.id),
    falseLabel: text('false_label'),
    verifyNote: text('verify_note'),
    dispatchedAt: ts('dispatched_at'),
    dispatchedBy: integer('dispatched_by').references(() => users.id),
    closedAt: ts('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
    outcome: text('outcome'),
    accidentId: integer('accident_id'),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull(),
    /**
     * The board's change stamp: every write of the module numbers its transaction max(change_seq) + 1 under the one
     * advisory lock of incident writes (fire-ingest.repo.ts `lockIncidentWrites`), so the numbers commit in their own
     * order and a board kept at N reads only the rows above N (fire-board.service.ts). 0: written outside the module.
     */
    changeSeq: bigint('change_seq', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index('fire_incidents_change_idx').on(t.changeSeq),
    index('fire_incidents_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.lastSeenAt.desc().nullsFirst()),
    index('fire_incidents_recent_idx').on(t.lastSeenAt),
    index('fire_incidents_updated_idx').on(t.updatedAt),
    // the incident list's order (newest first): a page reads its 20 rows instead of sorting the year's
    index('fire_incidents_first_seen_idx').on(t.firstSeenAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('fire_incidents_unacked_idx')
      .on(t.openedAt)
      .where(sql`${t.acknowledgedAt} IS NULL AND ${t.escalatedAt} IS NULL AND ${t.status} = 'new'`),
  ],
);

/**
 * Incidents by town, status and bureau month of their first sighting: the incident list's total, summed from a few
 * hundred rows instead of counted from the year's incidents. Kept in the writer's transaction by statement triggers
 * on fire_incidents (migration fire_incident_counts_s16), whatever path writes the incidents.
 */
export const fireIncidentCounts = pgTable(
  'fire_incident_counts',
  {
    divisionCode: text('division_code').notNull(),
    status: text('status').notNull(),
    /** 'YYYY-MM' of first_seen_at in Asia/Shanghai. */
    month: text('month').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ name: 'fire_incident_counts_pk', columns: [t.divisionCode, t.status, t.month] })],
);

/**
 * Alarms (and of them suppressed) by town and bureau day: the statistics' alarm counts, summed from a row per town and
 * day instead of counted from the year's alarms. Kept by statement triggers on fire_alarms (migration _s16).
 */
export const fireAlarmCounts = pgTable(
  'fire_alarm_counts',
  {
    divisionCode: text('division_code').notNull(),
    /** The bureau date (Asia/Shanghai) of the alarm's time. */
    day: date('day', { mode: 'string' }).notNull(),
    alarms: integer('alarms').notNull(),
    suppressed: integer('suppressed').notNull(),
  },
  (t) => [primaryKey({ name: 'fire_alarm_counts_pk', columns: [t.divisionCode, t.day] })],
);

/** One camera alarm as received; a suppressed one keeps the zone that suppressed it, nothing is deleted. */
export const fireAlarms = pgTable(
  'fire_alarms',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    channelId: integer('channel_id').notNull(),
    divisionCode: text('division_code').notNull(),
    at: ts('at').notNull(),
    bearingDeg: doublePrecision('bearing_deg'),
    box: jsonb('box'),
    reportedLongitude: doublePrecision('reported_longitude'),
    reportedLatitude: doublePrecision('reported_latitude'),
    distanceM: doublePrecision('distance_m'),
    confidence: doublePrecision('confidence'),
    imageRef: text('image_ref'),
    longitude: doublePrecision('longitude').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    correctedBearingDeg: doublePrecision('corrected_bearing_deg'),
    maskZoneId: integer('mask_zone_id'),
    incidentId: integer('incident_id'),
    receivedAt: ts('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('fire_alarms_external_idx').on(t.platform, t.externalId),
    index('fire_alarms_incident_idx').on(t.incidentId),
    // only suppressed alarms (about one in ten) are in it: the others need not pay for it on every insert
    index('fire_alarms_zone_idx')
      .on(t.maskZoneId, t.at)
      .where(sql`${t.maskZoneId} IS NOT NULL`),
    index('fire_alarms_channel_idx').on(t.channelId, t.at),
  ],
);

/** Who was told of an incident and when: the duty chief on escalation, the town and the brigade on dispatch. */
export const fireNotifications = pgTable(
  'fire_notifications',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => fireIncidents.id),
    kind: text('kind', { enum: ['escalation', 'dispatch'] }).notNull(),
    recipient: text('recipient').notNull(),
    phone: text('phone').notNull().default(''),
    at: ts('at').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
  },
  (t) => [index('fire_notifications_incident_idx').on(t.incidentId)],
);

/** A device alert: opened when a channel's heartbeats say (or its silence implies) trouble, cleared on return. */
export const fireDeviceAlerts = pgTable(
  'fire_device_alerts',
  {
    id: serial('id').primaryKey(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => fireChannels.id),
    divisionCode: text('division_code').notNull(),
    kind: text('kind', { enum: ['power_loss', 'network_loss', 'camera_fault', 'silent'] }).notNull(),
    openedAt: ts('opened_at').notNull(),
    clearedAt: ts('cleared_at'),
  },
  (t) => [
    index('fire_device_alerts_channel_idx').on(t.channelId, t.openedAt),
    index('fire_device_alerts_open_idx')
      .on(t.channelId)
      .where(sql`${t.clearedAt} IS NULL`),
  ],
);

/** The provincial forwarding outbox: written in the incident's transaction, delivered by the worker. */
export const fireOutbox = pgTable(
  'fire_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: integer('incident_id').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    lastError: text('last_error'),
    deliveredAt: ts('delivered_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('fire_outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('fire_outbox_status_idx').on(t.status, t.id),
  ],
);
