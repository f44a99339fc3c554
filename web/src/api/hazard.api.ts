import type { THazardListQuery } from '@yingji/domain/hazard/hazard.schema';
import { attachmentEndpoints } from '@yingji/domain/attachment/attachment.contract';
import { hazardEndpoints } from '@yingji/domain/hazard/hazard.contract';
import { campaignEndpoints } from '@yingji/domain/hazard/campaign.contract';
import { hazardStatsEndpoints } from '@yingji/domain/hazard/stats.contract';
import { supervisionEndpoints } from '@yingji/domain/hazard/supervision.contract';
import type { TEndpoint, TEndpointInput, TEndpointResult } from '@yingji/domain/shared/contract';
import { call, endpointUrl, upload } from './client';
import type { TAttachment } from './attachment.api';

type TQueryOf<E extends TEndpoint> = TEndpointInput<E> extends { query: infer Q } ? Q : never;
type TBodyOf<E extends TEndpoint> = TEndpointInput<E> extends { body: infer B } ? B : never;
type TStatsQuery<E extends keyof typeof hazardStatsEndpoints> = TQueryOf<(typeof hazardStatsEndpoints)[E]>;
type TSupervisionBody<E extends keyof typeof supervisionEndpoints> = TBodyOf<(typeof supervisionEndpoints)[E]>;
type TCampaignBody = TBodyOf<typeof campaignEndpoints.create>;

type TBody<E extends keyof typeof hazardEndpoints> = TBodyOf<(typeof hazardEndpoints)[E]>;

/** The list filter as it travels in the address and the query string (booleans as 'true' / 'false'). */
export type THazardFilter = {
  [
    K in Exclude<keyof THazardListQuery, 'page' | 'pageSize' | 'open' | 'overdue' | 'supervised' | 'extensionPending'>
  ]?: THazardListQuery[K];
} & {
  open?: 'true' | 'false';
  overdue?: 'true' | 'false';
  supervised?: 'true' | 'false';
  extensionPending?: 'true' | 'false';
};

/** One item of the major-hazard criteria (重大事故隐患判定标准), as /hazard-criteria lists it. */
export type THazardCriterion = TEndpointResult<typeof hazardEndpoints.criteria>[number];

export const hazardApi = {
  list: (filter: THazardFilter & { page: number; pageSize: number }) => call(hazardEndpoints.list, { query: { ...filter } }),
  exportUrl: (filter: THazardFilter) => endpointUrl(hazardEndpoints.export, { query: { ...filter } }),
  detail: (id: number) => call(hazardEndpoints.detail, { params: { id } }),
  create: (body: TBody<'create'>) => call(hazardEndpoints.create, { body }),
  act: (id: number, body: TBody<'act'>) => call(hazardEndpoints.act, { params: { id }, body }),
  orderDocxUrl: (id: number) => endpointUrl(hazardEndpoints.orderDocx, { params: { id } }),
  fromFindings: (body: TBody<'fromFindings'>) => call(hazardEndpoints.fromFindings, { body }),
  ofInspection: (inspectionId: number) => call(hazardEndpoints.ofInspection, { params: { id: inspectionId } }),
  criteria: () => call(hazardEndpoints.criteria),
  campaigns: () => call(campaignEndpoints.list),
};

/** The hazard views: the dashboards, 挂牌督办 and 专项行动. */
export const hazardViewsApi = {
  dashboard: (query: TStatsQuery<'dashboard'>) => call(hazardStatsEndpoints.dashboard, { query }),
  /** The Excel export is a plain download of exactly the figures shown. */
  dashboardExportUrl: (query: TStatsQuery<'dashboardExport'>) => endpointUrl(hazardStatsEndpoints.dashboardExport, { query: { ...query } }),
  clearing: (query: TStatsQuery<'clearing'>) => call(hazardStatsEndpoints.clearing, { query }),
  selfFound: (query: TStatsQuery<'selfFound'>) => call(hazardStatsEndpoints.selfFound, { query }),
  map: () => call(hazardStatsEndpoints.map),
  supervisions: (query: TQueryOf<typeof supervisionEndpoints.list>) => call(supervisionEndpoints.list, { query }),
  supervision: (id: number) => call(supervisionEndpoints.detail, { params: { id } }),
  createSupervision: (body: TSupervisionBody<'create'>) => call(supervisionEndpoints.create, { body }),
  recordAction: (id: number, body: TSupervisionBody<'addAction'>) => call(supervisionEndpoints.addAction, { params: { id }, body }),
  lift: (id: number, body: TSupervisionBody<'lift'>) => call(supervisionEndpoints.lift, { params: { id }, body }),
  campaigns: () => call(campaignEndpoints.list),
  createCampaign: (body: TCampaignBody) => call(campaignEndpoints.create, { body }),
  updateCampaign: (id: number, body: TCampaignBody) => call(campaignEndpoints.update, { params: { id }, body }),
  /** Open major hazards matching a text (for picking the one to supervise). */
  majorOpen: (text: string) => hazardApi.list({ level: 'major', open: 'true', ...(text ? { q: text } : {}), page: 1, pageSize: 20 }),
  hazard: (id: number) => hazardApi.detail(id),
};

/** A rectification document (PDF) as an attachment, sent as the body to the upload's contract address; the server decides by its bytes whether it takes it. */
export function uploadDocument(file: File): Promise<TAttachment> {
  return upload(endpointUrl(attachmentEndpoints.upload, { query: { fileName: file.name.slice(0, 200) || '材料.pdf' } }), file, {
    method: attachmentEndpoints.upload.method,
    contentType: file.type,
  });
}
