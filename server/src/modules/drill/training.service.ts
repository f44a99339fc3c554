/**
 * Training sessions (培训) counted from records: each session's participants by audience, totals as sums of the rows,
 * and attendance lists imported from a sheet whose columns the user maps when they are not recognised.
 */
import {
  AppError,
  AUDIENCES,
  ATTENDANCE_FIELD_LABELS,
  TRAINING_KIND_LABELS,
  ZAttendanceMappingSchema,
  attendanceColumns,
  bureauDate,
  participantsOf,
  passedOf,
  trainingCountsProblem,
  type TTrainingItem,
  type TTrainingTotals,
  type ZTrainingInputSchema,
  type ZTrainingListQuerySchema,
  type ZTrainingTotalsQuerySchema,
} from '@yingji/domain';
import type { z } from 'zod';
import { actorSees, loadInScope, requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { readSheet } from '../../shared/sheet-reader';
import * as repo from './training.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit'>;
const NOT_FOUND = '培训记录不存在';
const MODE_LABELS = { onsite: '线下', online: '线上' } as const;
const MAX_ATTENDEES = 5000;

const toItem = (r: { s: repo.TTrainingRow; townName: string | null; attendees: number }): TTrainingItem => ({
  id: r.s.id,
  topic: r.s.topic,
  kind: r.s.kind,
  mode: r.s.mode,
  organiser: r.s.organiser,
  heldOn: r.s.heldOn,
  days: r.s.days,
  divisionCode: r.s.divisionCode,
  townName: r.townName,
  status: r.s.status,
  officers: r.s.officers,
  principals: r.s.principals,
  safetyManagers: r.s.safetyManagers,
  sanfangStaff: r.s.sanfangStaff,
  publicPeople: r.s.publicPeople,
  participants: participantsOf(r.s),
  passed: r.s.passed,
  attendees: r.attendees,
});

export function createTrainingService({ db, clock, audit }: TDeps) {
  async function detailOf(id: number) {
    const found = await repo.findSession(db, id);
    if (!found) throw new AppError('not_found', NOT_FOUND);
    return { ...toItem(found), attendeeList: await repo.attendeesOf(db, id) };
  }

  async function get(ctx: TRequestContext, id: number) {
    await loadInScope(
      ctx,
      'drill.read',
      () => repo.findSession(db, id),
      (r) => r.s.divisionCode,
      NOT_FOUND,
    );
    return detailOf(id);
  }

  async function list(ctx: TRequestContext, q: z.output<typeof ZTrainingListQuerySchema>) {
    const actor = requirePermission(ctx, 'drill.read');
    if (actor.role === 'enterprise_user') return { items: [], total: 0 };
    const { rows, total } = await repo.listSessions(db, actor.divisionCode, q);
    const counts = await repo.attendeeCounts(
      db,
      rows.map((r) => r.s.id),
    );
    return { items: rows.map((r) => toItem({ ...r, attendees: counts.get(r.s.id) ?? 0 })), total };
  }

  async function create(ctx: TRequestContext, input: z.output<typeof ZTrainingInputSchema>) {
    const actor = requirePermission(ctx, 'drill.training');
    const problem = trainingCountsProblem(input);
    if (problem)
      throw new AppError('invalid', problem, { field: input.passed !== null && problem.includes('合格') ? 'passed' : 'officers' });
    const divisionCode = input.divisionCode ?? actor.divisionCode;
    if (!actorSees(actor, divisionCode)) throw new AppError('invalid', '所属区划不在您的管辖范围内', { field: 'divisionCode' });
    if (input.status === 'done' && input.heldOn > bureauDate(clock()))
      throw new AppError('invalid', '已举办的培训日期不能晚于今天', { field: 'heldOn' });
    const id = await db.transaction(async (tx) => {
      const row = await repo.insertSession(tx, { ...input, divisionCode, createdBy: actor.id, createdAt: clock().toISOString() });
      await audit.record(tx, ctx, { action: 'create', entity: 'training_session', entityId: row.id, after: row, divisionCode });
      return row.id;
    });
    return detailOf(id);
  }

  async function totals(ctx: TRequestContext, q: z.output<typeof ZTrainingTotalsQuerySchema>): Promise<TTrainingTotals> {
    const actor = requirePermission(ctx, 'drill.read');
    const rows = actor.role === 'enterprise_user' ? [] : await repo.totals(db, actor.divisionCode, q, q.by);
    const label = (key: string) =>
      q.by === 'kind'
        ? ((TRAINING_KIND_LABELS as Record<string, string>)[key] ?? key)
        : q.by === 'mode'
          ? ((MODE_LABELS as Record<string, string>)[key] ?? key)
          : `${key} 年`;
    const out = rows.map((r) => ({ ...r, label: label(r.key), participants: participantsOf(r) }));
    const total = {
      key: 'total',
      label: '合计',
      sessions: 0,
      participants: 0,
      passed: 0,
      officers: 0,
      principals: 0,
      safetyManagers: 0,
      sanfangStaff: 0,
      publicPeople: 0,
    };
    for (const r of out) {
      total.sessions += r.sessions;
      total.participants += r.participants;
      total.passed += r.passed;
      for (const a of AUDIENCES) total[a] += r[a];
    }
    return { rows: out, total };
  }

  /**
   * Imports an attendance list, replacing the session's previous one. Columns are recognised by their headers or
   * mapped by the user; a sheet without a recognisable name column is refused with the headers it has.
   */
  async function importAttendance(ctx: TRequestContext, id: number, input: { body: Buffer; fileName: string; mapping?: string }) {
    const { row } = await loadInScope(
      ctx,
      'drill.training',
      () => repo.findSession(db, id),
      (r) => r.s.divisionCode,
      NOT_FOUND,
    );
    let mapping: z.infer<typeof ZAttendanceMappingSchema> = {};
    if (input.mapping) {
      let raw: unknown;
      try {
        raw = JSON.parse(input.mapping);
      } catch {
        throw new AppError('invalid', '列对应关系不是有效的 JSON', { field: 'mapping' });
      }
      const parsed = ZAttendanceMappingSchema.safeParse(raw);
      if (!parsed.success) throw new AppError('invalid', `列对应关系：${parsed.error.issues[0]!.message}`, { field: 'mapping' });
      mapping = parsed.data;
    }
    let columns: ReturnType<typeof attendanceColumns>['columns'] | undefined;
    let headers: string[] = [];
    const people: { name: string; unit: string; category: string; passed: boolean | null }[] = [];
    const skipped: { row: number; reason: string }[] = [];
    const cellText = (cells: unknown[], i: number | undefined) => (i === undefined ? '' : String(cells[i] ?? '').trim());
    for await (const { rowNumber, cells } of readSheet({ buffer: input.body }, input.fileName)) {
      if (!columns) {
        headers = cells.map((c) => String(c ?? '').trim());
        const found = attendanceColumns(headers, mapping);
        if (found.problem)
          throw new AppError('invalid', found.problem, {
            field: 'file',
            details: { headers: headers.filter(Boolean), missing: found.missing },
          });
        columns = found.columns;
        continue;
      }
      const name = cellText(cells, columns.name);
      if (!name) {
        if (cells.some((c) => String(c ?? '').trim() !== '')) skipped.push({ row: rowNumber, reason: '姓名为空' });
        continue;
      }
      if (people.length >= MAX_ATTENDEES)
        throw new AppError('invalid', `签到名单最多 ${MAX_ATTENDEES} 人，请分场次导入`, { field: 'file' });
      people.push({
        name: name.slice(0, 50),
        unit: cellText(cells, columns.unit).slice(0, 100),
        category: cellText(cells, columns.category).slice(0, 50),
        passed: columns.passed === undefined ? null : passedOf(cellText(cells, columns.passed)),
      });
    }
    if (!columns) throw new AppError('invalid', `“${input.fileName}”没有内容`, { field: 'file' });
    if (people.length === 0) throw new AppError('invalid', '签到表中没有可导入的人员（姓名列为空）', { field: 'file' });
    await db.transaction(async (tx) => {
      await repo.replaceAttendees(tx, id, people);
      await audit.record(tx, ctx, {
        action: 'import',
        entity: 'training_session',
        entityId: id,
        after: { attendees: people.length, fileName: input.fileName },
        divisionCode: row.s.divisionCode,
      });
    });
    const used = Object.fromEntries(
      Object.entries(columns).map(([f, i]) => [
        ATTENDANCE_FIELD_LABELS[f as keyof typeof ATTENDANCE_FIELD_LABELS],
        headers[i as number] ?? '',
      ]),
    );
    return { imported: people.length, skipped, columns: used };
  }

  async function ledgerExport(ctx: TRequestContext, q: Omit<z.output<typeof ZTrainingListQuerySchema>, 'page' | 'pageSize'>) {
    const actor = requirePermission(ctx, 'drill.read');
    const found = actor.role === 'enterprise_user' ? [] : await repo.exportSessions(db, actor.divisionCode, q, 50_000);
    const counts = await repo.attendeeCounts(
      db,
      found.map((r) => r.s.id),
    );
    const rows = found.map((r) => toItem({ ...r, attendees: counts.get(r.s.id) ?? 0 }));
    const body = await ledgerBuffer([
      ledgerSheet(
        '培训记录',
        [
          { header: '培训日期', width: 12, value: (r) => r.heldOn },
          { header: '培训主题', width: 32, value: (r) => r.topic },
          { header: '类别', width: 24, value: (r) => TRAINING_KIND_LABELS[r.kind] },
          { header: '方式', width: 8, value: (r) => MODE_LABELS[r.mode] },
          { header: '组织单位', width: 24, value: (r) => r.organiser },
          { header: '镇街', width: 12, value: (r) => r.townName },
          { header: '执法人员', width: 10, value: (r) => r.officers },
          { header: '主要负责人', width: 10, value: (r) => r.principals },
          { header: '安全管理人员', width: 12, value: (r) => r.safetyManagers },
          { header: '三防工作人员', width: 12, value: (r) => r.sanfangStaff },
          { header: '群众及一线员工', width: 14, value: (r) => r.publicPeople },
          { header: '合计人次', width: 10, value: (r) => r.participants },
          { header: '考核合格', width: 10, value: (r) => r.passed },
        ],
        rows,
      ),
    ]);
    await db.transaction((tx) =>
      audit.record(tx, ctx, { action: 'export', entity: 'training_session', after: { rows: rows.length, query: q } }),
    );
    return { body, fileName: ledgerFileName('培训台账', clock()) };
  }

  return { list, get, create, totals, importAttendance, ledgerExport };
}
export type TTrainingService = ReturnType<typeof createTrainingService>;
