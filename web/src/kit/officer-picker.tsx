/**
 * The user picker of the enforcement forms: officers of the inspector pool (执法人员名录) with their certificates; an
 * officer whose certificate has run out on the day in question cannot be picked.
 */
import { useQuery } from '@tanstack/react-query';
import type { TInspectorOption } from '@yingji/domain/inspection/inspection.schema';
import { Select } from 'antd';
import { useMemo } from 'react';
import { inspectionApi } from '../api/inspection.api';

/** The certified officers the user may assign, cached for a minute. */
export function useOfficers() {
  return useQuery({ queryKey: ['inspection', 'inspector-options'], queryFn: inspectionApi.inspectorOptions, staleTime: 60_000 });
}

/** `张三（执法证 44200012，已于 2026-01-31 到期）`. */
export const officerLabel = (o: TInspectorOption, expired: boolean): string =>
  `${o.displayName}（执法证 ${o.certificateNo}${expired ? `，已于 ${o.certificateExpiresOn} 到期` : ''}）`;

export function OfficerPicker({
  value,
  onChange,
  id,
  multiple = false,
  on,
  divisionPrefix,
  exclude = [],
  label = officerLabel,
  placeholder,
}: {
  value?: number | number[];
  onChange?: (v: number | number[]) => void;
  id?: string;
  multiple?: boolean;
  /** The day the officers act (YYYY-MM-DD): a certificate expired before it is refused. */
  on?: string;
  /** Only officers of this division or below (a town's case is handled by that town's officers). */
  divisionPrefix?: string | undefined;
  exclude?: number[];
  label?: (o: TInspectorOption, expired: boolean) => string;
  placeholder?: string;
}) {
  const officers = useOfficers();
  const options = useMemo(
    () =>
      (officers.data ?? [])
        .filter((o) => !exclude.includes(o.userId) && (!divisionPrefix || o.divisionCode.startsWith(divisionPrefix)))
        .map((o) => {
          const expired = on !== undefined && o.certificateExpiresOn < on;
          return { value: o.userId, label: label(o, expired), disabled: expired };
        }),
    [officers.data, exclude, divisionPrefix, on, label],
  );
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      loading={officers.isFetching}
      options={options}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
    />
  );
}
