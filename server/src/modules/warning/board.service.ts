/**
 * What the bureau reads of a warning while it runs: who may see it (`loadVisible`), the live board per town
 * (answered / waiting / escalated, and who is silent) and the call log.
 */
import { AppError, type TWarningBoard } from '@yingji/domain';
import type { Db } from '../../db/client';
import type { warnings } from '../../db/schema';
import { requirePermission } from '../../kit/access';
import { createSnapshotCache } from '../../kit/snapshot-cache';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import * as repo from './warning.repo';

type TWarningRow = typeof warnings.$inferSelect;

/** The live topic of a warning's board. */
export const boardTopic = (warningId: number) => `warning-board:${warningId}`;

/** The warning, if the actor may read it: the city's officers, a town's officers when the town is in its area. */
export async function loadVisible(db: Db, ctx: TRequestContext, id: number) {
  const actor = requirePermission(ctx, 'warning.read');
  return { actor, w: visibleTo(actor, await repo.findWarning(db, id)) };
}

function visibleTo(actor: { divisionCode: string }, w: TWarningRow | undefined): TWarningRow {
  if (!w || !w.divisionCode.startsWith(actor.divisionCode.slice(0, 4)) || !repo.warningVisible(w, actor.divisionCode))
    throw new AppError('not_found', '预警不存在');
  return w;
}

type TBuiltBoard = Omit<TWarningBoard, 'generatedAt' | 'towns'> & {
  towns: (Omit<TWarningBoard['towns'][number], 'silent'> & { silent: TWarningBoard['towns'][number]['silent']; sentMs: number[] })[];
};

export function createBoardService(core: Pick<TCore, 'db' | 'clock'>) {
  const { db, clock } = core;
  const load = (ctx: TRequestContext, id: number) => loadVisible(db, ctx, id);

  /**
   * Boards kept per warning and reader's scope while the warning's board stamp is unchanged: twenty officers
   * watching a board, each reading it a few times a second, cost one look-up a read until something changes, and
   * readers who miss together share one build. Minutes silent and the time are worked out at each read.
   */
  // At most 200 boards (a warning × a reader's scope each), the oldest going first; built again when the minute turns
  // even if unchanged, since town and village names are not in the stamp.
  const kept = createSnapshotCache<TBuiltBoard>({ max: 200, period: 60_000 });

  async function boardOf(scope: string, w: TWarningRow, logStamp: string | null): Promise<TWarningBoard> {
    const now = clock();
    const key = `${w.id}:${scope}`;
    const built = await kept.keep(key, `${w.version}:${w.state}:${logStamp}`, now, () => build(scope, w));
    const nowMs = now.getTime();
    return {
      ...built,
      generatedAt: now.toISOString(),
      towns: built.towns.map(({ sentMs, ...t }) => ({
        ...t,
        silent: t.silent.map((p, i) => ({ ...p, minutesSilent: Math.floor((nowMs - sentMs[i]!) / 60_000) })),
      })),
    };
  }

  async function build(scope: string, w: TWarningRow): Promise<TBuiltBoard> {
    const [{ counts, silent }, names] = await Promise.all([repo.boardRows(db, w.id, w.version, scope), repo.townNames(db, w.divisionCode)]);
    const byTown = new Map<string, { silent: TWarningBoard['towns'][number]['silent']; sentMs: number[] }>();
    for (const { divisionCode, ...person } of silent) {
      let town = byTown.get(divisionCode);
      if (!town) byTown.set(divisionCode, (town = { silent: [], sentMs: [] }));
      town.silent.push({ ...person, minutesSilent: null });
      town.sentMs.push(new Date(person.sentAt).getTime());
    }
    const towns = counts
      .map((c) => ({ ...c, name: names.get(c.code) ?? c.code, ...(byTown.get(c.code) ?? { silent: [], sentMs: [] }) }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const sum = (k: 'called' | 'answered' | 'waiting' | 'escalated') => towns.reduce((n, t) => n + t[k], 0);
    return {
      warningId: w.id,
      state: w.state,
      totals: { called: sum('called'), answered: sum('answered'), waiting: sum('waiting'), escalated: sum('escalated') },
      towns,
    };
  }

  async function readBoard(actor: { divisionCode: string }, id: number) {
    const found = await repo.findWarningWithBoardStamp(db, id);
    return boardOf(actor.divisionCode, visibleTo(actor, found?.w), found?.stamp ?? null);
  }

  async function board(ctx: TRequestContext, id: number) {
    return readBoard(requirePermission(ctx, 'warning.read'), id);
  }

  /** For the live stream: the board read at each push (access checked once, when the stream opens). */
  async function boardReader(ctx: TRequestContext, id: number) {
    const { actor } = await load(ctx, id);
    return () => readBoard(actor, id);
  }

  async function log(ctx: TRequestContext, id: number, page: number) {
    const { actor, w } = await load(ctx, id);
    const { items, total } = await repo.logPage(db, id, actor.divisionCode, 100, (page - 1) * 100);
    const names = await repo.townNames(db, w.divisionCode);
    return { total, items: items.map((l) => ({ ...l, townName: names.get(l.divisionCode) ?? '市' })) };
  }

  return { board, boardReader, log };
}
