/**
 * The shelter census (避难场所普查表) in and its template out, as the enterprise registry's import does: an upload is
 * kept under its SHA-256 and answered with the columns found, the proposed mapping (usual headers, or the user's
 * correction) and every row read with its Chinese problems, writing nothing; the apply reads the same file with the
 * same mapping and imports every row in one transaction, or nothing when a row is bad. Rows match by town and name.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  AppError,
  SHELTER_IMPORT_FIELDS,
  ZCensusMappingSchema,
  cellText,
  matchColumns,
  readCensusRow,
  type TCensusMapping,
  type TShelterImportField,
  type TShelterImportPreview,
} from '@yingji/domain';
import { requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { readSheet, type TSheetSource } from '../../shared/sheet-reader';
import * as repo from './shelter.repo';
import type { TShelterSave, TShelterService } from './shelter.service';

const MAX_ROWS = 20_000;
/** How many rows a preview lists (the rows with problems first); the counts are always complete. */
const PREVIEW_ROWS = 1000;
const FIELDS = Object.keys(SHELTER_IMPORT_FIELDS) as TShelterImportField[];
export const SHELTER_COLUMNS = FIELDS.map((f) => SHELTER_IMPORT_FIELDS[f].label);

type TDeps = Pick<TCore, 'db' | 'audit' | 'filesDir'> & { shelters: TShelterService };
type TRead = { row: number; name: string; town: string; input: TShelterSave | null; errors: string[] };

export function createShelterImport({ db, audit, filesDir, shelters }: TDeps) {
  const stored = (sha: string) => path.join(filesDir, 'imports', `shelters-${sha}`);

  /** Reads the sheet by the mapping: the headers, the mapping used, the required fields missing, and each row. */
  async function read(actor: { divisionCode: string }, source: TSheetSource, fileName: string, chosen: TCensusMapping) {
    const towns = await repo.townCodesByName(db, actor.divisionCode);
    let headers: string[] | null = null;
    let columns: Partial<Record<TShelterImportField, number>> = {};
    let missing: TShelterImportField[] = [];
    const rows: TRead[] = [];
    for await (const { rowNumber, cells } of readSheet(source, fileName)) {
      const text = cells.map(cellText);
      if (!headers) {
        headers = text.map((h) => h.trim());
        ({ columns, missing } = matchColumns(SHELTER_IMPORT_FIELDS, headers, chosen));
        if (missing.length > 0) break;
        continue;
      }
      if (text.every((t) => t.trim() === '')) continue;
      if (rows.length >= MAX_ROWS) throw new AppError('invalid', `一次最多导入 ${MAX_ROWS} 行，请分批导入`, { field: 'file' });
      const r = readCensusRow(text, columns, towns);
      const at = (f: TShelterImportField) => (columns[f] === undefined ? '' : (text[columns[f]!] ?? '').trim());
      const errors = r.ok ? [] : r.errors;
      if (r.ok) {
        const problem = await shelters.check(actor, r.input);
        if (problem) errors.push(problem.message);
      }
      rows.push({ row: rowNumber, name: at('name'), town: at('town'), input: r.ok && errors.length === 0 ? r.input : null, errors });
    }
    if (!headers) throw new AppError('invalid', `“${fileName}”中没有表头和数据`, { field: 'file' });
    const seen = new Map<string, number>();
    for (const r of rows) {
      if (!r.input) continue;
      const key = `${r.input.divisionCode}|${r.input.name}`;
      const first = seen.get(key);
      if (first !== undefined) {
        r.errors.push(`“${r.input.name}”与第 ${first} 行重复`);
        r.input = null;
      } else seen.set(key, r.row);
    }
    const mapping = Object.fromEntries(Object.entries(columns).map(([f, i]) => [f, headers![i as number]!]));
    return { headers, mapping, missing, rows };
  }

  const hashOf = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

  /** Keeps the upload and shows what an import would do, row by row. Writes nothing to the registry. */
  async function preview(ctx: TRequestContext, buffer: Buffer, fileName: string, mappingJson?: string): Promise<TShelterImportPreview> {
    const actor = requirePermission(ctx, 'shelter.manage');
    let chosen: TCensusMapping = {};
    if (mappingJson) {
      let raw: unknown;
      try {
        raw = JSON.parse(mappingJson);
      } catch {
        throw new AppError('invalid', '列对应关系不是有效的 JSON', { field: 'mapping' });
      }
      const parsed = ZCensusMappingSchema.safeParse(raw);
      if (!parsed.success) throw new AppError('invalid', `列对应关系：${parsed.error.issues[0]!.message}`, { field: 'mapping' });
      chosen = parsed.data;
    }
    const token = hashOf(buffer);
    const r = await read(actor, { buffer }, fileName, chosen);
    fs.mkdirSync(path.dirname(stored(token)), { recursive: true });
    fs.writeFileSync(stored(token), buffer);
    const valid = r.rows.filter((x) => x.input);
    const existing = new Set((await repo.namesIn(db, actor.divisionCode)).map((n) => `${n.divisionCode}|${n.name}`));
    const action = (x: TRead) => (x.input ? (existing.has(`${x.input.divisionCode}|${x.input.name}`) ? 'update' : 'create') : null);
    const listed = [...r.rows.filter((x) => !x.input), ...valid].slice(0, PREVIEW_ROWS).sort((a, b) => a.row - b.row);
    return {
      token,
      fileName,
      headers: r.headers,
      mapping: r.mapping,
      missing: r.missing,
      counts: {
        rows: r.rows.length,
        valid: valid.length,
        invalid: r.rows.length - valid.length,
        create: valid.filter((x) => action(x) === 'create').length,
        update: valid.filter((x) => action(x) === 'update').length,
      },
      rows: listed.map((x) => ({ row: x.row, name: x.name, town: x.town, action: action(x), errors: x.errors })),
    };
  }

  /** Imports a previewed file with its mapping in one transaction; refused, writing nothing, while any row is bad. */
  async function apply(ctx: TRequestContext, input: { token: string; fileName: string; mapping: TCensusMapping }) {
    const actor = requirePermission(ctx, 'shelter.manage');
    if (!fs.existsSync(stored(input.token))) throw new AppError('not_found', '找不到预览过的文件，请重新上传', { field: 'token' });
    const r = await read(actor, { path: stored(input.token) }, input.fileName, input.mapping);
    if (r.missing.length > 0)
      throw new AppError('invalid', `还没有指定这些列：${r.missing.map((f) => SHELTER_IMPORT_FIELDS[f].label).join('、')}`, {
        field: 'mapping',
      });
    if (r.rows.length === 0) throw new AppError('invalid', `“${input.fileName}”只有表头，没有数据行`, { field: 'file' });
    const bad = r.rows.filter((x) => !x.input);
    if (bad.length > 0)
      throw new AppError(
        'rule_violation',
        `普查表有 ${bad.length} 行有错（第 ${bad
          .slice(0, 5)
          .map((x) => x.row)
          .join('、')} 行等），整表未导入。请修正后重新上传`,
        { details: { problems: bad.slice(0, 1000).map((x) => ({ row: x.row, message: x.errors.join('；') })) } },
      );
    let created = 0;
    let updated = 0;
    await db.transaction(async (tx) => {
      for (const x of r.rows) {
        const existing = await repo.findByName(tx, x.input!.divisionCode, x.input!.name);
        await shelters.saveIn(tx, existing?.id ?? null, x.input!);
        if (existing) updated++;
        else created++;
      }
      await audit.record(tx, ctx, {
        action: 'import',
        entity: 'shelter',
        after: { fileName: input.fileName, sha256: input.token, mapping: r.mapping, created, updated },
        divisionCode: actor.divisionCode,
      });
    });
    return { created, updated, problems: [] };
  }

  async function template(): Promise<Buffer> {
    type TRow = readonly string[];
    const example: TRow = [
      '石岐街道',
      '中山市第一中学体育馆',
      '中小学校',
      '室内',
      '乡镇（街道）级',
      '短期',
      '石岐街道某路 1 号',
      '113.3826',
      '22.5211',
      '1800',
      '',
      '',
      '中山市第一中学',
      '张老师',
      '0760-88880000',
      '可启用',
      '是',
      '疏散指示标识、安全出口灯、应急照明灯、无障碍厕所扶手',
      '2025-03-20',
    ];
    return ledgerBuffer([
      ledgerSheet<TRow>(
        '避难场所普查表',
        SHELTER_COLUMNS.map((header, i) => ({ header, width: Math.max(10, header.length * 2), value: (r: TRow) => r[i] })),
        [example],
      ),
    ]);
  }

  return { preview, apply, template };
}
