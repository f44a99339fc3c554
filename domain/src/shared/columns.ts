/** Column mapping of an uploaded sheet: which column holds each field, by the user's choice or by its usual headers. */

/** A field an import reads: its label, whether it must be present, and the headers it usually carries. */
export interface TColumnField {
  label: string;
  required: boolean;
  headers: readonly string[];
}

const norm = (h: string) => h.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/**
 * Recognises columns by their usual Chinese headers; a chosen (or remembered) mapping field → header wins.
 * Returns the column index of each field found, and the required fields that are missing.
 */
export function matchColumns<F extends string>(
  fields: Record<F, TColumnField>,
  headers: readonly string[],
  chosen: Partial<Record<F, string>> = {},
): { columns: Partial<Record<F, number>>; missing: F[] } {
  const normalised = headers.map((h) => norm(String(h ?? '')));
  const columns: Partial<Record<F, number>> = {};
  const keys = Object.keys(fields) as F[];
  for (const field of keys) {
    const wanted: readonly string[] = chosen[field] ? [chosen[field]!, ...fields[field].headers] : fields[field].headers;
    const index = wanted.map((w) => normalised.indexOf(norm(w))).find((i) => i >= 0);
    if (index !== undefined) columns[field] = index;
  }
  const missing = keys.filter((f) => fields[f].required && columns[f] === undefined);
  return { columns, missing };
}
