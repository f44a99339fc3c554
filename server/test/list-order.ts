import { expect } from 'vitest';
import type { THarness } from './harness';

/**
 * Helpers of the list-order tests: every page of a list read in turn, a sort key with the id as its tie-break, and
 * the check that keys come in the asked direction. `allPages` stops at the first empty page and fails there when the
 * list's total promised more rows than it gave.
 */
export async function allPages<T>(h: THarness, cookie: string, url: string, pageSize = 200): Promise<T[]> {
  const items: T[] = [];
  for (let p = 1; ; p++) {
    const res = await h.call('GET', `${url}${url.includes('?') ? '&' : '?'}pageSize=${pageSize}&page=${p}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json().items as T[];
    items.push(...page);
    if (items.length >= res.json().total) return items;
    // a total larger than the rows there are would page for ever: an empty page ends it, and the check fails
    if (page.length === 0) {
      expect(items.length, `${url}: total ${res.json().total} but only ${items.length} rows listed`).toBe(res.json().total);
      return items;
    }
  }
}

/** A sort key that orders as text: the parts, then the id zero-padded (the lists' tie-break). */
export const keyWithId = (id: number, ...parts: string[]) => [...parts, String(id).padStart(9, '0')].join('|');

export function expectInOrder(keys: string[], order: 'asc' | 'desc'): void {
  const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  expect(keys).toEqual(order === 'asc' ? sorted : sorted.reverse());
}
