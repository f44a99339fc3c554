/**
 * The case module's workbench items. Each count is the number of cases its link opens: a count by stage alone is read
 * from the roll-ups (`rollup_counts`, kept in the writer's transaction, the same scope as the list's); the others use
 * the case list's own filter (`listWhere`) for the actor.
 */
import { bureauDate, type TCaseListQuery, type TRole } from '@yingji/domain';
import type { TWorkbenchProvider } from '../../kit/workbench';
import type { TClock } from '../../shared/context';
import type { TSettingsService } from '../settings/settings.service';
import * as repo from './records/case-list.repo';
import { rollupCount } from '../rollup/rollup.repo';

type TFilter = Omit<TCaseListQuery, 'page' | 'pageSize'>;

export function caseWorkbench(clock: TClock, settings: TSettingsService): TWorkbenchProvider[] {
  const provider = (
    key: string,
    roles: readonly TRole[],
    item: { group: 'approval' | 'todo' | 'watch'; severity: 'danger' | 'warning' | 'info'; title: string; hint: string },
    filter: TFilter & Record<string, string>,
  ): TWorkbenchProvider => ({
    key,
    roles,
    items: async (db, actor) => {
      const href = `/cases?${new URLSearchParams(filter).toString()}`;
      if (filter.stage && Object.keys(filter).length === 1) {
        const count = await rollupCount(db, { subject: 'case', scope: actor.divisionCode, states: [filter.stage] });
        return [{ key, ...item, count, href }];
      }
      const where = repo.listWhere(
        actor.divisionCode,
        filter,
        bureauDate(clock()),
        { ...(await settings.get('caseProcedure')), calendar: await settings.get('workCalendar') },
        actor.id,
      );
      return [{ key, ...item, count: await repo.countCases(db, where), href }];
    },
  });
  const OFFICERS = ['town_officer', 'bureau_officer'] as const;
  return [
    provider(
      'case.legal_review_queue',
      ['legal_reviewer'],
      { group: 'todo', severity: 'warning', title: '待法制审核的案件', hint: '不含本人承办的案件（回避）' },
      { reviewable: 'true' },
    ),
    provider(
      'case.filing_approvals',
      ['bureau_leader'],
      { group: 'approval', severity: 'warning', title: '待立案审批', hint: '批准后开始计算 90 日办案期限' },
      { stage: 'pending_filing' },
    ),
    provider(
      'case.deliberations',
      ['bureau_leader'],
      { group: 'approval', severity: 'warning', title: '待集体讨论的案件', hint: '重大复杂案件、对个人罚款 5000 元以上等' },
      { stage: 'deliberation' },
    ),
    provider(
      'case.close_approvals',
      ['bureau_leader'],
      { group: 'approval', severity: 'info', title: '已缴清待结案审批', hint: '罚款已缴清，等待批准结案' },
      { stage: 'paid' },
    ),
    provider(
      'case.clocks_due',
      OFFICERS,
      { group: 'todo', severity: 'warning', title: '7 日内到期的办案期限', hint: '本人承办的案件' },
      { mine: 'true', clock: 'due_in_7_days' },
    ),
    provider(
      'case.clocks_overdue',
      OFFICERS,
      { group: 'todo', severity: 'danger', title: '已逾期的办案期限', hint: '本人承办的案件' },
      { mine: 'true', clock: 'overdue' },
    ),
  ];
}
