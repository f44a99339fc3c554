import type {
  TAssessmentPreview,
  TRiskColour,
  TRiskDistribution,
  TRiskGrade,
  TRiskInitialGrade,
  TRiskManualEvent,
  TRiskPanel,
  TRiskProposal,
} from '@yingji/domain/risk/risk.schema';
import { api, ApiError } from './client';
import type { TPage } from './org.api';

export type TProposalStatus = TRiskProposal['status'];

export interface TExpiringGrade {
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  divisionName: string | null;
  colour: TRiskColour;
  basis: TRiskGrade['basis'];
  assessedOn: string;
  validUntil: string;
  daysLeft: number;
}

export interface TRiskMapPoint {
  id: number;
  name: string;
  colour: TRiskColour;
  longitude: number;
  latitude: number;
  divisionName: string | null;
}

/** Sends the sheet itself as the request body, as the registry import does. */
async function uploadSheet(file: File): Promise<TAssessmentPreview> {
  let res: Response;
  try {
    res = await fetch(`/api/risk-imports/preview?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string; field?: string; details?: unknown };
  if (!res.ok)
    throw new ApiError(
      res.status,
      (body.code ?? 'internal') as ApiError['code'],
      body.message ?? `请求失败（HTTP ${res.status}）`,
      body.field,
      body.details,
    );
  return body as unknown as TAssessmentPreview;
}

export const riskApi = {
  panel: (enterpriseId: number) => api<TRiskPanel>(`/risk/enterprises/${enterpriseId}`),
  setInitialGrade: (enterpriseId: number, body: TRiskInitialGrade) =>
    api<TRiskGrade>(`/risk/enterprises/${enterpriseId}/grade`, { method: 'POST', body }),
  recordEvent: (enterpriseId: number, body: TRiskManualEvent) =>
    api<{ eventId: number | null; recorded: boolean; proposalId: number | null }>(`/risk/enterprises/${enterpriseId}/events`, {
      method: 'POST',
      body,
    }),
  proposals: (query: { status: TProposalStatus; page: number; pageSize: number }) =>
    api<TPage<TRiskProposal>>('/risk/proposals', { query }),
  decide: (id: number, body: { approve: boolean; comment: string | null }) =>
    api<TRiskProposal>(`/risk/proposals/${id}/decision`, { method: 'POST', body }),
  evaluateAll: () => api<{ evaluated: number; proposed: number; withdrawn: number }>('/risk/evaluations', { method: 'POST' }),
  distribution: () => api<TRiskDistribution>('/risk/distribution'),
  expiring: (query: { state: 'expiring' | 'expired'; page: number; pageSize: number }) =>
    api<TPage<TExpiringGrade> & { withinDays: number }>('/risk/expiring', { query }),
  map: () => api<TRiskMapPoint[]>('/risk/map'),
  previewImport: uploadSheet,
  applyImport: (body: { token: string; fileName: string }) => api<TAssessmentPreview>('/risk-imports/apply', { method: 'POST', body }),
  templateUrl: '/api/risk-imports/template',
};
