/**
 * Codes shown as words: every enum the server sends (`ad_hoc`, `order`, `electrical`, …) goes through a label map
 * from domain/, so no code is ever shown raw; an unknown code reads 其他 rather than the code.
 */
import { Tag } from 'antd';

/** The Chinese label of a code; 其他 (or `fallback`) for a code the map does not know, '—' for none. */
export function enumLabel<K extends string>(
  labels: Partial<Record<K, string>>,
  code: K | string | null | undefined,
  fallback = '其他',
): string {
  if (code === null || code === undefined || code === '') return '—';
  return (labels as Record<string, string | undefined>)[code] ?? fallback;
}

/** Select options in the order of `values`, labelled from the map. */
export function enumOptions<K extends string>(values: readonly K[], labels: Record<K, string>): { value: K; label: string }[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

/** A coloured tag with the code's Chinese label; `colors` picks the colour per code (antd preset or hex). */
export function EnumTag<K extends string>({
  value,
  labels,
  colors,
}: {
  value: K | null | undefined;
  labels: Partial<Record<K, string>>;
  colors?: Partial<Record<K, string>>;
}) {
  if (value === null || value === undefined) return null;
  return <Tag color={colors?.[value]}>{enumLabel(labels, value)}</Tag>;
}

/** Yes / no as a tag: 是 in `yesColor`, 否 plain (或自定义文字). */
export function FlagTag({
  value,
  yes = '是',
  no = '否',
  yesColor = 'green',
}: {
  value: boolean;
  yes?: string;
  no?: string;
  yesColor?: string;
}) {
  return value ? <Tag color={yesColor}>{yes}</Tag> : <Tag>{no}</Tag>;
}
