/**
 * A database timestamp (`timestamptz` read as a string, e.g. `2026-11-27 10:00:00+00`) as the API's ISO 8601 UTC
 * string; null stays null. The one presenter every module uses for instants.
 */
export function iso(v: string): string;
export function iso(v: string | null): string | null;
export function iso(v: string | null): string | null {
  return v === null ? null : new Date(v).toISOString();
}
