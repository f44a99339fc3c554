import { useQuery } from '@tanstack/react-query';
import {
  HAZARD_CATEGORIES,
  HAZARD_CATEGORY_LABELS,
  HAZARD_LEVEL_LABELS,
  HAZARD_SOURCE_LABELS,
  HAZARD_SOURCES,
  HAZARD_STATE_LABELS,
  HAZARD_STATES,
  type THazardItem,
  type THazardState,
  type TMe,
} from '@yingji/domain';
import { Tag } from 'antd';
import { hazardApi } from '../../api/hazard.api';

export const HAZARD_KEYS = {
  all: ['hazard'] as const,
  list: (f: object) => ['hazard', 'list', f] as const,
  detail: (id: number) => ['hazard', 'detail', id] as const,
  ofInspection: (id: number) => ['hazard', 'of-inspection', id] as const,
  criteria: ['hazard', 'criteria'] as const,
  campaigns: ['hazard', 'campaigns'] as const,
};

export const STATE_COLORS: Record<THazardState, string> = {
  found: 'default',
  ordered: 'blue',
  rectifying: 'gold',
  submitted: 'purple',
  closed: 'green',
};
export const STATE_OPTIONS = HAZARD_STATES.map((s) => ({ value: s, label: HAZARD_STATE_LABELS[s] }));
export const CATEGORY_OPTIONS = HAZARD_CATEGORIES.map((c) => ({ value: c, label: HAZARD_CATEGORY_LABELS[c] }));
export const SOURCE_OPTIONS = HAZARD_SOURCES.map((s) => ({ value: s, label: HAZARD_SOURCE_LABELS[s] }));
export const LEVEL_OPTIONS = (['general', 'major'] as const).map((l) => ({ value: l, label: HAZARD_LEVEL_LABELS[l] }));

/** The tags a hazard carries everywhere it is listed: state, 重大, 逾期, 督办. */
export function HazardTags({ h }: { h: Pick<THazardItem, 'state' | 'level' | 'overdue' | 'supervised'> }) {
  return (
    <span className="hazard-tags">
      <Tag color={STATE_COLORS[h.state]}>{HAZARD_STATE_LABELS[h.state]}</Tag>
      {h.level === 'major' && <Tag color="volcano">重大</Tag>}
      {h.overdue && <Tag color="red">逾期</Tag>}
      {h.supervised && <Tag color="magenta">督办</Tag>}
    </span>
  );
}

/** The firm an enterprise user speaks for (GET /api/auth/me names it); null for everyone else. */
export function meEnterprise(me: TMe): { id: number; name: string } | null {
  if (me.user.role !== 'enterprise_user' || !me.enterpriseId) return null;
  return { id: me.enterpriseId, name: me.enterpriseName ?? `企业 #${me.enterpriseId}` };
}

export function useHazardCriteria(enabled = true) {
  return useQuery({ queryKey: HAZARD_KEYS.criteria, queryFn: hazardApi.criteria, staleTime: 5 * 60_000, enabled });
}

export function useCampaigns(enabled = true) {
  return useQuery({ queryKey: HAZARD_KEYS.campaigns, queryFn: hazardApi.campaigns, staleTime: 60_000, enabled });
}

/** Money is kept in fen; the forms speak yuan. */
export const fenToYuan = (fen: number | null | undefined): string =>
  fen == null ? '—' : `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
