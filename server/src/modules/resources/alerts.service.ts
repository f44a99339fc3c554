/**
 * Alerts of the resources module: below minimum, expiring within the setting's days, expired, maintenance due and
 * loans overdue, listed by warehouse and counted by kind and by town, all from one statement (alerts.repo.ts). The
 * list is kept while nothing changed (kit/snapshot-cache.ts `createKeptJson`); the workbench's counts are kept by the workbench.
 */
import {
  ALERT_KINDS,
  addDaysToDate,
  minimumLabel,
  resourcesEndpoints,
  type TAlert,
  type TAlertKind,
  type ZAlertQuerySchema,
} from '@yingji/domain';
import type { z } from 'zod';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import * as alertsRepo from './alerts.repo';
import { createKeptJson, settingKey } from '../../kit/snapshot-cache';

type TDeps = Pick<TCore, 'db' | 'clock' | 'settings'> & { today: () => string };

/** The list's length; the counts cover every alert. */
const LIST_LIMIT = 1000;
/** Lists kept at most (kit/snapshot-cache.ts `createKeptJson`): a list is up to 1,000 alerts, so fewer than the ledgers' pages. */
const KEPT_MAX = 64;

/** The line shown for an alert, from its row. */
function detail(r: alertsRepo.TAlertRow): string {
  switch (r.kind) {
    case 'below_minimum':
      return `未过期结存 ${r.quantity}${r.unit}，最低储备 ${minimumLabel({ quantity: r.minimum!, origin: r.minimumFrom!, source: r.minimumSource }, r.unit ?? '')}`;
    case 'expiring':
    case 'expired':
      return `批次 #${r.lotId} 结存 ${r.quantity}${r.unit}，有效期至 ${r.date}${r.kind === 'expired' ? '（已过期）' : ''}`;
    case 'maintenance_due':
      return `批次 #${r.lotId} ${r.quantity}${r.unit}，应于 ${r.date} 前保养`;
    case 'loan_overdue':
      return `${r.borrowerUnit} 借用，应于 ${r.date} 归还`;
  }
}

export function createAlertsService({ db, clock, settings, today }: TDeps) {
  const kept = createKeptJson(resourcesEndpoints.alerts.response, KEPT_MAX);

  /** What the alerts depend on besides the data and the scope: the day and two settings. */
  async function inputs() {
    const [{ expiringDays }, guidance] = await Promise.all([settings.get('resources'), settings.get('reserveGuidance')]);
    return { now: today(), expiringDays, guidance };
  }

  /** The alerts of the actor's scope (narrowed by the query) in kind order, the first `limit`, with counts of all. */
  async function query(
    actor: TActorContext,
    q: z.output<typeof ZAlertQuerySchema>,
    kinds: readonly TAlertKind[],
    limit: number,
    { now, expiringDays, guidance }: Awaited<ReturnType<typeof inputs>>,
  ) {
    const { rows, byKind, byTown } = await alertsRepo.alertList(db, {
      scope: actor.divisionCode,
      filter: { warehouseId: q.warehouseId, divisionCode: q.divisionCode },
      kinds,
      today: now,
      until: addDaysToDate(now, expiringDays),
      guidance,
      limit,
    });
    const items: TAlert[] = rows.map((r) => ({
      kind: r.kind,
      warehouseId: r.warehouseId,
      warehouseName: r.warehouseName,
      divisionCode: r.divisionCode,
      divisionName: r.divisionName,
      itemName: r.itemName,
      detail: detail(r),
      lotId: r.lotId,
      loanId: r.loanId,
      date: r.date,
    }));
    return { items, byKind: Object.fromEntries(ALERT_KINDS.map((k) => [k, byKind[k] ?? 0])) as Record<TAlertKind, number>, byTown };
  }

  /**
   * The list as JSON text, kept while nothing changed: it depends on the actor's scope, the query, the day and the
   * two settings it reads (the expiring days and the reserve guidance), all in the key.
   */
  async function list(ctx: TRequestContext, q: z.output<typeof ZAlertQuerySchema>): Promise<string> {
    const actor = requirePermission(ctx, 'resources.read');
    const read = await inputs();
    const key = `${actor.divisionCode}|${read.now}|${read.expiringDays}|${settingKey(read.guidance)}|${JSON.stringify(q)}`;
    return kept(db, key, clock(), () => query(actor, q, q.kind ? [q.kind] : ALERT_KINDS, LIST_LIMIT, read));
  }

  /** How many alerts of each kind the actor has (no list), in one statement: for the workbench. */
  async function counts(actor: TActorContext, kinds: readonly TAlertKind[]) {
    return (await query(actor, {}, kinds, 0, await inputs())).byKind;
  }

  return { list, counts };
}
export type TAlertsService = ReturnType<typeof createAlertsService>;
