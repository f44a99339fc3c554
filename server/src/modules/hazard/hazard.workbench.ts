/**
 * The hazard module's workbench items. An officer's counts by state, level and overdue are read from the roll-ups
 * (`rollup_counts`, kept in the writer's transaction), which count exactly the rows the list's filter (`listWhere`)
 * opens; the rest (an enterprise user's own firm, pending extensions) use the list's filter itself.
 */
import { bureauDate, type THazardListQuery, type TRole } from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TWorkbenchProvider } from '../../kit/workbench';
import type { TActorContext } from '../../shared/context';
import * as repo from './records/hazard.repo';
import { hazardActor, viewerOf } from './records/hazard-access';
import type { TClock } from '../../shared/context';
import { OPEN_HAZARD_STATES, overdueHazardCount, rollupCount } from '../rollup/rollup.repo';

type TFilter = Omit<THazardListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

const href = (filter: Record<string, string>) => `/hazards?${new URLSearchParams(filter).toString()}`;

function provider(
  clock: TClock,
  key: string,
  roles: readonly TRole[],
  item: { group: 'approval' | 'todo' | 'watch'; severity: 'danger' | 'warning' | 'info'; title: string; hint: string },
  filter: TFilter,
  link: Record<string, string>,
  /** The same count from the roll-ups for an officer, whose list is his division scope. */
  fromRollups?: (db: Db, scope: string, today: string) => Promise<number>,
): TWorkbenchProvider {
  return {
    key,
    roles,
    items: async (db: Db, actor: TActorContext) => {
      const a = await hazardActor(db, { actor, clientAddress: null }, 'hazard.read');
      const viewer = viewerOf(a);
      const today = bureauDate(clock());
      const count =
        fromRollups && 'scope' in viewer
          ? await fromRollups(db, viewer.scope, today)
          : await repo.countHazards(db, repo.listWhere(filter, viewer, today));
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
    (db, scope, today) => overdueHazardCount(db, scope, today),
  ),
  provider(
    clock,
    'hazard.awaiting_recheck',
    OFFICERS,
    { group: 'todo', severity: 'warning', title: '待复查销号的隐患', hint: '企业已提交整改，等待复查' },
    { state: 'submitted' },
    { state: 'submitted' },
    (db, scope) => rollupCount(db, { subject: 'hazard', scope, states: ['submitted'] }),
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
    (db, scope) => rollupCount(db, { subject: 'hazard', scope, states: OPEN_HAZARD_STATES, kind: 'major' }),
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
