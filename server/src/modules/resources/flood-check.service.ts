/**
 * Flood-season checks (汛前检查, seed §三(一)): the bureau opens a round with its checklists (the towns' 九必检, the
 * villages' 十个有); each town and village has its items recorded present or missing with a note (photos optional),
 * missing ones are put right and closed; a town's progress and the city summary are read here, the Excel ledger in
 * flood-check-ledger.ts.
 */
import {
  AppError,
  FLOOD_CHECK_DEFAULTS,
  floodCheckEntriesProblem,
  floodCheckFixProblem,
  floodCheckProgress,
  roundDatesProblem,
  tallyFloodChecks,
  type TFloodCheckItem,
  type TFloodCheckRound,
  type TFloodCheckRoundView,
  type TFloodCheckUnit,
  type ZFloodCheckFixSchema,
  type ZFloodCheckRecordSchema,
  type ZFloodCheckRoundInputSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import type { TAttachmentService } from '../attachment/attachment.service';
import { readerInScope } from '../attachment/attachment.service';
import { createFloodCheckLedger } from './flood-check-ledger';
import * as repo from './flood-check.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit'> & { attachments: TAttachmentService; today: () => string };
const NOT_FOUND = '检查轮次不存在';
const UNIT_NOT_FOUND = '该镇街或村居不存在';

interface TUnit {
  code: string;
  name: string;
  level: 'town' | 'village';
  townCode: string;
  townName: string;
  villageCode: string;
}

export function createFloodCheckService({ db, clock, audit, attachments, today }: TDeps) {
  attachments.registerReader('flood_check', readerInScope('resources.read', repo.resultTown));
  const { ledger } = createFloodCheckLedger({ db, clock, audit, today, view });

  const toRound = (row: { r: repo.TRoundRow; createdByName: string }): TFloodCheckRound => {
    const { createdBy: _c, ...r } = row.r;
    return { ...r, createdByName: row.createdByName };
  };

  async function loadRound(id: number) {
    const row = await repo.findRound(db, id);
    if (!row) throw new AppError('not_found', NOT_FOUND);
    return row.r;
  }

  /** A town (9 digits) or a village (12) in the actor's scope; outside it, the same 404 as one that does not exist. */
  async function loadUnit(tx: Db, actor: TActorContext, code: string): Promise<TUnit> {
    const townCode = code.slice(0, 9);
    if (!actorSees(actor, townCode)) throw new AppError('not_found', UNIT_NOT_FOUND);
    const town = await repo.findTown(tx, townCode);
    if (!town) throw new AppError('not_found', UNIT_NOT_FOUND);
    if (code.length === 9) return { code, name: town.name, level: 'town', townCode, townName: town.name, villageCode: '' };
    const village = await repo.findVillage(tx, code);
    if (!village || village.townCode !== townCode) throw new AppError('not_found', UNIT_NOT_FOUND);
    return { code, name: village.name, level: 'village', townCode, townName: town.name, villageCode: code };
  }

  const itemsOf = (round: repo.TRoundRow, unit: { level: 'town' | 'village' }): TFloodCheckItem[] =>
    unit.level === 'town' ? round.townItems : round.villageItems;

  async function rounds(ctx: TRequestContext) {
    requirePermission(ctx, 'resources.read');
    const items = (await repo.listRounds(db)).map(toRound);
    const last = items[0];
    const defaults = last
      ? { departments: last.departments, townItems: last.townItems, villageItems: last.villageItems }
      : FLOOD_CHECK_DEFAULTS;
    return { items, defaults };
  }

  /** The bureau (a city-wide user) opens a round; a town cannot. */
  async function create(ctx: TRequestContext, input: z.output<typeof ZFloodCheckRoundInputSchema>): Promise<TFloodCheckRound> {
    const actor = requirePermission(ctx, 'resources.manage');
    if (actor.divisionCode.length > 4) throw new AppError('forbidden', '汛前检查由市应急管理局（市三防办）发起');
    const problem = roundDatesProblem(input.startsOn, input.endsOn);
    if (problem) throw new AppError('invalid', problem, { field: 'endsOn' });
    const id = await db.transaction(async (tx) => {
      const id = await repo.insertRound(tx, { ...input, createdBy: actor.id, createdAt: clock().toISOString() });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'flood_check_round',
        entityId: id,
        after: input,
        divisionCode: actor.divisionCode,
      });
      return id;
    });
    return toRound((await repo.findRound(db, id))!);
  }

  /** The city (or the actor's town) summary: each town's 九必检 and its villages' 十个有. */
  async function view(ctx: TRequestContext, id: number): Promise<TFloodCheckRoundView> {
    const actor = requirePermission(ctx, 'resources.read');
    const row = await repo.findRound(db, id);
    if (!row) throw new AppError('not_found', NOT_FOUND);
    const round = row.r;
    const [towns, villages, results] = await Promise.all([
      repo.towns(db, actor.divisionCode),
      repo.villagesIn(db, actor.divisionCode),
      repo.results(db, id, actor.divisionCode),
    ]);
    const byUnit = groupResults(results);
    const townProgress = towns.map((t) => floodCheckProgress(round.townItems, byUnit.get(`${t.code}/`) ?? []));
    const villageProgress = villages.map((v) => ({
      townCode: v.townCode,
      p: floodCheckProgress(round.villageItems, byUnit.get(`${v.townCode}/${v.code}`) ?? []),
    }));
    return {
      round: toRound(row),
      towns: tallyFloodChecks(townProgress),
      villages: tallyFloodChecks(villageProgress.map((v) => v.p)),
      byTown: towns.map((t, i) => ({
        divisionCode: t.code,
        divisionName: t.name,
        progress: townProgress[i]!,
        villages: tallyFloodChecks(villageProgress.filter((v) => v.townCode === t.code).map((v) => v.p)),
      })),
    };
  }

  async function unitView(tx: Db, round: repo.TRoundRow, unit: TUnit): Promise<TFloodCheckUnit> {
    const results = await repo.results(tx, round.id, unit.townCode, unit.level === 'town' ? undefined : unit.villageCode);
    const byUnit = groupResults(results);
    const own = results.filter((r) => r.r.villageCode === unit.villageCode);
    const byItem = new Map(own.map((r) => [r.r.itemCode, r]));
    const items = itemsOf(round, unit);
    const villages = unit.level === 'town' ? await repo.villagesIn(tx, unit.townCode) : [];
    return {
      roundId: round.id,
      roundName: round.name,
      code: unit.code,
      name: unit.name,
      level: unit.level,
      townCode: unit.townCode,
      townName: unit.townName,
      departments: round.departments,
      items: items.map((i) => {
        const r = byItem.get(i.code);
        return {
          ...i,
          result: r
            ? {
                present: r.r.present,
                note: r.r.note,
                department: r.r.department,
                checkedByName: r.checkedByName,
                checkedOn: r.r.checkedOn,
                fixedOn: r.r.fixedOn,
                fixNote: r.r.fixNote,
                photos: r.r.photos,
              }
            : null,
        };
      }),
      progress: floodCheckProgress(
        items,
        own.map((r) => r.r),
      ),
      villages: villages.map((v) => ({
        code: v.code,
        name: v.name,
        progress: floodCheckProgress(round.villageItems, byUnit.get(`${v.townCode}/${v.code}`) ?? []),
      })),
    };
  }

  async function unit(ctx: TRequestContext, id: number, code: string): Promise<TFloodCheckUnit> {
    const actor = requirePermission(ctx, 'resources.read');
    const round = await loadRound(id);
    return unitView(db, round, await loadUnit(db, actor, code));
  }

  /** Records the items given (the rest stay as they were); all or none. */
  async function record(
    ctx: TRequestContext,
    id: number,
    code: string,
    input: z.output<typeof ZFloodCheckRecordSchema>,
  ): Promise<TFloodCheckUnit> {
    const actor = requirePermission(ctx, 'resources.manage');
    const round = await loadRound(id);
    const unit = await loadUnit(db, actor, code);
    if (!round.departments.includes(input.department))
      throw new AppError('invalid', `「${input.department}」不是本轮参检部门`, { field: 'department' });
    if (input.checkedOn < round.startsOn)
      throw new AppError('invalid', `检查日期不能早于本轮开始日期 ${round.startsOn}`, { field: 'checkedOn' });
    if (input.checkedOn > today()) throw new AppError('invalid', '检查日期不能晚于今天', { field: 'checkedOn' });
    const problem = floodCheckEntriesProblem(itemsOf(round, unit), input.entries);
    if (problem) throw new AppError('invalid', problem.message, { field: `entries.${problem.index}` });
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      for (const [i, e] of input.entries.entries()) {
        await attachments.requireExisting(tx, ctx, e.photos, `entries.${i}.photos`);
        const rowId = await repo.upsertResult(tx, {
          roundId: id,
          divisionCode: unit.townCode,
          villageCode: unit.villageCode,
          itemCode: e.itemCode,
          present: e.present,
          note: e.note,
          photos: e.photos,
          department: input.department,
          checkedOn: input.checkedOn,
          checkedBy: actor.id,
          updatedAt: at,
        });
        await attachments.link(tx, 'flood_check', rowId, e.photos);
      }
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'flood_check',
        entityId: `${id}/${code}`,
        after: input,
        divisionCode: unit.townCode,
      });
      return unitView(tx, round, unit);
    });
  }

  /** A missing item put right (整改销号): once, not before the check. */
  async function fix(
    ctx: TRequestContext,
    id: number,
    code: string,
    item: string,
    input: z.output<typeof ZFloodCheckFixSchema>,
  ): Promise<TFloodCheckUnit> {
    const actor = requirePermission(ctx, 'resources.manage');
    const round = await loadRound(id);
    const unit = await loadUnit(db, actor, code);
    if (input.fixedOn > today()) throw new AppError('invalid', '整改日期不能晚于今天', { field: 'fixedOn' });
    return db.transaction(async (tx) => {
      const row = await repo.lockResult(tx, id, unit.townCode, unit.villageCode, item);
      if (!row) throw new AppError('not_found', '该项尚未检查');
      const problem = floodCheckFixProblem(row, input.fixedOn);
      if (problem) throw new AppError('rule_violation', problem);
      await repo.setFixed(tx, row.id, input.fixedOn, input.note, clock().toISOString());
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'flood_check',
        entityId: `${id}/${code}/${item}`,
        before: { fixedOn: null },
        after: input,
        divisionCode: unit.townCode,
      });
      return unitView(tx, round, unit);
    });
  }

  return { rounds, create, view, unit, record, fix, ledger };
}

/** Results grouped by `town/village` ('' for a town's own items), as the progress rule reads them. */
function groupResults(results: repo.TResultRow[]) {
  const m = new Map<string, repo.TResultRow['r'][]>();
  for (const { r } of results) {
    const key = `${r.divisionCode}/${r.villageCode}`;
    const list = m.get(key);
    if (list) list.push(r);
    else m.set(key, [r]);
  }
  return m;
}
