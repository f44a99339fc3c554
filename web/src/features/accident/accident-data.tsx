import {
  ACCIDENT_GRADE_LABELS,
  ACCIDENT_INDUSTRIES,
  ACCIDENT_TYPES,
  ACCIDENT_TYPE_LABELS,
  EMERGENCY_TYPES,
  EMERGENCY_TYPE_LABELS,
  REPORT_LEVEL_LABELS,
  type TAccidentGrade,
  type TReportLevel,
} from '@yingji/domain/accident/accident.data';
import { Tag } from 'antd';

export const ACCIDENT_KEYS = { all: ['accident'] as const };

export const TYPE_OPTIONS = ACCIDENT_TYPES.map((t) => ({ value: t.code, label: t.label }));
export const EMERGENCY_OPTIONS = EMERGENCY_TYPES.map((t) => ({ value: t.code, label: t.label }));
export const INDUSTRY_OPTIONS = ACCIDENT_INDUSTRIES.map((i) => ({ value: i, label: i }));
export const GRADE_OPTIONS = (Object.keys(ACCIDENT_GRADE_LABELS) as TAccidentGrade[]).map((g) => ({
  value: g,
  label: ACCIDENT_GRADE_LABELS[g],
}));

const GRADE_COLOURS: Record<TAccidentGrade, string> = { general: 'blue', larger: 'orange', major: 'red', especially_major: 'magenta' };

export function GradeTag({ grade }: { grade: TAccidentGrade | null }) {
  if (!grade) return <Tag>突发事件</Tag>;
  return <Tag color={GRADE_COLOURS[grade]}>{ACCIDENT_GRADE_LABELS[grade]}事故</Tag>;
}

export const typeLabel = (a: { accidentType: string | null; emergencyType: string | null }): string =>
  a.accidentType
    ? (ACCIDENT_TYPE_LABELS[a.accidentType as keyof typeof ACCIDENT_TYPE_LABELS] ?? a.accidentType)
    : a.emergencyType
      ? (EMERGENCY_TYPE_LABELS[a.emergencyType as keyof typeof EMERGENCY_TYPE_LABELS] ?? a.emergencyType)
      : '—';

export const levelLabel = (l: TReportLevel | null): string => (l ? REPORT_LEVEL_LABELS[l] : '—');

/** Fen as 元 with thousands separators, or 万元 for large sums as the seed writes them. */
export function formatLoss(fen: number): string {
  const yuan = fen / 100;
  if (yuan >= 10_000) return `${(yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
  return `${yuan.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
}

export function ClockTag({ state, minutesLate }: { state: string; minutesLate: number }) {
  if (state === 'on_time') return <Tag color="green">按时</Tag>;
  if (state === 'late') return <Tag color="red">迟报 {minutesLate} 分钟</Tag>;
  if (state === 'overdue') return <Tag color="red">已超时 {minutesLate} 分钟未报</Tag>;
  if (state === 'pending') return <Tag color="gold">待上报</Tag>;
  return <Tag>未接报</Tag>;
}

export const pct = (v: number | null): string => (v === null ? '—' : `${v > 0 ? '+' : ''}${v}%`);
