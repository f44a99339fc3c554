/**
 * List filters kept in the address: a page declares its fields once (`text`, `oneOf`, `flag`, `int`, `date`) and gets
 * them parsed (an unknown value is dropped, never sent), the page and page size, and one `update` that writes a patch
 * back and returns to page 1. Going back from a record then returns to the same filtered page.
 */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** How one filter reads its address value; `undefined` when it is absent or not acceptable. */
export interface TParamField<T> {
  parse: (raw: string) => T | undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The field types of a list's filters. */
export const param = {
  /** Free text (a keyword), trimmed. */
  text: (): TParamField<string> => ({ parse: (raw) => raw.trim() || undefined }),
  /** One of a closed list of codes (a state, a kind). */
  oneOf: <T extends string>(values: readonly T[]): TParamField<T> => ({
    parse: (raw) => ((values as readonly string[]).includes(raw) ? (raw as T) : undefined),
  }),
  /** A yes/no filter as the API takes it: 'true' or 'false'. */
  flag: (): TParamField<'true' | 'false'> => ({ parse: (raw) => (raw === 'true' || raw === 'false' ? raw : undefined) }),
  /** A positive whole number (an id). */
  int: (): TParamField<number> => ({
    parse: (raw) => {
      const n = Number(raw);
      return Number.isSafeInteger(n) && n > 0 ? n : undefined;
    },
  }),
  /** A calendar date, `YYYY-MM-DD`. */
  date: (): TParamField<string> => ({ parse: (raw) => (DATE.test(raw) ? raw : undefined) }),
};

export type TParamSpec = Record<string, TParamField<unknown>>;
/** The filter a spec yields: every field optional. */
export type TParsed<S extends TParamSpec> = { [K in keyof S]?: S[K] extends TParamField<infer T> ? T : never };
export type TPatch<S extends TParamSpec> = { [K in keyof S]?: TParsed<S>[K] | null } & { page?: number; pageSize?: number };

export const PAGE_SIZES = [10, 20, 50, 100] as const;

/** The filter of `spec` read from `params`; values that do not parse are left out. */
export function parseParams<S extends TParamSpec>(spec: S, params: URLSearchParams): TParsed<S> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec)) {
    const raw = params.get(key);
    if (raw === null || raw === '') continue;
    const value = field.parse(raw);
    if (value !== undefined) out[key] = value;
  }
  return out as TParsed<S>;
}

/** `params` with `patch` written in: undefined, null and '' remove a key. */
export function serialiseParams(params: URLSearchParams, patch: Record<string, unknown>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

export interface TListParams<S extends TParamSpec> {
  /** The parsed filters, ready for the API and the export link. */
  filter: TParsed<S>;
  page: number;
  pageSize: number;
  /** How many filters are set, the keyword left out (the 筛选 button's count on a phone). */
  activeCount: number;
  /** Writes a patch into the address; back to page 1 unless the patch sets the page. */
  update: (patch: TPatch<S>) => void;
  /** Removes every filter. */
  clear: () => void;
}

/** The list's filters, page and page size, read from and written to the address. */
export function useListParams<S extends TParamSpec>(spec: S, { defaultPageSize = 20 }: { defaultPageSize?: number } = {}): TListParams<S> {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => parseParams(spec, params), [spec, params]);
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const size = Number(params.get('pageSize'));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : defaultPageSize;
  const activeCount = Object.keys(filter).filter((k) => k !== 'q').length;
  const update = (patch: TPatch<S>) => {
    const next = serialiseParams(params, patch);
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  return { filter, page, pageSize, activeCount, update, clear };
}
