/**
 * Alerts of the resources module: below minimum, expiring within the setting's days, expired, maintenance due and
 * loans overdue, listed by warehouse and counted by kind and by town. Each kind reads its own indexed rows in scope.
 */
import {
  ALERT_KINDS,
  addDaysToDate,
  expiryStatus,
  minimumLabel,
  type TAlert,
  type TAlertKind,
  type ZAlertQuerySchema,
} from '@yingji/domain';
import type { z } from 'zod';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import { divisionNames } from '../../shared/divisions';
import * as alertsRepo from './alerts.repo';
import * as loanRepo from './loan.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'settings'> & { today: () => string };

export function createAlertsService({ db, settings, today }: TDeps) {
  /** Every alert for the actor's scope (narrowed by the query), in kind order. */
  async function collect(actor: TActorContext, q: z.output<typeof ZAlertQuerySchema>): Promise<TAlert[]> {
    const now = today();
    const [{ expiringDays }, guidance] = await Promise.all([settings.get('resources'), settings.get('reserveGuidance')]);
    const want = (k: TAlertKind) => !q.kind || q.kind === k;
    const f = { warehouseId: q.warehouseId, divisionCode: q.divisionCode };
    const [below, expiring, maintenance, overdue] = await Promise.all([
      want('below_minimum') ? alertsRepo.belowMinimum(db, actor.divisionCode, f, now, guidance) : [],
      want('expiring') || want('expired') ? alertsRepo.expiringLots(db, actor.divisionCode, f, addDaysToDate(now, expiringDays)) : [],
      want('maintenance_due') ? alertsRepo.maintenanceDue(db, actor.divisionCode, f, now) : [],
      want('loan_overdue') ? loanRepo.overdueLoans(db, actor.divisionCode, now) : [],
    ]);
    const items: TAlert[] = [];
    const base = (r: alertsRepo.TAlertRow) => ({
      warehouseId: r.warehouseId,
      warehouseName: r.warehouseName,
      divisionCode: r.divisionCode,
      divisionName: r.divisionName,
      itemName: r.itemName,
      lotId: r.lotId,
      loanId: null,
      date: r.date,
    });
    for (const r of below)
      items.push({
        ...base(r),
        kind: 'below_minimum',
        detail: `未过期结存 ${r.quantity}${r.unit}，最低储备 ${minimumLabel({ quantity: r.minimum!, origin: r.minimumFrom!, source: r.minimumSource ?? null }, r.unit)}`,
      });
    for (const r of expiring) {
      const kind = expiryStatus(r.date, now, expiringDays);
      if (kind && want(kind))
        items.push({
          ...base(r),
          kind,
          detail: `批次 #${r.lotId} 结存 ${r.quantity}${r.unit}，有效期至 ${r.date}${kind === 'expired' ? '（已过期）' : ''}`,
        });
    }
    for (const r of maintenance)
      items.push({ ...base(r), kind: 'maintenance_due', detail: `批次 #${r.lotId} ${r.quantity}${r.unit}，应于 ${r.date} 前保养` });
    const loans = overdue.filter(
      (l) => (!q.warehouseId || l.warehouseId === q.warehouseId) && (!q.divisionCode || l.divisionCode.startsWith(q.divisionCode)),
    );
    const names = await divisionNames(
      db,
      loans.map((l) => l.divisionCode),
    );
    for (const l of loans)
      items.push({
        kind: 'loan_overdue',
        warehouseId: l.warehouseId,
        warehouseName: l.warehouseName,
        divisionCode: l.divisionCode,
        divisionName: names.get(l.divisionCode) ?? l.divisionCode,
        itemName: '',
        detail: `${l.borrowerUnit} 借用，应于 ${l.expectedReturnOn} 归还`,
        lotId: null,
        loanId: l.id,
        date: l.expectedReturnOn,
      });
    return items.sort((a, b) => ALERT_KINDS.indexOf(a.kind) - ALERT_KINDS.indexOf(b.kind));
  }

  async function list(ctx: TRequestContext, q: z.output<typeof ZAlertQuerySchema>) {
    const actor = requirePermission(ctx, 'resources.read');
    const items = await collect(actor, q);
    const byKind: Record<string, number> = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0]));
    const towns = new Map<string, { divisionCode: string; divisionName: string; count: number }>();
    for (const a of items) {
      byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
      const t = towns.get(a.divisionCode) ?? { divisionCode: a.divisionCode, divisionName: a.divisionName, count: 0 };
      t.count++;
      towns.set(a.divisionCode, t);
    }
    return {
      items: items.slice(0, 1000),
      byKind,
      byTown: [...towns.values()].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode)),
    };
  }

  return { list, collect };
}
export type TAlertsService = ReturnType<typeof createAlertsService>;
