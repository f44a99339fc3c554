/**
 * Filter controls bound to a list's address filters (`useListParams`): a select, a date range and a yes-only
 * checkbox, each one line in a page. Changing one returns the list to page 1.
 */
import { Checkbox, DatePicker, Select } from 'antd';
import { dayjs } from '../app/locale';
import type { TListParams, TParamSpec } from './url-params';
import { useIsPhone } from './list-page';

type TOption = { value: string | number; label: string; disabled?: boolean };
type TLoose = { filter: Record<string, unknown>; update: (patch: Record<string, unknown>) => void };
const loose = <S extends TParamSpec>(list: TListParams<S>) => list as unknown as TLoose;

/** A select writing one filter; cleared, the filter goes. */
export function SelectFilter<S extends TParamSpec>({
  list,
  name,
  placeholder,
  options,
  width = 140,
  loading,
  search = false,
  label,
}: {
  list: TListParams<S>;
  name: keyof S & string;
  placeholder: string;
  /** The accessible name, when the placeholder is not one (全部状态 → 状态). */
  label?: string;
  options: TOption[];
  width?: number;
  loading?: boolean;
  search?: boolean;
}) {
  const l = loose(list);
  const value = l.filter[name];
  return (
    <Select
      allowClear
      showSearch={search ? { optionFilterProp: 'label' } : undefined}
      placeholder={placeholder}
      aria-label={label ?? placeholder}
      style={{ width }}
      loading={loading}
      popupMatchSelectWidth={false}
      options={options.map((o) => ({ ...o, value: String(o.value) }))}
      value={value === undefined ? undefined : String(value)}
      onChange={(v?: string) => l.update({ [name]: v })}
    />
  );
}

/** A from–to date range (both ends or neither) writing `from` and `to`, or the names given. */
export function DateRangeFilter<S extends TParamSpec>({
  list,
  from = 'from',
  to = 'to',
  placeholder,
}: {
  list: TListParams<S>;
  from?: keyof S & string;
  to?: keyof S & string;
  placeholder?: [string, string];
}) {
  const l = loose(list);
  const isPhone = useIsPhone();
  const start = l.filter[from] as string | undefined;
  const end = l.filter[to] as string | undefined;
  return (
    <DatePicker.RangePicker
      placeholder={placeholder}
      inputReadOnly={isPhone}
      value={start && end ? [dayjs(start), dayjs(end)] : null}
      onChange={(r) => l.update({ [from]: r?.[0]?.format('YYYY-MM-DD'), [to]: r?.[1]?.format('YYYY-MM-DD') })}
    />
  );
}

/** A checkbox that sets a yes/no filter to 'true' when ticked and removes it when not. */
export function FlagFilter<S extends TParamSpec>({ list, name, label }: { list: TListParams<S>; name: keyof S & string; label: string }) {
  const l = loose(list);
  return (
    <Checkbox checked={l.filter[name] === 'true'} onChange={(e) => l.update({ [name]: e.target.checked ? 'true' : undefined })}>
      {label}
    </Checkbox>
  );
}
