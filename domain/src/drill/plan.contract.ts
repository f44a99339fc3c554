/** The emergency plans' endpoints: the plan ledger and its export, compliance, registration, edits, revisions, linked resources. */
import { z } from 'zod';
import { FILE_RESPONSE, defineEndpoint, idParams } from '../shared/contract';
import { DRILL_TAGS, listOf } from './drill.fields';
import {
  ZComplianceQuerySchema,
  ZComplianceSchema,
  ZEmergencyPlanDetailSchema,
  ZEmergencyPlanInputSchema,
  ZEmergencyPlanItemSchema,
  ZEmergencyPlanListQuerySchema,
  ZEmergencyPlanRevisionSchema,
  ZEmergencyPlanUpdateSchema,
  ZPlanResourceOptionsQuerySchema,
  ZPlanResourceSchema,
} from './plan.schema';

const planId = idParams('预案编号');

export const emergencyPlanEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/drill/plans',
    access: 'drill.read',
    summary: '应急预案台账（含演练周期、上次演练、下次应演练日期、是否逾期）',
    tags: DRILL_TAGS,
    query: ZEmergencyPlanListQuerySchema,
    response: listOf(ZEmergencyPlanItemSchema),
  }),
  export: defineEndpoint({
    method: 'GET',
    path: '/api/drill/plans/export',
    access: 'drill.read',
    summary: '导出应急预案台账（Excel）',
    tags: DRILL_TAGS,
    query: ZEmergencyPlanListQuerySchema.omit({ page: true, pageSize: true }),
    response: FILE_RESPONSE,
  }),
  compliance: defineEndpoint({
    method: 'GET',
    path: '/api/drill/compliance',
    access: 'drill.read',
    summary: '预案演练履职情况：按镇街、类别、层级或编制单位统计逾期未演练',
    tags: DRILL_TAGS,
    query: ZComplianceQuerySchema,
    response: ZComplianceSchema,
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/drill/plans',
    access: 'drill.plan',
    summary: '登记应急预案',
    tags: DRILL_TAGS,
    body: ZEmergencyPlanInputSchema,
    response: ZEmergencyPlanDetailSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: 'GET',
    path: '/api/drill/plans/:id',
    access: 'drill.read',
    summary: '应急预案详情：版本、演练记录、演练义务',
    tags: DRILL_TAGS,
    params: planId,
    response: ZEmergencyPlanDetailSchema,
  }),
  update: defineEndpoint({
    method: 'PATCH',
    path: '/api/drill/plans/:id',
    access: 'drill.plan',
    summary: '修改应急预案登记信息',
    tags: DRILL_TAGS,
    params: planId,
    body: ZEmergencyPlanUpdateSchema,
    response: ZEmergencyPlanDetailSchema,
  }),
  resourceOptions: defineEndpoint({
    method: 'GET',
    path: '/api/drill/resource-options',
    access: 'drill.plan',
    summary: '可供预案关联的物资仓库或避难场所（本人管辖范围内）',
    tags: DRILL_TAGS,
    query: ZPlanResourceOptionsQuerySchema,
    response: z.object({ items: z.array(ZPlanResourceSchema) }),
  }),
  revise: defineEndpoint({
    method: 'POST',
    path: '/api/drill/plans/:id/versions',
    access: 'drill.plan',
    summary: '上传预案修订版本（可关联引发修订的演练）',
    tags: DRILL_TAGS,
    params: planId,
    body: ZEmergencyPlanRevisionSchema,
    response: ZEmergencyPlanDetailSchema,
  }),
};
