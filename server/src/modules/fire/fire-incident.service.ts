/**
 * The duty officer's incidents (the live board is fire-board.service.ts): the list and detail, acknowledgement, verification (real or
 * false with a label), dispatch (who was told, when; the provincial outbox in the same transaction), closing, the
 * one-action emergency report through the accident module, and the escalation of unacknowledged incidents to the
 * duty chief on the duty roster.
 */
import {
  AppError,
  ackDue,
  EMERGENCY_TYPE_LABELS,
  incidentActionProblem,
  statusAfter,
  ZAccidentCreateSchema,
  type TFireEventBase,
  type TIncidentAction,
} from '@yingji/domain';
import type { z } from 'zod';
import type { ZCloseInputSchema, ZDispatchInputSchema, ZVerifyInputSchema } from '@yingji/domain';
import type { Db } from '../../db/client';
import { loadInScope, requirePermission } from '../../kit/access';
import type { TCore, TModuleApis } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { iso } from '../../shared/iso';
import type { TFirePresent } from './fire-present';
import * as repo from './fire-incident.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'events' | 'settings'> & {
  accident: TModuleApis['accident'];
  present: TFirePresent;
};

const SYSTEM: TRequestContext = { actor: null, clientAddress: null };

export function createFireIncidents({ db, clock, audit, events, settings, accident, present }: TDeps) {
  async function list(ctx: TRequestContext, query: { status?: string; from?: string; to?: string; page: number; pageSize: number }) {
    const actor = requirePermission(ctx, 'fire.read');
    const r = await repo.list(db, actor.divisionCode, query);
    return { total: r.total, items: await present(db, r.items, r.names) };
  }

  async function detail(id: number) {
    const row = (await repo.byId(db, id))!;
    const [[inc], alarms, notes, out] = await Promise.all([
      present(db, [row]),
      repo.alarmsOf(db, id),
      repo.notificationsOf(db, id),
      repo.outboxOf(db, id),
    ]);
    return {
      ...inc!,
      alarms: alarms.map((a) => ({ ...a, id: Number(a.id), at: iso(a.at) })),
      notifications: notes.map((n) => ({ kind: n.kind, recipient: n.recipient, phone: n.phone, at: iso(n.at) })),
      forwarding: out.map((o) => ({
        id: Number(o.id),
        kind: o.kind,
        status: o.status,
        attempts: o.attempts,
        deliveredAt: iso(o.deliveredAt),
      })),
    };
  }

  const load = (ctx: TRequestContext, id: number, permission: 'fire.read' | 'fire.handle') =>
    loadInScope(
      ctx,
      permission,
      () => repo.byId(db, id),
      (r) => r.divisionCode,
      '火情事件不存在',
    );

  async function get(ctx: TRequestContext, id: number) {
    await load(ctx, id, 'fire.read');
    return detail(id);
  }

  const eventBase = (r: repo.TIncidentRow, at: string, summary: string): TFireEventBase => ({
    incidentId: r.id,
    divisionCode: r.divisionCode,
    occurredAt: at,
    ref: `fire_incident:${r.id}`,
    summary,
    longitude: r.longitude,
    latitude: r.latitude,
  });

  /** One step on an incident: the row locked and its version checked, the change, its audit entry and events. */
  async function step(
    ctx: TRequestContext,
    id: number,
    version: number | null,
    action: TIncidentAction | 'acknowledge',
    change: (row: repo.TIncidentRow, tx: Db, at: string, actorId: number) => Promise<Partial<repo.TIncidentRow>>,
  ) {
    const { actor } = await load(ctx, id, 'fire.handle');
    await db.transaction(async (tx) => {
      const row = (await repo.byId(tx, id, true))!;
      if (version !== null && row.version !== version) throw new AppError('conflict', '该事件已被他人处理，请刷新后再操作');
      if (action !== 'acknowledge') {
        const problem = incidentActionProblem(row.status, action);
        if (problem) throw new AppError('rule_violation', problem);
      } else if (row.acknowledgedAt) throw new AppError('conflict', '该事件已签收');
      const at = clock().toISOString();
      const values = await change(row, tx, at, actor.id);
      const ack = row.acknowledgedAt ? {} : { acknowledgedAt: at, acknowledgedBy: actor.id };
      const after = await repo.update(tx, id, row.version, { ...ack, ...values, updatedAt: at });
      if (!after) throw new AppError('conflict', '该事件已被他人处理，请刷新后再操作');
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'fire_incident',
        entityId: id,
        before: { status: row.status },
        after: { action, status: after.status, ...values },
        divisionCode: row.divisionCode,
      });
    });
    return detail(id);
  }

  const acknowledge = (ctx: TRequestContext, id: number) => step(ctx, id, null, 'acknowledge', async () => ({}));

  function verify(ctx: TRequestContext, id: number, input: z.infer<typeof ZVerifyInputSchema>) {
    return step(ctx, id, input.version, input.real ? 'verify_real' : 'verify_false', async (row, tx, at, by) => {
      if (input.real) await events.emit(tx, 'fire.confirmed', eventBase(row, at, `火情事件 #${row.id} 经核实为真实火情`), ctx);
      return {
        status: statusAfter[input.real ? 'verify_real' : 'verify_false'],
        verifiedAt: at,
        verifiedBy: by,
        falseLabel: input.real ? null : input.label,
        verifyNote: input.note,
      };
    });
  }

  /** Dispatch: who was told and when, the event for the notification centre, and the provincial outbox item. */
  function dispatch(ctx: TRequestContext, id: number, input: z.infer<typeof ZDispatchInputSchema>) {
    return step(ctx, id, input.version, 'dispatch', async (row, tx, at, by) => {
      await repo.insertNotifications(
        tx,
        input.recipients.map((r) => ({ incidentId: id, kind: 'dispatch' as const, recipient: r.name, phone: r.phone, at, recordedBy: by })),
      );
      const [inc] = await present(tx, [row]);
      await repo.enqueue(tx, {
        incidentId: id,
        kind: 'fire.dispatched',
        payload: {
          incidentId: id,
          town: inc!.townName,
          divisionCode: row.divisionCode,
          longitude: row.longitude,
          latitude: row.latitude,
          uncertaintyM: Math.round(row.uncertaintyM),
          method: row.method,
          firstSeenAt: inc!.firstSeenAt,
          lastSeenAt: inc!.lastSeenAt,
          alarmCount: row.alarmCount,
          channels: inc!.channels.map((c) => c.code),
          verifiedAt: iso(row.verifiedAt),
          dispatchedAt: at,
          notified: input.recipients.map((r) => r.name),
        },
        nextAttemptAt: at,
        createdAt: at,
      });
      await events.emit(
        tx,
        'fire.dispatched',
        { ...eventBase(row, at, `火情事件 #${id} 已派警`), recipients: input.recipients.map((r) => r.name) },
        ctx,
      );
      return { status: 'dispatched' as const, dispatchedAt: at, dispatchedBy: by };
    });
  }

  /**
   * Closing. An incident the province was told of (dispatched) gets its closure forwarded too, written in the same
   * transaction; the worker sends it only after the dispatch itself went through (`claimDue`). The state machine
   * refuses a second close, so the closure is queued once.
   */
  const close = (ctx: TRequestContext, id: number, input: z.infer<typeof ZCloseInputSchema>) =>
    step(ctx, id, input.version, 'close', async (row, tx, at, by) => {
      if (row.dispatchedAt)
        await repo.enqueue(tx, {
          incidentId: id,
          kind: 'fire.closed',
          payload: {
            incidentId: id,
            divisionCode: row.divisionCode,
            status: 'closed',
            dispatchedAt: iso(row.dispatchedAt),
            closedAt: at,
            outcome: input.outcome,
          },
          nextAttemptAt: at,
          createdAt: at,
        });
      return { status: 'closed' as const, closedAt: at, closedBy: by, outcome: input.outcome };
    });

  /**
   * A real fire becomes an emergency report (突发事件信息, 森林火灾) through the accident module's own create, which
   * checks `accident.report` and starts the report clocks; the incident keeps the record's id.
   */
  async function report(ctx: TRequestContext, id: number) {
    const { row } = await load(ctx, id, 'fire.handle');
    if (row.status !== 'verified' && row.status !== 'dispatched')
      throw new AppError('rule_violation', '只有确认为火情的事件才能转为突发事件信息');
    if (row.accidentId) throw new AppError('conflict', `该火情已转为突发事件信息 #${row.accidentId}`);
    const [inc] = await present(db, [row]);
    const created = await accident.records.create(
      ctx,
      ZAccidentCreateSchema.parse({
        kind: 'emergency',
        emergencyType: 'forest_fire',
        // casualties are not known from a camera; the report's 续报 records them
        deaths: 0,
        missing: 0,
        seriousInjuries: 0,
        minorInjuries: 0,
        lossFen: 0,
        title: `${inc!.townName}${EMERGENCY_TYPE_LABELS.forest_fire}（监控告警 #${id}）`,
        divisionCode: row.divisionCode,
        place: `${inc!.townName}，经度 ${row.longitude.toFixed(5)}，纬度 ${row.latitude.toFixed(5)}（定位误差约 ${Math.round(row.uncertaintyM)} 米）`,
        longitude: row.longitude,
        latitude: row.latitude,
        occurredAt: inc!.firstSeenAt,
        knownAt: inc!.openedAt,
        summary: `森林防火监控 ${inc!.channels.map((c) => `${c.siteName}${c.name}`).join('、')} 于 ${inc!.firstSeenAt} 起告警 ${row.alarmCount} 次，值班员核实为真实火情。${row.verifyNote ?? ''}`,
        measures: row.dispatchedAt ? `已于 ${iso(row.dispatchedAt)} 派警。` : '',
      }),
    );
    await db.transaction(async (tx) => {
      await repo.update(tx, id, (await repo.byId(tx, id, true))!.version, { accidentId: created.id, updatedAt: clock().toISOString() });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'fire_incident',
        entityId: id,
        after: { accidentId: created.id },
        divisionCode: row.divisionCode,
      });
    });
    return detail(id);
  }

  /**
   * Escalation: each new incident unacknowledged N minutes after it opened goes to the duty chief on the roster
   * (值班长; the leader on duty when no chief is rostered), recorded as a notification and raised as an event.
   */
  async function escalateDue(): Promise<number> {
    const now = clock();
    const { ackMinutes } = await settings.get('fire');
    const due = await repo.unacknowledgedBefore(db, new Date(now.getTime() - ackMinutes * 60_000).toISOString());
    let n = 0;
    for (const r of due) {
      if (!ackDue({ openedAt: new Date(r.openedAt), acknowledgedAt: null, escalatedAt: null }, now, ackMinutes).escalate) continue;
      const duty = await accident.duty.onDuty(r.divisionCode.slice(0, 4), now);
      const chief = duty.people.find((p) => p.post === 'chief') ?? duty.people.find((p) => p.post === 'leader');
      const to = chief ? `值班长 ${chief.name}` : '值班长（当日值班表未排）';
      const at = now.toISOString();
      await db.transaction(async (tx) => {
        const row = await repo.update(tx, r.id, r.version, { escalatedAt: at, escalatedTo: to, updatedAt: at });
        if (!row) return;
        await repo.insertNotifications(tx, [{ incidentId: r.id, kind: 'escalation', recipient: to, phone: chief?.phone ?? '', at }]);
        await audit.record(tx, SYSTEM, {
          action: 'update',
          entity: 'fire_incident',
          entityId: r.id,
          after: { escalatedTo: to, dutyDate: duty.dutyDate },
          divisionCode: r.divisionCode,
          actorName: 'system',
        });
        await events.emit(
          tx,
          'fire.escalated',
          { ...eventBase(r, at, `火情事件 #${r.id} ${ackMinutes} 分钟未签收，已提醒${to}`), to },
          SYSTEM,
        );
        n++;
      });
    }
    return n;
  }

  async function workbenchCounts(actor: { divisionCode: string }) {
    const { ackMinutes } = await settings.get('fire');
    const [fresh, late] = await Promise.all([
      repo.countNew(db, actor.divisionCode),
      repo.countUnacknowledgedLate(db, actor.divisionCode, new Date(clock().getTime() - ackMinutes * 60_000).toISOString()),
    ]);
    return { fresh, late };
  }

  return { list, get, acknowledge, verify, dispatch, close, report, escalateDue, workbenchCounts };
}
export type TFireIncidents = ReturnType<typeof createFireIncidents>;
