import type { TWarningLevel } from '@yingji/domain/warning/warning.settings';
import { Tag } from 'antd';

export const LEVEL_COLORS: Record<TWarningLevel, string> = { blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' };
export const LEVEL_LABELS: Record<TWarningLevel, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };
export const SOURCE_LABELS = { meteorological: '气象台', bureau: '本局（三防办）' } as const;
export const STAGE_LABELS = ['本人', '上级岗位', '带班领导'];

/** 暴雨红色预警 as a coloured tag. */
export function WarningTag({ kind, level }: { kind: string; level: TWarningLevel }) {
  return <Tag color={LEVEL_COLORS[level]}>{`${kind}${LEVEL_LABELS[level]}预警`}</Tag>;
}
