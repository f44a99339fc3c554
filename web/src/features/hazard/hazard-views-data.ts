import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCampaignCreate, THazardLevel } from '@yingji/domain/hazard/hazard.schema';
import type { TListingStatus, TSupervision, TSupervisionTarget } from '@yingji/domain/hazard/supervision.schema';
import { toQueryString, type TQueryValue } from '../../api/client';
import { hazardViewsApi } from '../../api/hazard.api';

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

/** The calls themselves live with the hazard contracts' client (api/hazard.api.ts). */
export { hazardViewsApi };

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
