/** The flood-season check ledger (汛前检查台账) in Excel, through the one ledger exporter; the export is audited. */
import { FLOOD_CHECK_STATE_LABELS, type TFloodCheckItem, type TFloodCheckRoundView } from '@yingji/domain';
import { requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import * as repo from './flood-check.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit'> & {
  today: () => string;
  /** The round's view in the reader's scope (its summary by town is the second sheet). */
  view: (ctx: TRequestContext, id: number) => Promise<TFloodCheckRoundView>;
};

export function createFloodCheckLedger({ db, clock, audit, today, view }: TDeps) {
  /** The ledger: every town's and village's every item (unchecked ones too) and a summary by town. */
  async function ledger(ctx: TRequestContext, id: number) {
    const actor = requirePermission(ctx, 'resources.read');
    const v = await view(ctx, id);
    const round = (await repo.findRound(db, id))!.r; // view() has answered 404 for a round that does not exist
    const [towns, villages, results] = await Promise.all([
      repo.towns(db, actor.divisionCode),
      repo.villagesIn(db, actor.divisionCode),
      repo.results(db, id, actor.divisionCode),
    ]);
    const byKey = new Map(results.map((r) => [`${r.r.divisionCode}/${r.r.villageCode}/${r.r.itemCode}`, r]));
    const townName = new Map(towns.map((t) => [t.code, t.name]));
    type TRow = { town: string; village: string; item: TFloodCheckItem; level: string; r: repo.TResultRow | undefined };
    const rows: TRow[] = [];
    for (const t of towns) {
      for (const item of round.townItems)
        rows.push({ town: t.name, village: '', item, level: '九必检', r: byKey.get(`${t.code}//${item.code}`) });
      for (const vil of villages.filter((x) => x.townCode === t.code))
        for (const item of round.villageItems)
          rows.push({
            town: townName.get(vil.townCode) ?? vil.townCode,
            village: vil.name,
            item,
            level: '十个有',
            r: byKey.get(`${vil.townCode}/${vil.code}/${item.code}`),
          });
    }
    const result = (r: repo.TResultRow | undefined) => (!r ? '未检查' : r.r.present ? '有' : r.r.fixedOn ? '缺（已整改）' : '缺');
    type TSum = TFloodCheckRoundView['byTown'][number];
    const body = await ledgerBuffer([
      ledgerSheet<TRow>(
        '检查明细',
        [
          { header: '镇街', width: 12, value: (x) => x.town },
          { header: '村居', width: 14, value: (x) => x.village },
          { header: '检查表', width: 8, value: (x) => x.level },
          { header: '编号', width: 6, value: (x) => x.item.code },
          { header: '检查项', width: 40, value: (x) => x.item.label },
          { header: '结果', width: 12, value: (x) => result(x.r) },
          { header: '情况说明', width: 30, value: (x) => x.r?.r.note },
          { header: '检查部门', width: 20, value: (x) => x.r?.r.department },
          { header: '检查人', width: 10, value: (x) => x.r?.checkedByName },
          { header: '检查日期', width: 12, value: (x) => x.r?.r.checkedOn },
          { header: '整改日期', width: 12, value: (x) => x.r?.r.fixedOn },
          { header: '整改情况', width: 30, value: (x) => x.r?.r.fixNote },
          { header: '照片数', width: 8, value: (x) => x.r?.r.photos.length },
        ],
        rows,
      ),
      ledgerSheet<TSum>(
        '镇街汇总',
        [
          { header: '镇街', width: 12, value: (t) => t.divisionName },
          { header: '九必检', width: 10, value: (t) => FLOOD_CHECK_STATE_LABELS[t.progress.state] },
          { header: '九必检已检项', width: 12, value: (t) => `${t.progress.recorded}/${t.progress.total}` },
          { header: '九必检缺失项', width: 12, value: (t) => t.progress.missing.length },
          { header: '村居数', width: 8, value: (t) => t.villages.units },
          { header: '十个有已完成村居', width: 16, value: (t) => t.villages.complete },
          { header: '十个有缺失项', width: 12, value: (t) => t.villages.missingItems },
          { header: '未整改问题', width: 12, value: (t) => t.progress.open.length + t.villages.openProblems },
        ],
        v.byTown,
      ),
    ]);
    await db.transaction((tx) =>
      audit.record(tx, ctx, {
        action: 'export',
        entity: 'flood_check_round',
        entityId: id,
        after: { rows: rows.length },
        divisionCode: actor.divisionCode,
      }),
    );
    return { body, fileName: ledgerFileName(`汛前检查台账-${round.name}`, clock()), date: today() };
  }

  return { ledger };
}
