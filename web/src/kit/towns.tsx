/**
 * The divisions (区划) and towns (镇街) every module filters and picks by: one cached query each, the town options of
 * the user's scope, a code → name lookup, and the 镇街 filter and picker.
 */
import { useQuery } from '@tanstack/react-query';
import type { TDivision } from '@yingji/domain/org/org.schema';
import { Select } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { divisionApi } from '../api/org.api';
import { useCurrentMe } from '../app/auth';

export const DIVISION_KEYS = {
  divisions: ['org', 'divisions'] as const,
  cityTowns: ['org', 'divisions', 'city-towns'] as const,
};

/** The divisions inside the user's scope; they change rarely, so they are kept for the whole visit. */
export const useDivisions = () => useQuery({ queryKey: DIVISION_KEYS.divisions, queryFn: divisionApi.list, staleTime: Infinity });

export interface TTowns {
  towns: TDivision[];
  names: Map<string, string>;
  options: { value: string; label: string }[];
  /** Every town of the city, also outside the user's scope (transfer targets). */
  cityOptions: { value: string; label: string }[];
  isPending: boolean;
}

/** The towns (镇街) in the user's scope, sorted by code, and a code → name lookup for every division. */
export function useTowns(): TTowns {
  const divisions = useDivisions();
  const cityTowns = useQuery({ queryKey: DIVISION_KEYS.cityTowns, queryFn: divisionApi.cityTowns, staleTime: Infinity });
  return useMemo(() => {
    const all = divisions.data ?? [];
    const towns = all.filter((d) => d.level === 'town').sort((a, b) => a.code.localeCompare(b.code));
    const city = [...(cityTowns.data ?? [])].sort((a, b) => a.code.localeCompare(b.code));
    return {
      towns,
      names: new Map([...all, ...city].map((d) => [d.code, d.name])),
      options: towns.map((t) => ({ value: t.code, label: t.name })),
      cityOptions: city.map((t) => ({ value: t.code, label: t.name })),
      isPending: divisions.isPending || cityTowns.isPending,
    };
  }, [divisions.data, divisions.isPending, cityTowns.data, cityTowns.isPending]);
}

/** A division's name, the code itself when unknown, '—' for none. */
export const townName = (names: Map<string, string>, code: string | null | undefined): string => (code ? (names.get(code) ?? code) : '—');

/** A text with bare 9-digit town codes (as some timeline entries carry them) given the towns' names. */
export const withTownNames = (text: string, names: Map<string, string>): string =>
  text.replace(/(?<!\d)\d{9}(?!\d)/g, (code) => names.get(code) ?? code);

/** Whether the user sees more than one town (a town user's data is his own town's only). */
export function useSeesTowns(): boolean {
  return useCurrentMe().user.divisionCode.length < 9;
}

/**
 * The 镇街 filter of a list: searchable, cleared to 全部镇街. A town user sees only his own town, so he gets none.
 * `extra` options go first (the city body itself, 本级).
 */
export function TownFilter({
  value,
  onChange,
  style = { width: 140 },
  placeholder = '全部镇街',
  extra = [],
}: {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  style?: CSSProperties;
  placeholder?: string;
  extra?: { value: string; label: string }[];
}) {
  const towns = useTowns();
  if (!useSeesTowns()) return null;
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      options={[...extra, ...towns.options]}
      value={value}
      onChange={(v?: string) => onChange(v)}
      style={style}
      aria-label={placeholder === '全部镇街' ? '镇街' : placeholder}
    />
  );
}

/** A town picker for a form field (value and onChange from Form.Item); `city` offers every town of the city. */
export function TownSelect({
  value,
  onChange,
  city = false,
  id,
  placeholder = '选择镇街',
  disabled,
}: {
  value?: string;
  onChange?: (code: string) => void;
  city?: boolean;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
}) {
  const towns = useTowns();
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      loading={towns.isPending}
      options={city ? towns.cityOptions : towns.options}
      value={value}
      onChange={onChange}
      disabled={disabled}
    />
  );
}
