import { useQuery } from '@tanstack/react-query';
import { INSPECTION_KIND_LABELS, INSPECTION_KINDS, type TInspectionKind } from '@yingji/domain/inspection/inspection.schema';
import { catalogueApi } from '../../api/inspection.api';

export const INSPECTION_KEYS = {
  all: ['inspection'] as const,
  list: (f: object) => ['inspection', 'list', f] as const,
  detail: (id: number) => ['inspection', 'detail', id] as const,
  findings: (f: object) => ['inspection', 'findings', f] as const,
  findingSummary: (f: object) => ['inspection', 'findings', 'summary', f] as const,
  items: (f: object) => ['inspection', 'items', f] as const,
  checklists: ['inspection', 'checklists'] as const,
  checklist: (id: number) => ['inspection', 'checklist', id] as const,
};

export const KIND_OPTIONS = INSPECTION_KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k] }));
export const KIND_COLORS: Record<TInspectionKind, string> = { planned: 'blue', ad_hoc: 'default', unannounced: 'purple' };

export const COLOUR_LABELS: Record<string, { label: string; color: string }> = {
  red: { label: '红色', color: 'red' },
  orange: { label: '橙色', color: 'orange' },
  yellow: { label: '黄色', color: 'gold' },
  blue: { label: '蓝色', color: 'blue' },
};

export function useChecklists() {
  return useQuery({ queryKey: INSPECTION_KEYS.checklists, queryFn: catalogueApi.checklists, staleTime: 60_000 });
}
