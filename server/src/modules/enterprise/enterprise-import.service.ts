import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import {
  AppError,
  buildTownNames,
  can,
  categoryForIndustry,
  diffCounts,
  diffImport,
  FEED_FIELD_LABELS,
  IMPORT_FIELDS,
  mapColumns,
  readFeedRow,
  searchGrams,
  supervisingLevel,
  type TColumnMapping,
  type TImportDiff,
  type TImportField,
  type TRegistrationStatus,
  type TRegistryFirm,
  type TRowResult,
  type TSupervisionStatus,
} from '@yingji/domain';
import { analyze, type Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import { readSheet, type TSheetSource } from '../../shared/sheet-reader';
import type { TAuditService } from '../audit/audit.service';
import * as orgRepo from '../org/org.repo';
import type { TSettingsService } from '../settings/settings.service';
import * as repo from './enterprise.repo';

export type TEnterpriseImportService = ReturnType<typeof createEnterpriseImportService>;

/** How many of each list a preview carries; the counts are always complete. */
const PREVIEW_LIMIT = 500;
// Serialises applies: two imports at once would each diff against a registry the other is changing.
const IMPORT_LOCK_KEY = 7_280_012;
const CHUNK = 1000;

export interface TParsedFeed {
  sha256: string;
  rows: number;
  columns: Partial<Record<TImportField, string>>;
  results: TRowResult[];
}

export function createEnterpriseImportService(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  clock: TClock;
  filesDir: string;
}) {
  const { db, audit, settings, clock, filesDir } = deps;

  async function townIndex(tx: Db) {
    const [all, history] = await Promise.all([orgRepo.listDivisions(tx, ''), orgRepo.listDivisionHistory(tx, '')]);
    const towns = all.filter((d) => d.level === 'town');
    // Well-known alternative names of Zhongshan's streets (DOMAIN.md §9).
    const aliases = [
      { code: '442000003', name: '火炬开发区' },
      { code: '442000003', name: '火炬区' },
      { code: '442000008', name: '翠亨新区' },
    ].filter((a) => towns.some((t) => t.code === a.code));
    return { names: buildTownNames(towns, history, aliases), byCode: new Map(towns.map((t) => [t.code, t.name])) };
  }

  /** Reads and checks every row of the file; the column mapping is the remembered one for the source, or recognised. */
  async function parse(tx: Db, source: TSheetSource, fileName: string, sourceName: string, mapping?: TColumnMapping): Promise<TParsedFeed> {
    const hash = createHash('sha256');
    if ('buffer' in source) hash.update(source.buffer);
    else for await (const chunk of fs.createReadStream(source.path)) hash.update(chunk as Buffer);
    const remembered = mapping ?? ((await repo.findSourceMapping(tx, sourceName)) as TColumnMapping | undefined) ?? {};
    const towns = await townIndex(tx);
    let columns: Partial<Record<TImportField, number>> | undefined;
    let headers: string[] = [];
    const results: TRowResult[] = [];
    for await (const { rowNumber, cells } of readSheet(source, fileName)) {
      if (!columns) {
        headers = cells.map((c) => String(c ?? '').trim());
        const mapped = mapColumns(headers, remembered);
        if (mapped.missing.length > 0) {
          const names = mapped.missing.map((f) => `${IMPORT_FIELDS[f].label}（表头可为：${IMPORT_FIELDS[f].headers.join('、')}）`);
          throw new AppError('invalid', `第 1 行没有识别到必需的列：${names.join('；')}。请检查表头，或为该来源设置列对应关系`, {
            field: 'file',
            details: { headers },
          });
        }
        columns = mapped.columns;
        continue;
      }
      if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
      results.push(readFeedRow(rowNumber, cells, columns, towns));
      // Long files: let other requests run between chunks.
      if (results.length % 5000 === 0) await new Promise((r) => setImmediate(r));
    }
    if (!columns) throw new AppError('invalid', `“${fileName}”中没有表头和数据`, { field: 'file' });
    if (results.length === 0) throw new AppError('invalid', `“${fileName}”只有表头，没有数据行`, { field: 'file' });
    const named = Object.fromEntries(Object.entries(columns).map(([f, i]) => [f, headers[i as number]!])) as Partial<
      Record<TImportField, string>
    >;
    return { sha256: hash.digest('hex'), rows: results.length, columns: named, results };
  }

  const registry = async (tx: Db): Promise<(TRegistryFirm & { formerNames: string[] })[]> =>
    (await repo.registrySnapshot(tx)).map((r) => ({
      ...r,
      registrationStatus: r.registrationStatus as TRegistrationStatus,
      supervisionStatus: r.supervisionStatus as TSupervisionStatus,
    }));

  const presentDiff = (diff: TImportDiff, feed: TParsedFeed, fileName: string) => ({
    token: feed.sha256,
    fileName,
    rows: feed.rows,
    columns: feed.columns,
    counts: diffCounts(diff),
    new: diff.new.slice(0, PREVIEW_LIMIT),
    changed: diff.changed.slice(0, PREVIEW_LIMIT),
    missing: diff.missing.slice(0, PREVIEW_LIMIT),
    deregistered: diff.deregistered.slice(0, PREVIEW_LIMIT),
    invalid: diff.invalid.slice(0, 2000),
  });

  const storedPath = (sha: string) => path.join(filesDir, 'imports', sha);

  // The last previews' parsed rows, so the apply that follows a preview does not read the file again.
  const parsedCache = new Map<string, TParsedFeed>();
  const cacheKey = (sha: string, sourceName: string, mapping?: TColumnMapping) => `${sha}|${sourceName}|${JSON.stringify(mapping ?? null)}`;
  const remember = (key: string, feed: TParsedFeed) => {
    parsedCache.delete(key);
    parsedCache.set(key, feed);
    while (parsedCache.size > 2) parsedCache.delete(parsedCache.keys().next().value!);
  };

  function requireImporter(ctx: TRequestContext) {
    if (ctx.actor && !can(ctx.actor.role, 'enterprise.import')) throw new AppError('forbidden', '没有导入企业名单的权限');
  }

  /** Parses the upload, keeps the file for the apply, and shows what an apply would do. Writes nothing to the registry. */
  async function preview(
    ctx: TRequestContext,
    input: { source: TSheetSource; fileName: string; sourceName: string; mapping?: TColumnMapping },
  ) {
    requireImporter(ctx);
    const feed = await parse(db, input.source, input.fileName, input.sourceName, input.mapping);
    remember(cacheKey(feed.sha256, input.sourceName, input.mapping), feed);
    const diff = diffImport(await registry(db), feed.results);
    fs.mkdirSync(path.dirname(storedPath(feed.sha256)), { recursive: true });
    if ('buffer' in input.source) fs.writeFileSync(storedPath(feed.sha256), input.source.buffer);
    else fs.copyFileSync(input.source.path, storedPath(feed.sha256));
    return presentDiff(diff, feed, input.fileName);
  }

  /**
   * Applies a previewed file in one transaction: new firms in, changes written (former names kept), missing
   * firms to 待核实 for their town, one import batch in the audit log. Nothing is deleted. Refused while the
   * file has invalid rows, unless the user chose to skip them.
   */
  async function apply(
    ctx: TRequestContext,
    input: { token: string; fileName: string; sourceName: string; skipInvalid: boolean; mapping?: TColumnMapping; source?: TSheetSource },
  ) {
    requireImporter(ctx);
    const source: TSheetSource = input.source ?? { path: storedPath(input.token) };
    if (!input.source && (!/^[0-9a-f]{64}$/.test(input.token) || !fs.existsSync(storedPath(input.token)))) {
      throw new AppError('not_found', '找不到预览过的文件，请重新上传', { field: 'token' });
    }
    const [powers, industryMap] = await Promise.all([settings.get('enterprisePowers'), settings.get('industryCategoryMap')]);
    const applied = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
      const feed =
        parsedCache.get(cacheKey(input.token, input.sourceName, input.mapping)) ??
        (await parse(tx, source, input.fileName, input.sourceName, input.mapping));
      if (feed.sha256 !== input.token) throw new AppError('conflict', '文件与预览时不同，请重新预览', { field: 'token' });
      const snapshot = await registry(tx);
      const diff = diffImport(snapshot, feed.results);
      if (diff.invalid.length > 0 && !input.skipInvalid) {
        throw new AppError(
          'rule_violation',
          `文件有 ${diff.invalid.length} 行无效（第 ${diff.invalid
            .slice(0, 5)
            .map((i) => i.row)
            .join('、')} 行等），请修正后重新导入，或选择跳过无效行`,
          {
            details: { invalid: diff.invalid.slice(0, 2000) },
          },
        );
      }
      const now = clock().toISOString();
      const events: { enterpriseId: number; at: string; module: string; kind: string; summary: string; ref: string }[] = [];
      const batchRef = `import:${feed.sha256.slice(0, 12)}`;

      for (let i = 0; i < diff.new.length; i += CHUNK) {
        const rows = diff.new.slice(i, i + CHUNK).map((r) => {
          const category = categoryForIndustry(r.industryCode, industryMap);
          return {
            creditCode: r.creditCode,
            name: r.name,
            legalRepresentative: r.legalRepresentative,
            registrationStatus: r.registrationStatus,
            address: r.address,
            industryCode: r.industryCode,
            divisionCode: r.divisionCode,
            supervisionCategory: category,
            supervisingLevel: supervisingLevel(category, powers),
            supervisionStatus: '在管',
            formerNames: [],
            searchGrams: searchGrams([r.name, r.creditCode]),
            createdAt: now,
            updatedAt: now,
          };
        });
        const inserted = await repo.bulkInsertEnterprises(tx, rows);
        for (const r of inserted)
          events.push({
            enterpriseId: r.id,
            at: now,
            module: 'enterprise',
            kind: 'import_new',
            summary: `市场监管名单导入：新纳入台账（${input.fileName}）`,
            ref: batchRef,
          });
      }

      const current = new Map(snapshot.map((r) => [r.id, r]));
      for (let i = 0; i < diff.changed.length; i += CHUNK) {
        const updates = diff.changed.slice(i, i + CHUNK).map((c) => {
          const firm = current.get(c.id)!;
          const next: Record<string, unknown> = { id: c.id };
          for (const ch of c.changes) next[ch.field] = ch.after;
          const name = (next.name as string | undefined) ?? firm.name;
          const formerNames = next.name !== undefined && next.name !== firm.name ? [...firm.formerNames, firm.name] : firm.formerNames;
          events.push({
            enterpriseId: c.id,
            at: now,
            module: 'enterprise',
            kind: 'import_change',
            summary: `市场监管名单导入：${c.changes.map((ch) => `${FEED_FIELD_LABELS[ch.field]} ${ch.before ?? '空'} → ${ch.after ?? '空'}`).join('；')}`,
            ref: batchRef,
          });
          return { ...firm, ...next, formerNames, searchGrams: searchGrams([name, ...formerNames, firm.creditCode]) };
        });
        await tx.execute(sql`
          UPDATE enterprises e SET
            name = v.name, legal_representative = v."legalRepresentative", registration_status = v."registrationStatus",
            address = v.address, industry_code = v."industryCode", division_code = v."divisionCode",
            former_names = v."formerNames", search_grams = v."searchGrams", updated_at = ${now}
          FROM json_to_recordset(${JSON.stringify(updates)}::json) AS v(
            id int, name text, "legalRepresentative" text, "registrationStatus" text, address text, "industryCode" text,
            "divisionCode" text, "formerNames" jsonb, "searchGrams" text[])
          WHERE e.id = v.id`);
      }
      await repo.setSupervisionStatus(
        tx,
        diff.missing.map((m) => m.id),
        '待核实',
        now,
      );
      for (const m of diff.missing)
        events.push({
          enterpriseId: m.id,
          at: now,
          module: 'enterprise',
          kind: 'import_missing',
          summary: `市场监管名单中已无此企业，转镇街核实（${input.fileName}）`,
          ref: batchRef,
        });
      await repo.addEvents(tx, events);

      const counts = diffCounts(diff);
      const batchId = await repo.insertBatch(tx, {
        source: input.sourceName,
        fileName: input.fileName,
        fileSha256: feed.sha256,
        rows: feed.rows,
        counts,
        appliedBy: ctx.actor?.id ?? null,
        appliedAt: now,
      });
      await repo.saveSourceMapping(tx, input.sourceName, feed.columns as Record<string, string>, now);
      await audit.record(tx, ctx, {
        action: 'import',
        entity: 'enterprise_import',
        entityId: batchId,
        actorName: ctx.actor ? null : '命令行',
        after: {
          source: input.sourceName,
          fileName: input.fileName,
          sha256: feed.sha256,
          rows: feed.rows,
          counts,
          skippedInvalidRows: diff.invalid.map((i) => i.row).slice(0, 1000),
        },
      });
      return { batchId, ...presentDiff(diff, feed, input.fileName) };
    });
    // PGlite has no autovacuum: without this the planner knows nothing of the rows an import just wrote.
    await analyze(db);
    return applied;
  }

  return { preview, apply, parse };
}
