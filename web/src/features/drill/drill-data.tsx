/** Shared bits of the drill pages: query keys, the duty tag, money and labels. */
import { Tag } from 'antd';
import type { TEmergencyPlanItem } from '@yingji/domain';

export const DRILL_KEYS = {
  all: ['drill'] as const,
  plans: ['drill', 'plans'] as const,
  plan: (id: number) => ['drill', 'plan', id] as const,
  drills: ['drill', 'drills'] as const,
  drill: (id: number) => ['drill', 'drill', id] as const,
  tasks: ['drill', 'tasks'] as const,
  training: ['drill', 'training'] as const,
};

/** 逾期 N 天 / N 天内到期 / 下次 yyyy-mm-dd / 无演练要求. */
export function DutyTag({ duty }: { duty: TEmergencyPlanItem['duty'] }) {
  if (duty.nextDueOn === null) return <Tag>无演练周期要求</Tag>;
  if (duty.overdue) return <Tag color="red">逾期 {-(duty.daysLeft ?? 0)} 天</Tag>;
  if ((duty.daysLeft ?? 0) <= 30) return <Tag color="gold">{duty.daysLeft} 天内到期</Tag>;
  return <Tag color="green">按期</Tag>;
}

/** 分 as 元 with two decimals; 万元 from 10,000 元. */
export const formatYuan = (fen: number): string =>
  fen >= 1_000_000 ? `${(fen / 1_000_000).toFixed(2)} 万元` : `${(fen / 100).toFixed(2)} 元`;

export const intervalText = (months: number | null): string =>
  months === null ? '—' : months % 12 === 0 ? `每 ${months / 12} 年至少一次` : `每 ${months} 个月至少一次`;
