/**
 * Contracts of the enforcement case module (行政执法案件): what the API takes and gives. Money is integer fen (分),
 * calendar dates `YYYY-MM-DD` in Asia/Shanghai, instants ISO strings. Split by sub-resource; this file gathers them
 * so the rules and the web read one name.
 */
export * from './case-terms.schema';
export { ZCaseSha256Schema, ZIdNumberSchema, idNumberValid } from './case-fields.schema';
export * from './case-catalogue.schema';
export * from './case-record.schema';
export * from './case-action.schema';
export * from './case-review.schema';
export * from './case-execution.schema';
