import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import {
  AppError,
  ASSESSMENT_COLUMNS,
  bureauDate,
  CATEGORY_LABELS,
  colourForScore,
  gradeValidUntil,
  inScope,
  mapAssessmentColumns,
  readAssessmentRow,
  RISK_COLOUR_LABELS,
  scoreGradeProblem,
  type TAssessmentPreview,
  type TAssessmentPreviewRow,
  type TAssessmentRow,
  type TRiskColour,
  type TSupervisionCategory,
} from '@yingji/domain';
import { analyze, type Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import { readSheet, type TSheetSource } from '../../shared/sheet-reader';
import type { TAuditService } from '../audit/audit.service';
import { requirePermission } from '../../kit/access';
import type { TSettingsService } from '../settings/settings.service';
import * as repo from './risk.repo';

export type TRiskImportService = ReturnType<typeof createRiskImportService>;

// Serialises applies, so two uploads cannot interleave their grades.
const LOCK_KEY = 7_280_021;
const MAX_ROWS = 20_000;

/** Expert assessment results (专家评估) from a sheet: preview per row, then apply all in one transaction or nothing. */
export function createRiskImportService(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  clock: TClock;
  filesDir: string;
}) {
  const { db, audit, settings, clock, filesDir } = deps;
  const storedPath = (sha: string) => path.join(filesDir, 'risk-imports', sha);

  async function readRows(source: TSheetSource, fileName: string): Promise<TAssessmentRow[]> {
    const today = bureauDate(clock());
    let columns: ReturnType<typeof mapAssessmentColumns>['columns'] | undefined;
    const rows: TAssessmentRow[] = [];
    for await (const { rowNumber, cells } of readSheet(source, fileName)) {
      if (!columns) {
        const mapped = mapAssessmentColumns(cells.map((c) => String(c ?? '').trim()));
        if (mapped.missing.length > 0)
          throw new AppError('invalid', `第 1 行缺少必需的列：${mapped.missing.join('、')}。请使用下载的模板`, { field: 'file' });
        columns = mapped.columns;
        continue;
      }
      if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
      if (rows.length >= MAX_ROWS) throw new AppError('invalid', `一次最多导入 ${MAX_ROWS} 行评估结果，请分批导入`, { field: 'file' });
      rows.push(readAssessmentRow(rowNumber, cells, columns, today));
    }
    if (!columns) throw new AppError('invalid', `“${fileName}”中没有表头和数据`, { field: 'file' });
    if (rows.length === 0) throw new AppError('invalid', `“${fileName}”只有表头，没有数据行`, { field: 'file' });
    return rows;
  }

  /** Matches rows to firms in the actor's scope and works out each colour; every problem names its row and column. */
  async function check(tx: Db, scope: string, rows: TAssessmentRow[]): Promise<TAssessmentPreviewRow[]> {
    const thresholds = await settings.get('riskAssessment');
    const firms = new Map(
      (await repo.firmsByCreditCodes(tx, [...new Set(rows.map((r) => r.creditCode).filter(Boolean))])).map((f) => [f.creditCode, f]),
    );
    const seen = new Map<string, number>();
    return rows.map((r) => {
      const problems = [...r.problems];
      const warnings: string[] = [];
      const col = (k: keyof typeof ASSESSMENT_COLUMNS) => `第 ${r.row} 行“${ASSESSMENT_COLUMNS[k].header}”`;
      const firm = firms.get(r.creditCode);
      if (r.creditCode && problems.every((p) => !p.startsWith(col('creditCode')))) {
        if (!firm || !inScope(scope, firm.divisionCode)) problems.push(`${col('creditCode')} ${r.creditCode} 在企业台账中不存在`);
        else if (seen.has(r.creditCode)) problems.push(`${col('creditCode')} ${r.creditCode} 与第 ${seen.get(r.creditCode)} 行重复`);
        else seen.set(r.creditCode, r.row);
      }
      const found = firm && inScope(scope, firm.divisionCode) ? firm : undefined;
      // 企业名称 is a check only: a different name (not a former one) is shown, the credit code decides.
      if (found && r.name && r.name !== found.name && !found.formerNames.includes(r.name))
        warnings.push(`${col('name')}“${r.name}”与台账“${found.name}”不一致，以信用代码为准`);
      // the score bands grade hazardous-chemical firms only; any other firm is graded by hand from the sector table
      const scoreProblem =
        found && scoreGradeProblem(found.category, CATEGORY_LABELS[found.category as TSupervisionCategory] ?? found.category);
      if (scoreProblem) problems.push(`${col('score')}：${scoreProblem}`);
      const toColour = r.score === null ? null : colourForScore(r.score, thresholds, r.forcedRed);
      return {
        row: r.row,
        creditCode: r.creditCode,
        name: r.name,
        enterpriseId: found?.id ?? null,
        registryName: found?.name ?? null,
        score: r.score,
        assessedOn: r.assessedOn,
        forcedRed: r.forcedRed,
        fromColour: (found?.colour ?? null) as TRiskColour | null,
        toColour: problems.length === 0 ? toColour : null,
        problems,
        warnings,
      };
    });
  }

  const present = (token: string, fileName: string, rows: TAssessmentPreviewRow[], applied: boolean): TAssessmentPreview => {
    const counts = { rows: rows.length, bad: 0, red: 0, orange: 0, yellow: 0, blue: 0, changed: 0 };
    for (const r of rows) {
      if (r.problems.length > 0) counts.bad++;
      else if (r.toColour) {
        counts[r.toColour]++;
        if (r.fromColour !== r.toColour) counts.changed++;
      }
    }
    return { token, fileName, rows, counts, applied };
  };

  async function preview(ctx: TRequestContext, input: { buffer: Buffer; fileName: string }): Promise<TAssessmentPreview> {
    const actor = requirePermission(ctx, 'risk.assess');
    const rows = await check(db, actor.divisionCode, await readRows({ buffer: input.buffer }, input.fileName));
    const sha = createHash('sha256').update(input.buffer).digest('hex');
    fs.mkdirSync(path.dirname(storedPath(sha)), { recursive: true });
    fs.writeFileSync(storedPath(sha), input.buffer);
    return present(sha, input.fileName, rows, false);
  }

  /** Applies a previewed file: every firm's grade, a history row each, one audit entry. Refused while any row is bad. */
  async function apply(ctx: TRequestContext, input: { token: string; fileName: string }): Promise<TAssessmentPreview> {
    const actor = requirePermission(ctx, 'risk.assess');
    if (!fs.existsSync(storedPath(input.token))) throw new AppError('not_found', '找不到预览过的文件，请重新上传', { field: 'token' });
    const parsed = await readRows({ path: storedPath(input.token) }, input.fileName);
    const { validityYears } = await settings.get('riskAssessment');
    const applied = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
      const rows = await check(tx, actor.divisionCode, parsed);
      const bad = rows.filter((r) => r.problems.length > 0);
      if (bad.length > 0) {
        throw new AppError(
          'rule_violation',
          `有 ${bad.length} 行有问题，未导入任何数据：${bad
            .slice(0, 3)
            .flatMap((r) => r.problems)
            .slice(0, 3)
            .join('；')}${bad.length > 3 ? '……' : ''}`,
          { details: { problems: bad.slice(0, 200).flatMap((r) => r.problems) } },
        );
      }
      const now = clock().toISOString();
      const firms = new Map(
        (
          await repo.firmsOf(
            tx,
            rows.map((r) => r.enterpriseId!),
          )
        ).map((f) => [f.id, f]),
      );
      const history = [];
      const timeline = [];
      const grades = [];
      for (const r of rows) {
        const id = r.enterpriseId!;
        const divisionCode = firms.get(id)!.divisionCode;
        const to = r.toColour!;
        grades.push({
          enterpriseId: id,
          divisionCode,
          colour: to,
          score: r.score,
          basis: 'assessment' as const,
          forcedRed: r.forcedRed,
          assessedOn: r.assessedOn!,
          validUntil: gradeValidUntil(r.assessedOn!, validityYears),
          updatedAt: now,
        });
        const text =
          r.forcedRed.length > 0
            ? `专家评估（${r.assessedOn}）存在强制红色条件：${r.forcedRed.join('、')}`
            : `专家评估（${r.assessedOn}）得分 ${r.score} 分，评为${RISK_COLOUR_LABELS[to]}色`;
        history.push({
          enterpriseId: id,
          divisionCode,
          fromColour: r.fromColour,
          toColour: to,
          score: r.score,
          basis: 'assessment',
          reasons: [{ rule: 'assessment', text }],
          comment: input.fileName,
          decidedBy: actor.id,
          at: now,
        });
        timeline.push({
          enterpriseId: id,
          at: now,
          module: 'risk',
          kind: 'risk_grade',
          summary: `${text}（${input.fileName}）`,
          ref: null,
        });
      }
      await repo.upsertGrades(tx, grades);
      await repo.insertHistory(tx, history);
      await repo.addTimelineEvents(tx, timeline);
      // A fresh assessment answers any pending dynamic proposal.
      await repo.supersedeProposals(
        tx,
        await repo.pendingIdsOf(
          tx,
          rows.map((r) => r.enterpriseId!),
        ),
        now,
      );
      const result = present(input.token, input.fileName, rows, true);
      await audit.record(tx, ctx, {
        action: 'import',
        entity: 'risk_assessment',
        entityId: input.token.slice(0, 12),
        after: {
          fileName: input.fileName,
          sha256: input.token,
          counts: result.counts,
          firms: rows.map((r) => ({ id: r.enterpriseId, from: r.fromColour, to: r.toColour, score: r.score })),
        },
      });
      return result;
    });
    // PGlite has no autovacuum: without this the planner knows nothing of the rows an import just wrote.
    await analyze(db);
    return applied;
  }

  /** The sheet to fill in: the columns in order, and a second sheet explaining them. */
  async function template(): Promise<Buffer> {
    const t = await settings.get('riskAssessment');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('评估结果');
    sheet.columns = Object.values(ASSESSMENT_COLUMNS).map((c) => ({ header: c.header, width: c.header === '强制红色条件' ? 40 : 22 }));
    sheet.getRow(1).font = { bold: true };
    sheet.getColumn(1).numFmt = '@';
    const help = book.addWorksheet('填写说明');
    help.columns = [{ width: 18 }, { width: 90 }];
    for (const line of [
      ['统一社会信用代码', '18 位，须已在企业台账中'],
      ['企业名称', '用于核对，以信用代码为准'],
      ['评估得分', '0–100 分'],
      ['评估日期', 'YYYY-MM-DD，不能晚于今天'],
      ['强制红色条件', '可空；有多项时用“；”分隔。填写了任一条件即评为红色'],
      [
        '分数线',
        `红 < ${t.redBelow}，橙 ${t.redBelow}–<${t.orangeBelow}，黄 ${t.orangeBelow}–<${t.yellowBelow}，蓝 ≥ ${t.yellowBelow}；有效期 ${t.validityYears} 年`,
      ],
    ])
      help.addRow(line);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  return { preview, apply, template };
}
