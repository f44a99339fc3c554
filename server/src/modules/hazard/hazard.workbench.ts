/**
 * The hazard module's workbench items. Each count uses the hazard list's own filter (`listWhere`) for the actor,
 * so the number on the card is exactly the number of rows its link opens; the open-hazard filters are served by
 * the partial indexes on open hazards.
 */
import { bureauDate, type THazardListQuery, type TRole } from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TWorkbenchProvider } from '../../kit/workbench';
import type { TActorContext } from '../../shared/context';
import * as repo from './records/hazard.repo';
import { hazardActor, viewerOf } from './records/hazard-access';
import type { TClock } from '../../shared/context';

type TFilter = Omit<THazardListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

const href = (filter: Record<string, string>) => `/hazards?${new URLSearchParams(filter).toString()}`;

function provider(
  clock: TClock,
  key: string,
  roles: readonly TRole[],
  item: { group: 'approval' | 'todo' | 'watch'; severity: 'danger' | 'warning' | 'info'; title: string; hint: string },
  filter: TFilter,
  link: Record<string, string>,
): TWorkbenchProvider {
  return {
    key,
    roles,
    items: async (db: Db, actor: TActorContext) => {
      const a = await hazardActor(db, { actor, clientAddress: null }, 'hazard.read');
      const count = await repo.countHazards(db, repo.listWhere(filter, viewerOf(a), bureauDate(clock())));
      return [{ key, ...item, count, href: href(link) }];
    },
  };
}

const OFFICERS = ['town_officer', 'bureau_officer'] as const;

export const hazardWorkbench = (clock: TClock): TWorkbenchProvider[] => [
  provider(
    clock,
    'hazard.overdue',
    [...OFFICERS, 'bureau_leader'],
    { group: 'todo', severity: 'danger', title: '逾期未整改的隐患', hint: '超过整改期限仍未销号' },
    { overdue: true },
    { overdue: 'true' },
  ),
  provider(
    clock,
    'hazard.awaiting_recheck',
    OFFICERS,
    { group: 'todo', severity: 'warning', title: '待复查销号的隐患', hint: '企业已提交整改，等待复查' },
    { state: 'submitted' },
    { state: 'submitted' },
  ),
  provider(
    clock,
    'hazard.extensions_pending',
    OFFICERS,
    { group: 'approval', severity: 'warning', title: '待审批的延期申请', hint: '由申请人以外的执法人员审批' },
    { extensionPending: true },
    { extensionPending: 'true' },
  ),
  provider(
    clock,
    'hazard.major_open',
    [...OFFICERS, 'bureau_leader'],
    { group: 'watch', severity: 'info', title: '未销号的重大事故隐患', hint: '重大隐患动态清零' },
    { open: true, level: 'major' },
    { open: 'true', level: 'major' },
  ),
  provider(
    clock,
    'hazard.to_sign',
    ['enterprise_user'],
    { group: 'todo', severity: 'warning', title: '待签收的整改指令', hint: '签收后开始整改' },
    { state: 'ordered' },
    { state: 'ordered' },
  ),
  provider(
    clock,
    'hazard.rectifying',
    ['enterprise_user'],
    { group: 'todo', severity: 'info', title: '整改中的隐患', hint: '整改完成后上传证据并提交' },
    { state: 'rectifying' },
    { state: 'rectifying' },
  ),
  provider(
    clock,
    'hazard.my_overdue',
    ['enterprise_user'],
    { group: 'todo', severity: 'danger', title: '已逾期的隐患', hint: '请尽快整改或申请延期' },
    { overdue: true },
    { overdue: 'true' },
  ),
];
