import type { TRiskInitialGrade, TRiskManualEvent, TRiskProposal } from '@yingji/domain/risk/risk.schema';
import { riskEndpoints } from '@yingji/domain/risk/risk.contract';
import type { TEndpointResult } from '@yingji/domain/shared/contract';
import { call, endpointUrl, upload } from './client';

export type TProposalStatus = TRiskProposal['status'];
/** A firm whose assessment expires soon or has expired (risk/expiring). */
export type TExpiringGrade = TEndpointResult<typeof riskEndpoints.expiring>['items'][number];
/** A graded firm with coordinates (risk/map). */
export type TRiskMapPoint = TEndpointResult<typeof riskEndpoints.map>[number];

/** Sends the sheet itself as the request body, as the registry import does. */
function uploadSheet(file: File): Promise<TEndpointResult<typeof riskEndpoints.importPreview>> {
  return upload(endpointUrl(riskEndpoints.importPreview, { query: { fileName: file.name } }), file, {
    method: riskEndpoints.importPreview.method,
  });
}

export const riskApi = {
  panel: (enterpriseId: number) => call(riskEndpoints.panel, { params: { id: enterpriseId } }),
  setInitialGrade: (enterpriseId: number, body: TRiskInitialGrade) =>
    call(riskEndpoints.setInitialGrade, { params: { id: enterpriseId }, body }),
  recordEvent: (enterpriseId: number, body: TRiskManualEvent) => call(riskEndpoints.recordEvent, { params: { id: enterpriseId }, body }),
  proposals: (query: { status: TProposalStatus; page: number; pageSize: number }) => call(riskEndpoints.proposals, { query }),
  decide: (id: number, body: { approve: boolean; comment: string | null }) => call(riskEndpoints.decide, { params: { id }, body }),
  evaluateAll: () => call(riskEndpoints.evaluateAll),
  distribution: () => call(riskEndpoints.distribution),
  expiring: (query: { state: 'expiring' | 'expired'; page: number; pageSize: number }) => call(riskEndpoints.expiring, { query }),
  map: () => call(riskEndpoints.map),
  previewImport: uploadSheet,
  applyImport: (body: { token: string; fileName: string }) => call(riskEndpoints.importApply, { body }),
  templateUrl: endpointUrl(riskEndpoints.importTemplate),
};
