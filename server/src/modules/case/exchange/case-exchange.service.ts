import {
  AppError,
  CASE_EXCHANGE_COLUMNS,
  maskPersonName,
  OTHER_PENALTY_LABELS,
  PENALTY_TARGET_LABELS,
  yuanText,
  type TCaseExchangeQuery,
  type TCaseExchangeRecord,
  type TOtherPenalty,
  type TPublicDecision,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import { neutraliseCell } from '../../../shared/excel';
import type { TAuditService } from '../../audit/audit.service';
import { requirePermission } from '../../../kit/access';
import * as repo from './case-exchange.repo';

export type TCaseExchangeService = ReturnType<typeof createCaseExchangeService>;

export const LAYOUT = 'yingji-case-exchange/1' as const;

const encodeCursor = (updatedAt: string, id: number) => Buffer.from(JSON.stringify([updatedAt, id])).toString('base64url');
function decodeCursor(cursor: string | undefined): { updatedAt: string; id: number } | null {
  if (!cursor) return null;
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, number];
    if (typeof updatedAt !== 'string' || Number.isNaN(Date.parse(updatedAt)) || !Number.isInteger(id)) throw new Error('bad');
    return { updatedAt, id };
  } catch {
    throw new AppError('invalid', '游标不正确，请使用上一次导出返回的 nextCursor', { field: 'cursor' });
  }
}

/** RFC 4180 CSV with a UTF-8 BOM (Excel opens it in Chinese); formula-like cells neutralised. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : neutraliseCell(String(v));
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** 双公示 public decisions, and the provincial enforcement platform's incremental export (docs/case-exchange.md). */
export function createCaseExchangeService({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  async function publicDecisions(page: number, pageSize: number): Promise<{ items: TPublicDecision[]; total: number }> {
    const { rows, total } = await repo.publicDecisions(db, page, pageSize);
    return {
      total,
      items: rows.map((r) => {
        const party = [r.enterpriseName, r.personName ? maskPersonName(r.personName) : null].filter(Boolean).join('、');
        const lines = r.violations.map((v) => `对${PENALTY_TARGET_LABELS[v.target]}罚款 ${yuanText(v.decidedFineFen ?? 0)}`);
        lines.push(...r.otherPenalties.map((p) => OTHER_PENALTY_LABELS[p as TOtherPenalty] ?? p));
        if (r.confiscationFen > 0) lines.push(`没收违法所得 ${yuanText(r.confiscationFen)}`);
        return {
          decisionNo: r.decisionNo ?? '',
          partyName: party,
          creditCode: r.creditCode,
          violations: r.violations.map((v) => ({
            title: v.title,
            violatedProvision: v.violatedProvision,
            penaltyProvision: v.penaltyProvision,
          })),
          penalty: lines.join('；'),
          fineFen: r.fineFen,
          decidedOn: r.decidedOn!,
          body: `${r.divisionName ?? r.divisionCode}${r.divisionCode.length === 4 ? '应急管理局' : '应急管理部门'}`,
        };
      }),
    };
  }

  const publicCsv = (items: TPublicDecision[]) =>
    toCsv(
      ['行政处罚决定书文号', '当事人', '统一社会信用代码', '违法行为', '处罚依据', '处罚内容', '罚款金额（元）', '决定日期', '处罚机关'],
      items.map((d) => [
        d.decisionNo,
        d.partyName,
        d.creditCode,
        d.violations.map((v) => v.title).join('；'),
        d.violations.map((v) => v.penaltyProvision).join('；'),
        d.penalty,
        (d.fineFen / 100).toFixed(2),
        d.decidedOn,
        d.body,
      ]),
    );

  /** One page of cases changed after the cursor; the export is audited like every other export. */
  async function exportCases(
    ctx: TRequestContext,
    q: TCaseExchangeQuery,
  ): Promise<{ records: TCaseExchangeRecord[]; nextCursor: string | null; layout: typeof LAYOUT }> {
    const actor = requirePermission(ctx, 'case.read');
    const after = decodeCursor(q.cursor);
    return db.transaction(async (tx) => {
      const rows = await repo.exchangeRecords(tx, actor.divisionCode, after, q.limit);
      const records = rows.map(({ c, creditCode, decisionNo }) => ({
        id: c.id,
        caseNo: c.caseNo,
        divisionCode: c.divisionCode,
        procedure: c.procedure,
        stage: c.stage as TCaseExchangeRecord['stage'],
        sourceKind: c.sourceKind,
        partyName: c.partyName,
        creditCode,
        violationCodes: c.violationCodes,
        occurredOn: c.occurredOn,
        filedOn: c.filedOn,
        decisionNo,
        decisionOutcome: c.decisionOutcome,
        decidedOn: c.decidedOn,
        fineDecidedFen: c.fineDecidedFen,
        confiscationFen: c.confiscationFen,
        otherPenalties: c.otherPenalties,
        servedOn: c.servedOn,
        finePaidFen: c.finePaidFen,
        surchargePaidFen: c.surchargePaidFen,
        closedOn: c.closedOn,
        updatedAt: new Date(c.updatedAt).toISOString(),
      }));
      const last = rows.at(-1);
      const nextCursor = last ? encodeCursor(last.c.updatedAt, last.c.id) : (q.cursor ?? null);
      await audit.record(tx, ctx, {
        action: 'export',
        entity: 'case_exchange',
        after: { cursor: q.cursor ?? null, count: records.length, format: q.format, at: clock().toISOString() },
        divisionCode: actor.divisionCode,
      });
      return { records, nextCursor, layout: LAYOUT };
    });
  }

  const exportCsv = (records: TCaseExchangeRecord[]) =>
    toCsv(
      CASE_EXCHANGE_COLUMNS,
      records.map((r) =>
        CASE_EXCHANGE_COLUMNS.map((k) => (Array.isArray(r[k]) ? (r[k] as string[]).join(';') : (r[k] as string | number | null))),
      ),
    );

  return { publicDecisions, publicCsv, exportCases, exportCsv };
}
