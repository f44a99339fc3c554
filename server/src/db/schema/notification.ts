import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './org';
import { ts } from './columns';

/**
 * The notification centre: one row per user and message, read or unread. `ref` names what it is about
 * (`hazard-due:12`); a reminder carries it so the same reminder reaches a user only once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    href: text('href'),
    ref: text('ref'),
    /** The module that sent it. */
    module: text('module').notNull(),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id.desc().nullsFirst()),
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`read_at IS NULL`),
    uniqueIndex('notifications_ref_uq')
      .on(t.userId, t.ref)
      .where(sql`ref IS NOT NULL`),
  ],
);

/**
 * A message to go out over SMS or a voice call through the gateway, with its state. A failed attempt is retried
 * at `next_attempt_at` until the gateway setting's attempts are spent, then the delivery is `failed`, never dropped.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel', { enum: ['sms', 'voice'] }).notNull(),
    /** The phone number. */
    address: text('address').notNull(),
    recipientName: text('recipient_name').notNull().default(''),
    message: text('message').notNull(),
    /** What it is about (`warning-recipient:12`). */
    ref: text('ref'),
    module: text('module').notNull(),
    /** The division it concerns, for scope. */
    divisionCode: text('division_code').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index('deliveries_ref_idx').on(t.ref),
    index('deliveries_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.id.desc().nullsFirst()),
  ],
);

/** Every attempt at a delivery, with its outcome and how long the gateway took. */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: integer('delivery_id').notNull(),
    at: ts('at').notNull(),
    outcome: text('outcome', { enum: ['sent', 'error', 'timeout'] }).notNull(),
    detail: text('detail').notNull().default(''),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('delivery_attempts_delivery_idx').on(t.deliveryId)],
);

/** Server secrets made at first start (the answer links' HMAC key); never sent to a client. */
export const serverSecrets = pgTable('server_secrets', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** Reminders already sent: (provider, ref) once, whoever received them. */
export const reminderLog = pgTable(
  'reminder_log',
  {
    id: serial('id').primaryKey(),
    provider: text('provider').notNull(),
    ref: text('ref').notNull(),
    sentAt: ts('sent_at').notNull(),
    recipients: integer('recipients').notNull(),
  },
  (t) => [uniqueIndex('reminder_log_uq').on(t.provider, t.ref)],
);
