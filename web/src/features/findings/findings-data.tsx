import { useQuery } from '@tanstack/react-query';
import { MEASURE_STATE_LABELS, type TMeasureState } from '@yingji/domain/findings/findings.rules';
import type { TMeasure } from '@yingji/domain/findings/findings.schema';
import { Select, Tag } from 'antd';
import { findingsApi, FINDINGS_KEYS } from '../../api/findings.api';
import { EnumTag } from '../../kit';

export const STATE_COLORS: Record<TMeasureState, string> = {
  open: 'default',
  in_progress: 'processing',
  submitted: 'gold',
  signed_off: 'green',
};

export const MeasureStateTag = ({ state }: { state: TMeasureState }) => (
  <EnumTag value={state} labels={MEASURE_STATE_LABELS} colors={STATE_COLORS} />
);

/** 已超期 / 临期 beside the deadline; nothing when on time or done. */
export function DueTag({ due }: { due: TMeasure['due'] }) {
  if (due === 'overdue') return <Tag color="red">已超期</Tag>;
  if (due === 'due_soon') return <Tag color="orange">临期</Tag>;
  if (due === 'long_term') return <Tag color="blue">长期坚持</Tag>;
  return null;
}

/** The people who may own or review a measure, by name with their division. */
export function PersonPicker({
  value,
  onChange,
  exclude,
  id,
}: {
  value?: number;
  onChange?: (v: number) => void;
  exclude?: number;
  id?: string;
}) {
  const people = useQuery({ queryKey: [...FINDINGS_KEYS.all, 'people'], queryFn: findingsApi.people, staleTime: 60_000 });
  return (
    <Select
      id={id}
      showSearch
      optionFilterProp="label"
      placeholder="选择人员"
      loading={people.isLoading}
      value={value}
      onChange={onChange}
      options={(people.data?.items ?? []).filter((p) => p.id !== exclude).map((p) => ({ value: p.id, label: p.displayName }))}
    />
  );
}
