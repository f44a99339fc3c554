/**
 * Call-and-answer statistics: answer rate, median minutes to answer and escalations per town and per post, for a
 * season (the warnings issued in a year, Asia/Shanghai) or one warning. Counted from the rows with the pure
 * `answerStats`: each first call (stage 0) once, in the warning's latest version.
 */
import { answerStats, bureauDate, type TWarningStats } from '@yingji/domain';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { warningRecipients, warnings } from '../../db/schema';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { inScopeSql } from '../../shared/scope';
import * as repo from './warning.repo';

export function createWarningStatsService({ db, clock, audit }: Pick<TCore, 'db' | 'clock' | 'audit'>) {
  async function stats(ctx: TRequestContext, q: { year?: number | undefined; warningId?: number | undefined }): Promise<TWarningStats> {
    const actor = requirePermission(ctx, 'warning.read');
    const year = q.year ?? Number(bureauDate(clock()).slice(0, 4));
    const conds: SQL[] = [
      eq(warningRecipients.stage, 0),
      eq(warningRecipients.version, warnings.version),
      inScopeSql(warningRecipients.divisionCode, actor.divisionCode),
    ];
    if (q.warningId) conds.push(eq(warnings.id, q.warningId));
    else conds.push(gte(warnings.issuedAt, `${year}-01-01T00:00:00+08:00`), lt(warnings.issuedAt, `${year + 1}-01-01T00:00:00+08:00`));
    const rows = await db
      .select({
        warningId: warningRecipients.warningId,
        town: warningRecipients.divisionCode,
        post: warningRecipients.postTitle,
        sentAt: warningRecipients.sentAt,
        answeredAt: warningRecipients.answeredAt,
        escalated: sql<boolean>`${warningRecipients.escalatedAt} IS NOT NULL`,
      })
      .from(warningRecipients)
      .innerJoin(warnings, eq(warnings.id, warningRecipients.warningId))
      .where(and(...conds));
    const names = await repo.townNames(db, actor.divisionCode.slice(0, 4));
    const of = (group: (r: (typeof rows)[number]) => string) =>
      rows.map((r) => ({ group: group(r), sentAt: r.sentAt, answeredAt: r.answeredAt, escalated: r.escalated }));
    const [totals] = answerStats(of(() => '合计'));
    return {
      warnings: new Set(rows.map((r) => r.warningId)).size,
      totals: totals ?? { group: '合计', called: 0, answered: 0, rate: 0, medianMinutes: null, escalated: 0 },
      byTown: answerStats(of((r) => names.get(r.town) ?? r.town)).sort((a, b) => a.rate - b.rate || a.group.localeCompare(b.group)),
      byPost: answerStats(of((r) => r.post)).sort((a, b) => a.rate - b.rate || a.group.localeCompare(b.group)),
    };
  }

  async function exportStats(ctx: TRequestContext, q: { year?: number | undefined; warningId?: number | undefined }) {
    const s = await stats(ctx, q);
    type G = TWarningStats['byTown'][number];
    const columns = (label: string) => [
      { header: label, width: 16, value: (r: G) => r.group },
      { header: '应叫应', width: 10, value: (r: G) => r.called },
      { header: '已应答', width: 10, value: (r: G) => r.answered },
      { header: '应答率（%）', width: 12, value: (r: G) => r.rate },
      { header: '应答时间中位数（分钟）', width: 20, value: (r: G) => r.medianMinutes },
      { header: '升级次数', width: 10, value: (r: G) => r.escalated },
    ];
    const body = await ledgerBuffer([
      ledgerSheet('按镇街', columns('镇街'), [...s.byTown, s.totals]),
      ledgerSheet('按岗位', columns('岗位'), s.byPost),
    ]);
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'warning_stats', after: q }));
    return {
      body,
      fileName: ledgerFileName(
        q.warningId ? `叫应统计-预警${q.warningId}` : `叫应统计-${q.year ?? bureauDate(clock()).slice(0, 4)}年`,
        clock(),
      ),
    };
  }

  return { stats, exportStats };
}
export type TWarningStatsService = ReturnType<typeof createWarningStatsService>;
