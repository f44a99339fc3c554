import { AppError, bureauDate, resultPublishBy, type TPlanStratum } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock } from '../../../shared/context';
import type { TSettingsService } from '../../settings/settings.service';
import * as inspectorRepo from '../inspectors/inspector.repo';
import * as repo from './draw.repo';
import { drawLinks } from './draw.read';
import type { TDrawService } from './draw.service';
import { iso } from '../../../shared/iso';
import { divisionNames } from '../../../shared/divisions';

export type TPublicationService = ReturnType<typeof createPublicationService>;

/**
 * 一公开 (国办发〔2015〕58号): what anyone may read without logging in. A draw of an approved plan shows its
 * commitment and list hashes from step 1; the seed and the targets only once the draw is published; an
 * inspection's conclusion only once that inspection is published, else its deadline (resultDays working days after the check, the bureau's calendar).
 */
export function createPublicationService({
  db,
  draws,
  settings,
  clock,
}: {
  db: Db;
  draws: TDrawService;
  settings: TSettingsService;
  clock: TClock;
}) {
  const toPublic = (d: repo.TDrawSummary, bodies: Map<string, string>) => {
    const published = d.publishedAt !== null;
    return {
      id: d.id,
      body: d.divisionCode.length === 9 ? `${bodies.get(d.divisionCode) ?? d.divisionCode}应急管理部门` : '市应急管理局',
      planTitle: d.planTitle,
      planYear: d.planYear,
      label: d.label,
      status: d.status,
      commitment: d.commitment,
      candidatesHash: d.candidatesHash,
      inspectorsHash: d.inspectorsHash,
      candidateCount: Number(d.candidateCount),
      committedAt: iso(d.committedAt)!,
      drawnAt: iso(d.drawnAt),
      publishedAt: iso(d.publishedAt),
      seed: published ? d.seed : null,
      targetCount: published ? Number(d.targetCount) : 0,
      ...drawLinks(d),
    };
  };

  async function bodyNames(items: repo.TDrawSummary[]): Promise<Map<string, string>> {
    const towns = [...new Set(items.map((d) => d.divisionCode).filter((c) => c.length === 9))];
    return divisionNames(db, towns);
  }

  async function list(page: number, pageSize: number, q?: string) {
    const { items, total } = await repo.listPublicDraws(db, page, pageSize, q);
    const names = await bodyNames(items);
    return { items: items.map((d) => toPublic(d, names)), total };
  }

  async function findPublic(id: number) {
    const draw = await repo.findDraw(db, id);
    const visible = draw && (await repo.planIsPublic(db, draw.planId));
    if (!draw || !visible) throw new AppError('not_found', '没有这条公开的抽取记录');
    return draw;
  }

  async function detail(id: number, page: number, pageSize: number) {
    const draw = await findPublic(id);
    const head = toPublic(draw, await bodyNames([draw]));
    const { resultDays } = await settings.get('inspectionPublication');
    if (!draw.publishedAt) return { draw: head, targets: [], resultDays };
    const calendar = await settings.get('workCalendar');
    const today = bureauDate(clock());
    const rows = await repo.listTargets(db, id, (page - 1) * pageSize, pageSize);
    const inspectorNames = await inspectorRepo.namesOf(db, [...new Set(rows.flatMap((r) => r.inspectorIds))]);
    return {
      draw: head,
      resultDays,
      targets: rows.map((r) => {
        const publishBy = r.inspectedOn ? resultPublishBy(calendar, r.inspectedOn, resultDays) : null;
        const published = r.resultPublishedAt !== null;
        return {
          position: r.position,
          enterpriseName: r.enterpriseName,
          divisionName: r.divisionName,
          stratum: r.stratum as TPlanStratum,
          inspectorNames: r.inspectorIds.map((i) => inspectorNames.get(i) ?? '—'),
          result:
            r.inspectedOn && publishBy
              ? {
                  inspectedOn: r.inspectedOn,
                  conclusion: published ? r.conclusion : null,
                  findings: published ? (r.findingsCount ?? 0) : 0,
                  publishBy,
                  published,
                  overdue: !published && today > publishBy,
                }
              : null,
        };
      }),
    };
  }

  /** The frozen inputs for rerunning in the browser: only for a published draw (the seed is revealed with it). */
  async function inputs(id: number) {
    const draw = await findPublic(id);
    if (!draw.publishedAt) throw new AppError('not_found', '该抽取结果尚未公开');
    return draws.inputsOf(db, id, true);
  }

  return { list, detail, inputs };
}
