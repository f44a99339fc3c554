/** The enterprise picker of every form that names a firm: searched on the server by name or credit code. */
import { useQuery } from '@tanstack/react-query';
import type { TEnterprise } from '@yingji/domain/enterprise/enterprise.schema';
import { Select } from 'antd';
import { useState } from 'react';
import { enterpriseApi } from '../api/enterprise.api';

/** `企业名称（镇街）`, as the pickers list a firm. */
export const firmLabel = (e: Pick<TEnterprise, 'name' | 'divisionName' | 'divisionCode'>): string =>
  `${e.name}（${e.divisionName ?? e.divisionCode}）`;

/**
 * An enterprise (of one town when `divisionCode` is given), searched by name or credit code (at least 2 characters).
 * `current` labels the firm already chosen when the page opens (an edited user's firm, a firm named in the address),
 * before any search; `onPicked` hands over the whole record of the firm picked (its address, tags, category).
 */
export function FirmPicker({
  value,
  onChange,
  onPicked,
  divisionCode,
  current,
  label = firmLabel,
  id,
  loading,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  onPicked?: (e: TEnterprise | undefined) => void;
  divisionCode?: string | undefined;
  current?: { id: number; name: string } | null;
  label?: (e: TEnterprise) => string;
  id?: string;
  loading?: boolean;
}) {
  const [keyword, setKeyword] = useState('');
  const search = useQuery({
    queryKey: ['enterprise', 'firm-picker', divisionCode, keyword],
    queryFn: () => enterpriseApi.list({ q: keyword, ...(divisionCode ? { divisionCode } : {}), page: 1, pageSize: 20 }),
    enabled: keyword.trim().length >= 2,
  });
  const options = (search.data?.items ?? []).map((e) => ({ value: e.id, label: label(e) }));
  if (current && value === current.id && !options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: current.name });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      allowClear
      value={value ?? undefined}
      onChange={(v?: number) => {
        onChange?.(v ?? null);
        onPicked?.(v === undefined ? undefined : search.data?.items.find((e) => e.id === v));
      }}
      placeholder="输入企业名称或信用代码（至少 2 个字）"
      loading={search.isFetching || loading}
      notFoundContent={keyword.trim().length < 2 ? '请输入至少 2 个字' : divisionCode ? '本镇街没有找到该企业' : '没有找到企业'}
      options={options}
    />
  );
}
