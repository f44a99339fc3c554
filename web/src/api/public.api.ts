import type { TDrawInputs } from '@yingji/domain/inspection/draw.schema';
import type { TPlanStratum } from '@yingji/domain/inspection/inspection.settings';
import { api } from './client';

export interface TPublicDraw {
  id: number;
  body: string;
  planTitle: string;
  planYear: number;
  label: string;
  status: 'committed' | 'drawn' | 'superseded';
  commitment: string;
  candidatesHash: string;
  inspectorsHash: string;
  candidateCount: number;
  committedAt: string;
  drawnAt: string | null;
  publishedAt: string | null;
  seed: string | null;
  targetCount: number;
  redrawOf: number | null;
  redrawReason: string | null;
}

export interface TPublicTarget {
  position: number;
  enterpriseName: string;
  divisionName: string | null;
  stratum: TPlanStratum;
  inspectorNames: string[];
  result: {
    inspectedOn: string;
    conclusion: string | null;
    findings: number;
    publishBy: string;
    published: boolean;
    overdue: boolean;
  } | null;
}

/** The public (no login) side of 双随机一公开. */
export const publicApi = {
  draws: (page: number, pageSize = 20) => api<{ items: TPublicDraw[]; total: number }>('/public/draws', { query: { page, pageSize } }),
  draw: (id: number, page: number, pageSize = 100) =>
    api<{ draw: TPublicDraw; targets: TPublicTarget[]; resultDays: number }>(`/public/draws/${id}`, { query: { page, pageSize } }),
  inputs: (id: number) => api<TDrawInputs>(`/public/draws/${id}/inputs`),
  inputsUrl: (id: number) => `/api/public/draws/${id}/inputs`,
};
