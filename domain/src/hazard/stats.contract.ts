/** The hazard views' endpoints: the dashboard and its export, 动态清零, the self-found share, the map. */
import { z } from 'zod';
import { defineEndpoint, FILE_RESPONSE } from '../shared/contract';
import {
  ZHazardClearingQuerySchema,
  ZHazardClearingSchema,
  ZHazardDashboardQuerySchema,
  ZHazardDashboardSchema,
  ZHazardMapPointSchema,
  ZHazardSelfFoundQuerySchema,
  ZHazardSelfFoundSchema,
} from './stats.schema';

const tags = ['hazard'] as const;

export const hazardStatsEndpoints = {
  dashboard: defineEndpoint({
    method: 'GET',
    path: '/api/hazard-stats/dashboard',
    access: 'hazard.stats',
    summary: '隐患治理看板：按镇街或类别的未销号、逾期、重大隐患未销号，期间发现与销号',
    tags,
    query: ZHazardDashboardQuerySchema,
    response: ZHazardDashboardSchema,
  }),
  dashboardExport: defineEndpoint({
    method: 'GET',
    path: '/api/hazard-stats/dashboard.xlsx',
    access: 'hazard.stats',
    summary: '导出隐患治理看板（Excel）',
    tags,
    query: ZHazardDashboardQuerySchema,
    response: FILE_RESPONSE,
  }),
  clearing: defineEndpoint({
    method: 'GET',
    path: '/api/hazard-stats/clearing',
    access: 'hazard.stats',
    summary: '重大隐患动态清零：每月末未销号数、当月发现与销号数',
    tags,
    query: ZHazardClearingQuerySchema,
    response: ZHazardClearingSchema,
  }),
  selfFound: defineEndpoint({
    method: 'GET',
    path: '/api/hazard-stats/self-found',
    access: 'hazard.stats',
    summary: '企业自查自报隐患占比（按镇街、期间）',
    tags,
    query: ZHazardSelfFoundQuerySchema,
    response: ZHazardSelfFoundSchema,
  }),
  map: defineEndpoint({
    method: 'GET',
    path: '/api/hazard-stats/map',
    access: 'hazard.stats',
    summary: '未销号重大隐患分布（有坐标的企业）',
    tags,
    response: z.array(ZHazardMapPointSchema),
  }),
};
