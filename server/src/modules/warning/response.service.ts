/**
 * Flood-season response levels (应急响应 Ⅳ→Ⅰ) for the city or a town: started, raised or lowered (the old level
 * ends, the new one follows it) and ended by the bureau with a reason; the consultations (会商研判) each level
 * requires at the interval the setting gives, recorded with attendees, conclusions and attachments; a consultation
 * overdue is shown with the response and sent to the duty room as a reminder.
 */
import {
  AppError,
  missedConsultations,
  nextConsultation,
  RESPONSE_LEVEL_LABELS,
  responseRaised,
  type TConsultationFrequency,
  type TResponse,
  type TResponseDetail,
  type TResponseLevel,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TReminderProvider } from '../../kit/notify';
import type { TRequestContext } from '../../shared/context';
import { readerInScope, type TAttachmentService } from '../attachment/attachment.service';
import * as repo from './response.repo';
import { townNames } from './warning.repo';

export function createResponseService(core: Pick<TCore, 'db' | 'clock' | 'settings' | 'audit'>, attachments: TAttachmentService) {
  const { db, clock, settings, audit } = core;
  attachments.registerReader(
    'consultation',
    readerInScope('warning.read', (d, id) => repo.consultationDivision(d, id)),
  );
  const actorName = (ctx: TRequestContext) => ctx.actor?.displayName ?? '系统';

  async function present(via: Db, rows: repo.TResponseRow[], frequency: TConsultationFrequency): Promise<TResponse[]> {
    if (rows.length === 0) return [];
    const now = clock();
    const [held, names] = await Promise.all([
      repo.heldAt(
        via,
        rows.map((r) => r.id),
      ),
      townNames(via, rows[0]!.divisionCode.slice(0, 4)),
    ]);
    return rows.map((r) => {
      const times = held.get(r.id) ?? [];
      const next = nextConsultation(r, times, frequency, now);
      return {
        ...r,
        areaName: r.divisionCode.length === 9 ? (names.get(r.divisionCode) ?? r.divisionCode) : '全市',
        consultations: times.length,
        lastConsultationAt: times.at(-1) ?? null,
        nextDueAt: next.dueAt,
        overdue: next.overdue,
        missed: missedConsultations(r, times, frequency, now),
      };
    });
  }

  async function list(ctx: TRequestContext, q: { active?: '1' | '0' | undefined; page: number; pageSize: number }) {
    const actor = requirePermission(ctx, 'warning.read');
    const { items, total } = await repo.list(db, actor.divisionCode, {
      active: q.active === '1' ? true : undefined,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: await present(db, items, await settings.get('consultationFrequency')), total };
  }

  const visibleTo = (scope: string, r: repo.TResponseRow) =>
    scope.length === 9 ? r.divisionCode === scope || r.divisionCode === scope.slice(0, 4) : r.divisionCode.startsWith(scope);

  async function detailOf(via: Db, scope: string, id: number, frequency: TConsultationFrequency): Promise<TResponseDetail> {
    const r = await repo.find(via, id);
    if (!r || !visibleTo(scope, r)) throw new AppError('not_found', '应急响应不存在');
    const history: repo.TResponseRow[] = [];
    for (let prev = r.previousId; prev !== null && history.length < 20;) {
      const p = await repo.find(via, prev);
      if (!p) break;
      history.push(p);
      prev = p.previousId;
    }
    const [[self, ...before], items] = await Promise.all([present(via, [r, ...history], frequency), repo.consultationsOf(via, id)]);
    return {
      ...self!,
      history: before,
      items: items.map(({ id: cid, responseId, heldAt, attendees, conclusions, attachments: files, actorName: by }) => ({
        id: cid,
        responseId,
        heldAt,
        attendees,
        conclusions,
        attachments: files,
        actorName: by,
      })),
      frequencyHours: frequency[r.level],
    };
  }

  async function detail(ctx: TRequestContext, id: number) {
    const actor = requirePermission(ctx, 'warning.read');
    return detailOf(db, actor.divisionCode, id, await settings.get('consultationFrequency'));
  }

  async function start(ctx: TRequestContext, input: { divisionCode: string; level: TResponseLevel; reason: string; warningIds: number[] }) {
    const actor = requirePermission(ctx, 'warning.response');
    if (actor.divisionCode.length === 9) throw new AppError('forbidden', '应急响应由市三防办启动');
    const city = actor.divisionCode.slice(0, 4);
    if (input.divisionCode.length === 9 && !(await townNames(db, city)).has(input.divisionCode))
      throw new AppError('invalid', '响应范围中的镇街不存在', { field: 'divisionCode' });
    if (input.divisionCode.length === 4 && input.divisionCode !== city)
      throw new AppError('invalid', '响应范围应为本市或本市的镇街', { field: 'divisionCode' });
    const frequency = await settings.get('consultationFrequency');
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      const warningIds = [...new Set(input.warningIds)];
      const known = await repo.knownWarnings(tx, city, warningIds);
      const unknown = warningIds.filter((id) => !known.has(id));
      if (unknown.length > 0) throw new AppError('invalid', `关联的预警不存在：${unknown.join('、')}`, { field: 'warningIds' });
      const on = await repo.activeFor(tx, input.divisionCode);
      if (on) throw new AppError('conflict', `该范围已启动${RESPONSE_LEVEL_LABELS[on.level]}应急响应，请提升、降低或终止该响应`);
      const r = await repo.insert(tx, {
        divisionCode: input.divisionCode,
        level: input.level,
        warningIds,
        reason: input.reason,
        startedAt: at,
        previousId: null,
        actorName: actorName(ctx),
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'warning_response',
        entityId: r.id,
        after: input,
        divisionCode: r.divisionCode,
      });
      return (await present(tx, [r], frequency))[0]!;
    });
  }

  async function loadOn(tx: Db, ctx: TRequestContext, id: number) {
    const actor = requirePermission(ctx, 'warning.response');
    const r = await repo.lock(tx, id);
    if (!r || !visibleTo(actor.divisionCode, r)) throw new AppError('not_found', '应急响应不存在');
    if (r.endedAt) throw new AppError('conflict', '该应急响应已终止或已调整级别，请在当前生效的响应上操作');
    return r;
  }

  /** Raises or lowers: the old level ends with the reason, the new one follows it (consultations start over). */
  async function change(ctx: TRequestContext, id: number, input: { level: TResponseLevel; reason: string }) {
    const frequency = await settings.get('consultationFrequency');
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      const before = await loadOn(tx, ctx, id);
      if (before.level === input.level) throw new AppError('conflict', `当前已是${RESPONSE_LEVEL_LABELS[input.level]}响应`);
      const word = responseRaised(before.level, input.level) ? '提升' : '降低';
      await repo.end(tx, id, at, `${word}为${RESPONSE_LEVEL_LABELS[input.level]}：${input.reason}`);
      const r = await repo.insert(tx, {
        divisionCode: before.divisionCode,
        level: input.level,
        warningIds: before.warningIds,
        reason: input.reason,
        startedAt: at,
        previousId: id,
        actorName: actorName(ctx),
      });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'warning_response',
        entityId: r.id,
        before: { id, level: before.level },
        after: { id: r.id, level: r.level, change: word, reason: input.reason },
        divisionCode: r.divisionCode,
      });
      return (await present(tx, [r], frequency))[0]!;
    });
  }

  async function end(ctx: TRequestContext, id: number, reason: string) {
    const frequency = await settings.get('consultationFrequency');
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      const before = await loadOn(tx, ctx, id);
      const r = await repo.end(tx, id, at, reason);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'warning_response',
        entityId: id,
        before: { level: before.level, endedAt: null },
        after: { endedAt: at, reason },
        divisionCode: r.divisionCode,
      });
      return (await present(tx, [r], frequency))[0]!;
    });
  }

  async function consult(
    ctx: TRequestContext,
    id: number,
    input: { heldAt: string; attendees: string; conclusions: string; attachments: string[] },
  ) {
    const actor = requirePermission(ctx, 'warning.response');
    const frequency = await settings.get('consultationFrequency');
    const now = clock();
    return db.transaction(async (tx) => {
      const r = await loadOn(tx, ctx, id);
      if (new Date(input.heldAt).getTime() < new Date(r.startedAt).getTime())
        throw new AppError('invalid', '会商时间不能早于本级响应启动时间', { field: 'heldAt' });
      if (new Date(input.heldAt).getTime() > now.getTime() + 5 * 60_000)
        throw new AppError('invalid', '会商时间不能晚于现在', { field: 'heldAt' });
      if (input.attachments.length > 0) await attachments.requireExisting(tx, ctx, input.attachments, 'attachments');
      const c = await repo.insertConsultation(tx, {
        responseId: id,
        heldAt: new Date(input.heldAt).toISOString(),
        attendees: input.attendees,
        conclusions: input.conclusions,
        attachments: [...new Set(input.attachments)],
        actorName: actorName(ctx),
      });
      await attachments.link(tx, 'consultation', c.id, c.attachments);
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'warning_consultation',
        entityId: c.id,
        after: { responseId: id, ...input },
        divisionCode: r.divisionCode,
      });
      return detailOf(tx, actor.divisionCode, id, frequency);
    });
  }

  /** The duty room is reminded once for each consultation that falls overdue (ref: response and due time). */
  const reminders: TReminderProvider[] = [
    {
      key: 'warning.consultation_overdue',
      title: '会商研判逾期',
      async due(d, now) {
        const frequency = await settings.get('consultationFrequency');
        const on = await repo.allActive(d);
        const held = await repo.heldAt(
          d,
          on.map((r) => r.id),
        );
        return on.flatMap((r) => {
          const next = nextConsultation(r, held.get(r.id) ?? [], frequency, now);
          if (!next.overdue) return [];
          return [
            {
              ref: `${r.id}:${next.dueAt}`,
              to: { permission: 'warning.response' as const, divisionCode: r.divisionCode },
              title: `${RESPONSE_LEVEL_LABELS[r.level]}应急响应会商研判已逾期`,
              body: `按${RESPONSE_LEVEL_LABELS[r.level]}响应每 ${frequency[r.level]} 小时会商一次，应于 ${new Date(next.dueAt!).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 前会商`,
              href: `/warnings/responses/${r.id}`,
            },
          ];
        });
      },
    },
  ];

  return { list, detail, start, change, end, consult, reminders };
}
export type TResponseService = ReturnType<typeof createResponseService>;
