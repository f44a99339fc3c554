import '../shared/zod-locale';
import { z } from 'zod';
import { CASE_PROCEDURES, CASE_SOURCE_KINDS, CASE_STAGES } from './case.schema';

/**
 * The provincial exchange layout (docs/case-exchange.md): one record per case, incremental by a cursor over
 * (updated_at, id). Money in fen, dates `YYYY-MM-DD` (Asia/Shanghai), instants ISO 8601.
 */
export const ZCaseExchangeRecordSchema = z.object({
  id: z.number().int(),
  caseNo: z.string().nullable(),
  divisionCode: z.string(),
  procedure: z.enum(CASE_PROCEDURES),
  stage: z.enum(CASE_STAGES),
  sourceKind: z.enum(CASE_SOURCE_KINDS),
  partyName: z.string(),
  creditCode: z.string().nullable(),
  violationCodes: z.array(z.string()),
  occurredOn: z.string(),
  filedOn: z.string().nullable(),
  decisionNo: z.string().nullable(),
  decisionOutcome: z.enum(['penalty', 'no_penalty']).nullable(),
  decidedOn: z.string().nullable(),
  fineDecidedFen: z.number().int(),
  confiscationFen: z.number().int(),
  otherPenalties: z.array(z.string()),
  servedOn: z.string().nullable(),
  finePaidFen: z.number().int(),
  surchargePaidFen: z.number().int(),
  closedOn: z.string().nullable(),
  updatedAt: z.string(),
});
export type TCaseExchangeRecord = z.infer<typeof ZCaseExchangeRecordSchema>;

export const ZCaseExchangeQuerySchema = z.object({
  /** The `nextCursor` of the previous page; omitted for the first export. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  format: z.enum(['json', 'csv'], { error: '格式应为 json 或 csv' }).default('json'),
});
export type TCaseExchangeQuery = z.infer<typeof ZCaseExchangeQuerySchema>;
export const ZCaseExchangePageSchema = z.object({
  records: z.array(ZCaseExchangeRecordSchema),
  nextCursor: z.string().nullable(),
  layout: z.literal('yingji-case-exchange/1'),
});

/** The CSV columns, in order (the same names as the JSON fields; arrays joined with `;`). */
export const CASE_EXCHANGE_COLUMNS = Object.keys(ZCaseExchangeRecordSchema.shape) as (keyof TCaseExchangeRecord)[];

/** A penalty decision as published (双公示, 行政处罚法 art. 48): no ID numbers, a person's name masked. */
export const ZPublicDecisionSchema = z.object({
  decisionNo: z.string(),
  partyName: z.string(),
  creditCode: z.string().nullable(),
  violations: z.array(z.object({ title: z.string(), violatedProvision: z.string(), penaltyProvision: z.string() })),
  penalty: z.string(),
  fineFen: z.number().int(),
  decidedOn: z.string(),
  body: z.string(),
});
export type TPublicDecision = z.infer<typeof ZPublicDecisionSchema>;
export const ZPublicDecisionPageSchema = z.object({ items: z.array(ZPublicDecisionSchema), total: z.number().int() });
export const ZPublicDecisionQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  format: z.enum(['json', 'csv']).default('json'),
});
