import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCampaign, TCampaignCreate, THazardItem, THazardLevel } from '@yingji/domain/hazard/hazard.schema';
import type { THazardClearing, THazardDashboard, THazardMapPoint, THazardSelfFound } from '@yingji/domain/hazard/stats.schema';
import type {
  TListingStatus,
  TSupervision,
  TSupervisionActionCreate,
  TSupervisionCreate,
  TSupervisionTarget,
} from '@yingji/domain/hazard/supervision.schema';
import { api, toQueryString, type TQueryValue } from '../../api/client';

/** The period of a statistic: inclusive calendar days in Asia/Shanghai. */
export interface TPeriod {
  from: string;
  to: string;
}
export interface TDashboardFilter extends TPeriod {
  by: 'town' | 'category';
  divisionCode?: string | undefined;
}
export interface TSelfFoundFilter extends TPeriod {
  divisionCode?: string | undefined;
  level?: THazardLevel | undefined;
}
export interface TClearingFilter {
  months: number;
  divisionCode?: string | undefined;
}
export interface TSupervisionFilter {
  status?: TListingStatus | undefined;
  target?: TSupervisionTarget | undefined;
  divisionCode?: string | undefined;
  page: number;
  pageSize: number;
}

const q = <T extends object>(f: T) => f as unknown as Record<string, TQueryValue>;

export const HAZARD_VIEW_KEYS = {
  dashboard: (f: TDashboardFilter) => ['hazard-stats', 'dashboard', f] as const,
  clearing: (f: TClearingFilter) => ['hazard-stats', 'clearing', f] as const,
  selfFound: (f: TSelfFoundFilter) => ['hazard-stats', 'self-found', f] as const,
  map: ['hazard-stats', 'map'] as const,
  supervisions: ['supervisions'] as const,
  supervisionList: (f: TSupervisionFilter) => ['supervisions', 'list', f] as const,
  supervision: (id: number) => ['supervisions', 'detail', id] as const,
  campaigns: ['campaigns'] as const,
  majorOpen: (text: string) => ['hazards', 'major-open', text] as const,
};

export const hazardViewsApi = {
  dashboard: (f: TDashboardFilter) => api<THazardDashboard>('/hazard-stats/dashboard', { query: q(f) }),
  /** The Excel export is a plain download of exactly the figures shown. */
  dashboardExportUrl: (f: TDashboardFilter) => `/api/hazard-stats/dashboard.xlsx${toQueryString(q(f))}`,
  clearing: (f: TClearingFilter) => api<THazardClearing>('/hazard-stats/clearing', { query: q(f) }),
  selfFound: (f: TSelfFoundFilter) => api<THazardSelfFound>('/hazard-stats/self-found', { query: q(f) }),
  map: () => api<THazardMapPoint[]>('/hazard-stats/map'),
  supervisions: (f: TSupervisionFilter) => api<{ items: TSupervision[]; total: number }>('/supervisions', { query: q(f) }),
  supervision: (id: number) => api<TSupervision>(`/supervisions/${id}`),
  createSupervision: (body: TSupervisionCreate) => api<TSupervision>('/supervisions', { method: 'POST', body }),
  recordAction: (id: number, body: TSupervisionActionCreate) => api<TSupervision>(`/supervisions/${id}/actions`, { method: 'POST', body }),
  lift: (id: number, body: { note: string }) => api<TSupervision>(`/supervisions/${id}/lift`, { method: 'POST', body }),
  campaigns: () => api<TCampaign[]>('/campaigns'),
  createCampaign: (body: TCampaignCreate) => api<TCampaign>('/campaigns', { method: 'POST', body }),
  updateCampaign: (id: number, body: TCampaignCreate) => api<TCampaign>(`/campaigns/${id}`, { method: 'PUT', body }),
  /** Open major hazards matching a text (for picking the one to supervise). */
  majorOpen: (text: string) =>
    api<{ items: THazardItem[]; total: number }>('/hazards', {
      query: { level: 'major', open: 'true', q: text || undefined, page: 1, pageSize: 20 },
    }),
  hazard: (id: number) => api<THazardItem>(`/hazards/${id}`),
};

export const useDashboard = (f: TDashboardFilter) =>
  useQuery({ queryKey: HAZARD_VIEW_KEYS.dashboard(f), queryFn: () => hazardViewsApi.dashboard(f), placeholderData: keepPreviousData });
export const useClearing = (f: TClearingFilter) =>
  useQuery({ queryKey: HAZARD_VIEW_KEYS.clearing(f), queryFn: () => hazardViewsApi.clearing(f), placeholderData: keepPreviousData });
export const useSelfFound = (f: TSelfFoundFilter) =>
  useQuery({ queryKey: HAZARD_VIEW_KEYS.selfFound(f), queryFn: () => hazardViewsApi.selfFound(f), placeholderData: keepPreviousData });
export const useHazardMap = () => useQuery({ queryKey: HAZARD_VIEW_KEYS.map, queryFn: hazardViewsApi.map });
export const useSupervisions = (f: TSupervisionFilter) =>
  useQuery({
    queryKey: HAZARD_VIEW_KEYS.supervisionList(f),
    queryFn: () => hazardViewsApi.supervisions(f),
    placeholderData: keepPreviousData,
  });
export const useSupervision = (id: number) =>
  useQuery({
    queryKey: HAZARD_VIEW_KEYS.supervision(id),
    queryFn: () => hazardViewsApi.supervision(id),
    enabled: Number.isInteger(id) && id > 0,
  });
export const useCampaigns = () => useQuery({ queryKey: HAZARD_VIEW_KEYS.campaigns, queryFn: hazardViewsApi.campaigns });

/** After a change to a supervision: its page shows the answer, lists and the map refetch. */
export function useSupervisionSaved() {
  const queryClient = useQueryClient();
  return (s: TSupervision) => {
    queryClient.setQueryData(HAZARD_VIEW_KEYS.supervision(s.id), s);
    void queryClient.invalidateQueries({ queryKey: ['supervisions', 'list'] });
    void queryClient.invalidateQueries({ queryKey: HAZARD_VIEW_KEYS.map });
  };
}

export function useSaveCampaign(id: number | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCampaignCreate) => (id ? hazardViewsApi.updateCampaign(id, body) : hazardViewsApi.createCampaign(body)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: HAZARD_VIEW_KEYS.campaigns }),
  });
}

/** The hazard ledger's address with its filters (names of ZHazardListQuerySchema), leaving out empty ones. */
export const hazardListUrl = (filter: Record<string, TQueryValue>): string => `/hazards${toQueryString(filter)}`;

/** A share as the bureau writes it: 34.3 %, from the counts (never from a rounded ratio). */
export const sharePercent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
