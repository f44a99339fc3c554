/**
 * What every module uses to tell people something: `core.notify` (built once in modules/index.ts over the
 * notification module's tables) and the manifest's `reminders` (scanned on a schedule by the notification module).
 *
 * Sending, inside the writer's transaction so a rolled-back change sends nothing:
 *
 *   await core.notify.send(tx, {
 *     module: 'hazard', kind: 'hazard.overdue', ref: `hazard-overdue:${id}`,   // ref: sent once per user
 *     to: { userIds: [officerId] },                                           // or { permission, divisionCode }
 *     title: '隐患整改已逾期', body: '…', href: `/hazards/${id}`,
 *   });
 *   await core.notify.message(tx, { module: 'warning', channel: 'sms', phone, name, text, ref, divisionCode });
 *
 * `send` puts a notification in each user's centre (unread, counted in the header, pushed live to open pages);
 * `message` queues an SMS or voice call through the configured gateway, retried and recorded attempt by attempt,
 * ending `sent` or `failed`, never dropped.
 *
 * Reminders: a manifest lists providers; every minute each provider's `due(db, now)` is asked and every reminder whose
 * (provider key, ref) was never sent is sent once through `send`.
 */
import type { TPermission } from '@yingji/domain';
import type { Db } from '../db/client';

/** Who gets a notification: named users, or every active user whose role holds the permission and whose scope covers the division. */
export type TNotifyTo = { userIds: readonly number[] } | { permission: TPermission; divisionCode: string };

export interface TNotifyInput {
  /** The sending module's name. */
  module: string;
  /** `hazard.due_soon`, `warning.call`: what the web groups and filters by. */
  kind: string;
  /** What it is about; a user gets a notification with the same ref once (repeats are ignored). */
  ref?: string;
  to: TNotifyTo;
  title: string;
  body?: string;
  /** The page that deals with it. */
  href?: string;
}

export interface TMessageInput {
  module: string;
  channel: 'sms' | 'voice';
  phone: string;
  name?: string;
  text: string;
  ref?: string;
  /** The division it concerns (the recipient's town), for scope of the delivery list. */
  divisionCode: string;
}

export interface TNotifier {
  /** In-app notifications; returns how many users got a new one. */
  send(tx: Db, input: TNotifyInput): Promise<number>;
  /** Queues SMS or voice messages (many in one statement); returns their delivery ids. */
  message(tx: Db, inputs: readonly TMessageInput[]): Promise<number[]>;
}

/** A reminder a provider finds due: sent once per (provider key, ref). */
export interface TReminder {
  ref: string;
  to: TNotifyTo;
  title: string;
  body: string;
  href: string;
}

export interface TReminderProvider {
  /** `hazard.due_in_3_days`: unique over the platform. */
  key: string;
  /** Chinese name, for the docs and the notification's kind. */
  title: string;
  /** The reminders due at `now` (indexed queries; those already sent are filtered out by the scanner). */
  due(db: Db, now: Date): Promise<TReminder[]>;
}

export interface TReminderRegistry {
  add(module: string, providers: readonly TReminderProvider[]): void;
  providers(): readonly (TReminderProvider & { module: string })[];
}

export function createReminderRegistry(): TReminderRegistry {
  const all: (TReminderProvider & { module: string })[] = [];
  return {
    add(module, providers) {
      for (const p of providers) {
        if (all.some((q) => q.key === p.key)) throw new Error(`reminder provider ${p.key} is registered twice`);
        all.push({ ...p, module });
      }
    },
    providers: () => all,
  };
}

/** Work a module runs on a schedule while the server runs (not in tests: they call the module's API). */
export interface TJob {
  name: string;
  everyMs: number;
  run(now: Date): Promise<void>;
}

/**
 * Runs jobs, each again `everyMs` after its previous run ended (never two runs of one job at once). A failing run is
 * logged and the job goes on. Returns the stop function, which waits for the runs under way.
 */
export function runJobs(jobs: readonly (TJob & { module: string })[], clock: () => Date, log: (line: string) => void): () => Promise<void> {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  for (const job of jobs) {
    const loop = async () => {
      if (stopped) return;
      const run = job.run(clock()).catch((e: Error) => log(`[yingji] ${job.module}: ${job.name} 失败：${e.message}`));
      running.add(run);
      await run;
      running.delete(run);
      if (!stopped) {
        const t = setTimeout(() => {
          timers.delete(t);
          void loop();
        }, job.everyMs);
        timers.add(t);
      }
    };
    void loop();
  }
  return async () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
    await Promise.all(running);
  };
}
