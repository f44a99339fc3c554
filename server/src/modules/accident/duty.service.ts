/**
 * The duty room (值班值守): the roster by day (leader on duty, duty chief, duty officers), swaps recorded and never
 * leaving a day short, the duty log linked to the accidents it touched, and who is on duty now.
 */
import {
  AppError,
  addDaysToDate,
  bureauDate,
  daysBetween,
  dutyDateAt,
  rosterDayGaps,
  DUTY_POST_LABELS,
  type TDutyDay,
  type TDutyPerson,
  ZDutyLogInputSchema,
  ZDutySwapSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import * as repo from './duty.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit'>;

/** The duty room an actor belongs to: his city (a town officer reads his city's roster). */
const roomOf = (actor: { divisionCode: string }): string => actor.divisionCode.slice(0, 4);

export function createDutyService({ db, clock, audit }: TDeps) {
  async function days(room: string, from: string, to: string): Promise<TDutyDay[]> {
    const [people, swaps] = await Promise.all([repo.assignments(db, room, from, to), repo.swaps(db, room, from, to)]);
    const out: TDutyDay[] = [];
    for (let d = from; d <= to; d = addDaysToDate(d, 1)) {
      const mine = people.filter((p) => p.dutyDate === d).map((p) => ({ post: p.post, name: p.name, phone: p.phone }));
      out.push({
        date: d,
        people: mine,
        gaps: rosterDayGaps({ date: d, people: mine }),
        swaps: swaps
          .filter((s) => s.s.dutyDate === d || s.s.toDate === d)
          .map(({ s, recordedBy }) => ({
            id: s.id,
            post: s.post,
            fromName: s.fromName,
            toName: s.toName,
            toDate: s.toDate,
            reason: s.reason,
            at: new Date(s.at).toISOString(),
            recordedBy: recordedBy ?? '',
          })),
      });
    }
    return out;
  }

  async function roster(ctx: TRequestContext, from: string, to: string) {
    const actor = requirePermission(ctx, 'duty.read');
    if (to < from || daysBetween(from, to) > 92)
      throw new AppError('invalid', '值班表一次最多查询 93 天，且结束日期不能早于开始日期', { field: 'to' });
    return { days: await days(roomOf(actor), from, to) };
  }

  function managerRoom(actor: TActorContext): string {
    if (actor.divisionCode.length < 4) throw new AppError('forbidden', '值班表由市局值班室排定');
    return roomOf(actor);
  }

  async function setDay(ctx: TRequestContext, date: string, people: TDutyPerson[]): Promise<TDutyDay> {
    const actor = requirePermission(ctx, 'duty.manage');
    const room = managerRoom(actor);
    const [before] = await days(room, date, date);
    await db.transaction(async (tx) => {
      await repo.replaceDay(tx, room, date, people);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'duty_roster',
        entityId: date,
        before: before!.people,
        after: people,
        divisionCode: room,
      });
    });
    return (await days(room, date, date))[0]!;
  }

  /**
   * A swap: `fromName` gives his shift on `date` to `toName`; with `toDate`, the two exchange days. Refused when a
   * day would lose its leader or its last officer.
   */
  async function swap(ctx: TRequestContext, input: z.output<typeof ZDutySwapSchema>) {
    const actor = requirePermission(ctx, 'duty.manage');
    const room = managerRoom(actor);
    const now = clock();
    const label = DUTY_POST_LABELS[input.post];
    const [day] = await days(room, input.date, input.date);
    const people = day!.people;
    const i = people.findIndex((p) => p.post === input.post && p.name === input.fromName);
    if (i < 0) throw new AppError('invalid', `${input.date} 的${label}中没有 ${input.fromName}`, { field: 'fromName' });
    if (input.toName === input.fromName) throw new AppError('invalid', '换班双方不能是同一人', { field: 'toName' });
    const changed: { date: string; before: TDutyPerson[]; after: TDutyPerson[] }[] = [];
    const afterDay = [...people];
    if (input.toName) afterDay[i] = { post: input.post, name: input.toName, phone: input.toPhone };
    else afterDay.splice(i, 1);
    changed.push({ date: input.date, before: people, after: afterDay });
    if (input.toDate) {
      if (!input.toName) throw new AppError('invalid', '对调值班须填写对方姓名', { field: 'toName' });
      if (input.toDate === input.date) throw new AppError('invalid', '对调日期不能与值班日期相同', { field: 'toDate' });
      const [other] = await days(room, input.toDate, input.toDate);
      const j = other!.people.findIndex((p) => p.post === input.post && p.name === input.toName);
      if (j < 0) throw new AppError('invalid', `${input.toDate} 的${label}中没有 ${input.toName}，不能对调`, { field: 'toDate' });
      const otherAfter = [...other!.people];
      afterDay[i] = { ...other!.people[j]! };
      otherAfter[j] = { ...people[i]! };
      changed.push({ date: input.toDate, before: other!.people, after: otherAfter });
    }
    for (const c of changed) {
      const before = rosterDayGaps({ date: c.date, people: c.before });
      const newGaps = rosterDayGaps({ date: c.date, people: c.after }).filter((g) => !before.includes(g));
      if (newGaps.length) throw new AppError('rule_violation', `换班后 ${c.date} ${newGaps.join('、')}，值班表不得缺岗，不能这样换班`);
    }
    await db.transaction(async (tx) => {
      for (const c of changed) await repo.replaceDay(tx, room, c.date, c.after);
      await repo.insertSwap(tx, {
        divisionCode: room,
        dutyDate: input.date,
        post: input.post,
        fromName: input.fromName,
        toName: input.toName,
        toDate: input.toDate,
        reason: input.reason,
        at: now.toISOString(),
        recordedBy: actor.id,
      });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'duty_swap',
        entityId: input.date,
        before: changed.map((c) => c.before),
        after: { ...input, days: changed.map((c) => c.after) },
        divisionCode: room,
      });
    });
    const dates = changed.map((c) => c.date).sort();
    return { days: (await days(room, dates[0]!, dates[dates.length - 1]!)).filter((d) => dates.includes(d.date)) };
  }

  /** Who is on duty in a city's duty room at `at` (for other modules: warnings and alarms page the duty officer). */
  async function onDuty(room: string, at: Date) {
    const dutyDate = dutyDateAt(at);
    const [day] = await days(room, dutyDate, dutyDate);
    return { dutyDate, people: day!.people, gaps: day!.gaps };
  }

  async function now(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'duty.read');
    return onDuty(roomOf(actor), clock());
  }

  const toEntry = (r: Awaited<ReturnType<typeof repo.logEntries>>[number]) => ({
    id: r.l.id,
    dutyDate: r.l.dutyDate,
    at: new Date(r.l.at).toISOString(),
    kind: r.l.kind,
    content: r.l.content,
    accidentId: r.l.accidentId,
    accidentTitle: r.accidentTitle,
    recordedBy: r.recordedBy ?? '',
  });

  async function log(ctx: TRequestContext, filter: { date?: string; accidentId?: number }) {
    const actor = requirePermission(ctx, 'duty.read');
    const date = filter.date ?? (filter.accidentId ? undefined : dutyDateAt(clock()));
    const rows = await repo.logEntries(db, roomOf(actor), {
      ...(date ? { date } : {}),
      ...(filter.accidentId ? { accidentId: filter.accidentId } : {}),
    });
    return { items: rows.map(toEntry) };
  }

  async function addLog(ctx: TRequestContext, input: z.output<typeof ZDutyLogInputSchema>) {
    const actor = requirePermission(ctx, 'duty.manage');
    const room = managerRoom(actor);
    const now = clock();
    if (Date.parse(input.at) > now.getTime()) throw new AppError('invalid', '日志时间不能晚于当前时间', { field: 'at' });
    if (input.accidentId !== null) {
      const a = await repo.accidentDivision(db, input.accidentId);
      if (!a || !actorSees(actor, a.divisionCode)) throw new AppError('invalid', '关联的事故不存在', { field: 'accidentId' });
    }
    const id = await db.transaction(async (tx) => {
      const row = await repo.insertLog(tx, {
        divisionCode: room,
        dutyDate: dutyDateAt(new Date(input.at)),
        at: input.at,
        kind: input.kind,
        content: input.content,
        accidentId: input.accidentId,
        recordedBy: actor.id,
      });
      await audit.record(tx, ctx, { action: 'create', entity: 'duty_log', entityId: row.id, after: row, divisionCode: room });
      return row.id;
    });
    const rows = await repo.logEntries(db, room, { date: dutyDateAt(new Date(input.at)) });
    return toEntry(rows.find((r) => r.l.id === id)!);
  }

  /** Roster days in the next week without a leader or an officer (flagged ahead). */
  async function gapsAhead(actor: TActorContext, days7 = 7): Promise<number> {
    const from = bureauDate(clock());
    const list = await days(roomOf(actor), from, addDaysToDate(from, days7 - 1));
    return list.filter((d) => d.gaps.length > 0).length;
  }

  return { roster, setDay, swap, now, onDuty, log, addLog, gapsAhead };
}
export type TDutyService = ReturnType<typeof createDutyService>;
