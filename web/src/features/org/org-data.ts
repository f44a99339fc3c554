import { useQuery } from '@tanstack/react-query';
import type { TDepartment, TDivision } from '@yingji/domain/org/org.schema';
import { departmentApi } from '../../api/org.api';
import { DIVISION_KEYS } from '../../kit/towns';

export const ORG_KEYS = {
  divisions: DIVISION_KEYS.divisions,
  departments: ['org', 'departments'] as const,
  users: ['org', 'users'] as const,
  settings: ['org', 'settings'] as const,
};

export const useDepartments = (enabled = true) => useQuery({ queryKey: ORG_KEYS.departments, queryFn: departmentApi.list, enabled });

export interface TDivisionNode {
  value: string;
  title: string;
  key: string;
  children?: TDivisionNode[];
}

/**
 * Divisions as a tree for TreeSelect: a division whose parent is outside the list is a root. A city
 * without districts (中山市, 东莞市) has a county-level entry of the same name (442000) between the city
 * and its towns; it is left out so the towns hang directly under the city.
 */
export function divisionTree(divisions: readonly TDivision[]): TDivisionNode[] {
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const passThrough = new Set(divisions.filter((d) => d.parentCode && byCode.get(d.parentCode)?.name === d.name).map((d) => d.code));
  const nodes = new Map<string, TDivisionNode>();
  for (const d of divisions) if (!passThrough.has(d.code)) nodes.set(d.code, { value: d.code, key: d.code, title: d.name });
  const roots: TDivisionNode[] = [];
  for (const d of divisions) {
    const node = nodes.get(d.code);
    if (!node) continue;
    let parentCode = d.parentCode;
    while (parentCode && passThrough.has(parentCode)) parentCode = byCode.get(parentCode)?.parentCode ?? null;
    const parent = parentCode ? nodes.get(parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

export function divisionNames(divisions: readonly TDivision[] | undefined): Map<string, string> {
  return new Map((divisions ?? []).map((d) => [d.code, d.name]));
}

/** Departments a user of `divisionCode` may belong to: those of that division or one above it. */
export const departmentsFor = (departments: readonly TDepartment[], divisionCode: string | undefined): TDepartment[] =>
  divisionCode ? departments.filter((d) => divisionCode.startsWith(d.divisionCode)) : [...departments];
