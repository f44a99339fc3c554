/** Resolving a town (镇街) from a free-text address, with current names, aliases and historical names (DOMAIN.md §9). */

export interface TTownName {
  code: string;
  /** A name as it may appear in an address: 坦洲镇, 坦洲, 火炬开发区, 东升镇 … */
  name: string;
}

export type TTownResolution =
  { kind: 'resolved'; code: string; matched: string } | { kind: 'none' } | { kind: 'ambiguous'; codes: string[]; matched: string[] };

const SUFFIXES = ['街道办事处', '街道', '镇', '乡'];

/** The short form of a town name (坦洲镇 → 坦洲), when it is long enough to be safe (two characters or more). */
export function shortTownName(name: string): string | null {
  for (const s of SUFFIXES) {
    if (name.endsWith(s)) {
      const short = name.slice(0, -s.length);
      return [...short].length >= 2 ? short : null;
    }
  }
  return null;
}

/**
 * Every name an address may use for each town: the current name and its short form, aliases, and
 * historical names with their short forms (东升镇 → 小榄镇's code).
 */
export function buildTownNames(
  towns: { code: string; name: string }[],
  history: { oldName: string; newCode: string }[],
  aliases: { code: string; name: string }[] = [],
): TTownName[] {
  const out = new Map<string, TTownName>();
  const add = (code: string, name: string | null) => {
    if (name && !out.has(`${code}|${name}`)) out.set(`${code}|${name}`, { code, name });
  };
  for (const t of towns) {
    add(t.code, t.name);
    add(t.code, shortTownName(t.name));
  }
  for (const h of history) {
    add(h.newCode, h.oldName);
    add(h.newCode, shortTownName(h.oldName));
  }
  for (const a of aliases) add(a.code, a.name);
  return [...out.values()];
}

const indexes = new WeakMap<TTownName[], Map<string, TTownName[]>>();
function indexByFirstChar(names: TTownName[]): Map<string, TTownName[]> {
  let index = indexes.get(names);
  if (!index) {
    index = new Map();
    for (const n of names) {
      const first = n.name[0]!;
      index.set(first, [...(index.get(first) ?? []), n]);
    }
    indexes.set(names, index);
  }
  return index;
}

/**
 * Finds the town an address names. A match inside a longer match is dropped (古镇镇 contains 古镇); if the
 * remaining matches name one town it is resolved, several towns make it ambiguous, none leaves it unresolved.
 */
export function resolveTown(address: string, names: TTownName[]): TTownResolution {
  const text = address.replace(/\s+/g, '');
  const byFirst = indexByFirstChar(names);
  const hits: { code: string; name: string; start: number; end: number }[] = [];
  // Only names starting with the character at hand are tried: a province's thousands of names cost
  // the same per address as a city's few dozen.
  for (let at = 0; at < text.length; at++) {
    for (const n of byFirst.get(text[at]!) ?? []) {
      if (text.startsWith(n.name, at)) hits.push({ code: n.code, name: n.name, start: at, end: at + n.name.length });
    }
  }
  const kept = hits.filter((h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start));
  const codes = [...new Set(kept.map((h) => h.code))];
  if (codes.length === 0) return { kind: 'none' };
  if (codes.length === 1) return { kind: 'resolved', code: codes[0]!, matched: kept[0]!.name };
  return { kind: 'ambiguous', codes: codes.sort(), matched: [...new Set(kept.map((h) => h.name))] };
}
