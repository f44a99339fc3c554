import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZHazardClearingQuerySchema,
  ZHazardClearingSchema,
  ZHazardDashboardQuerySchema,
  ZHazardDashboardSchema,
  ZHazardMapPointSchema,
  ZHazardSelfFoundQuerySchema,
  ZHazardSelfFoundSchema,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock } from '../../shared/context';
import type { TAttachmentService } from '../attachment/attachment.service';
import type { TAuditService } from '../audit/audit.service';
import type { TSettingsService } from '../settings/settings.service';
import { campaignRoutes } from './campaign.routes';
import { createCampaignService } from './campaign.service';
import { createHazardStatsService, type THazardStatsService } from './hazard-stats.service';
import { supervisionRoutes } from './supervision.routes';
import { createSupervisionService } from './supervision.service';
import { contentDisposition } from '../../kit/ledger-export';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['hazard'];

export function hazardStatsRoutes(app: FastifyInstance, { hazardStats }: { hazardStats: THazardStatsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/hazard-stats/dashboard', {
    config: { access: 'hazard.stats' },
    schema: {
      tags,
      summary: '隐患治理看板：按镇街或类别的未销号、逾期、重大隐患未销号，期间发现与销号',
      querystring: ZHazardDashboardQuerySchema,
      response: { 200: ZHazardDashboardSchema },
    },
    handler: (request) => hazardStats.dashboard(request.ctx, request.query),
  });

  r.get('/api/hazard-stats/dashboard.xlsx', {
    config: { access: 'hazard.stats' },
    schema: { tags, summary: '导出隐患治理看板（Excel）', querystring: ZHazardDashboardQuerySchema },
    handler: async (request, reply) => {
      const { buffer, fileName } = await hazardStats.exportDashboard(request.ctx, request.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('hazard-dashboard.xlsx', fileName))
        .send(buffer);
    },
  });

  r.get('/api/hazard-stats/clearing', {
    config: { access: 'hazard.stats' },
    schema: {
      tags,
      summary: '重大隐患动态清零：每月末未销号数、当月发现与销号数',
      querystring: ZHazardClearingQuerySchema,
      response: { 200: ZHazardClearingSchema },
    },
    handler: (request) => hazardStats.clearing(request.ctx, request.query),
  });

  r.get('/api/hazard-stats/self-found', {
    config: { access: 'hazard.stats' },
    schema: {
      tags,
      summary: '企业自查自报隐患占比（按镇街、期间）',
      querystring: ZHazardSelfFoundQuerySchema,
      response: { 200: ZHazardSelfFoundSchema },
    },
    handler: (request) => hazardStats.selfFound(request.ctx, request.query),
  });

  r.get('/api/hazard-stats/map', {
    config: { access: 'hazard.stats' },
    schema: { tags, summary: '未销号重大隐患分布（有坐标的企业）', response: { 200: z.array(ZHazardMapPointSchema) } },
    handler: (request) => hazardStats.map(request.ctx),
  });
}

/** The hazard views (挂牌督办, 专项行动, statistics) wired at once: one line each in the module index. */
export function createHazardViews(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  attachments: TAttachmentService;
  clock: TClock;
}) {
  return {
    supervisions: createSupervisionService(deps),
    campaigns: createCampaignService(deps),
    hazardStats: createHazardStatsService(deps),
  };
}

export function hazardViewsRoutes(app: FastifyInstance, views: ReturnType<typeof createHazardViews>) {
  supervisionRoutes(app, views);
  campaignRoutes(app, views);
  hazardStatsRoutes(app, views);
}
