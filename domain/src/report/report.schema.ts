/** The report builder's contracts: a period and scope in, the table of defined figures with year-on-year out. */
import { z } from 'zod';
import { defineEndpoint, FILE_RESPONSE } from '../shared/contract';
import { PERIOD_KINDS, reportPeriodRange } from './report.rules';

export const ZReportQuerySchema = z
  .object({
    kind: z.enum(PERIOD_KINDS, { error: '报告期类型应为 月、季度、半年、年 或 自定义' }),
    year: z.coerce.number().int().optional(),
    part: z.coerce.number().int().optional(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '开始日期格式应为 YYYY-MM-DD')
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '结束日期格式应为 YYYY-MM-DD')
      .optional(),
    divisionCode: z
      .string()
      .regex(/^\d{4}(\d{5})?$/, '范围应为市或镇街代码')
      .optional(),
  })
  .superRefine((q, ctx) => {
    const r = reportPeriodRange(q);
    if (typeof r === 'string') ctx.addIssue({ code: 'custom', path: [q.kind === 'custom' ? 'to' : 'part'], message: r });
  });
export type TReportQuery = z.infer<typeof ZReportQuerySchema>;

export const ZFigureDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string(),
  unit: z.string(),
  counts: z.string(),
});
export const ZReportFigureSchema = ZFigureDefinitionSchema.extend({
  value: z.number(),
  lastYear: z.number(),
  yearOnYear: z.number().nullable(),
  /** The list page with filters that shows the records making up the figure. */
  drill: z.string(),
});
export type TReportFigure = z.infer<typeof ZReportFigureSchema>;

/** One record behind a figure, for the figures whose list page cannot filter exactly (cases by body, sector, decision date). */
export const ZFigureRecordSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  detail: z.string(),
  date: z.string().nullable(),
  /** The amount the record adds to a money figure (yuan), null for a count. */
  amount: z.number().nullable(),
  link: z.string(),
});
export type TFigureRecord = z.infer<typeof ZFigureRecordSchema>;
/** At most this many records are listed; `total` says how many there are. */
export const FIGURE_RECORDS_LIMIT = 500;

export const reportEndpoints = {
  figures: defineEndpoint({
    method: 'GET',
    path: '/api/reports/figures',
    access: 'report.read',
    summary: '报告期统计表：每项指标由记录计算，含同比与穿透链接',
    query: ZReportQuerySchema,
    response: z.object({
      from: z.string(),
      to: z.string(),
      lastYearFrom: z.string(),
      lastYearTo: z.string(),
      scope: z.string(),
      figures: z.array(ZReportFigureSchema),
    }),
  }),
  definitions: defineEndpoint({
    method: 'GET',
    path: '/api/reports/definitions',
    access: 'report.read',
    summary: '全部统计指标的口径说明',
    response: z.object({ items: z.array(ZFigureDefinitionSchema) }),
  }),
  records: defineEndpoint({
    method: 'GET',
    path: '/api/reports/figures/:id/records',
    access: 'report.read',
    summary: '构成某项指标的记录明细（穿透）',
    params: z.object({ id: z.string().max(80) }),
    query: ZReportQuerySchema,
    response: ZFigureDefinitionSchema.extend({
      from: z.string(),
      to: z.string(),
      scope: z.string(),
      value: z.number(),
      total: z.number().int(),
      items: z.array(ZFigureRecordSchema),
    }),
  }),
  exportXlsx: defineEndpoint({
    method: 'GET',
    path: '/api/reports/figures/export',
    access: 'report.read',
    summary: '导出报告期统计表（Excel，含指标口径）',
    query: ZReportQuerySchema,
    response: FILE_RESPONSE,
  }),
  exportDocx: defineEndpoint({
    method: 'GET',
    path: '/api/reports/figures/summary',
    access: 'report.read',
    summary: '生成报告期统计情况文字综述（Word）',
    query: ZReportQuerySchema,
    response: FILE_RESPONSE,
  }),
};
