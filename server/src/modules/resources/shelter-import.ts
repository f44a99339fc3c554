/**
 * The shelter census (避难场所普查表) in and its template out: each row is read into the registry's input schema and
 * checked like a form; one bad row imports nothing and every problem names its row. Rows match by town and name.
 */
import {
  AppError,
  SHELTER_CLASS_LABELS,
  SHELTER_FACILITY_LABELS,
  SHELTER_KIND_LABELS,
  SHELTER_LEVEL_LABELS,
  SHELTER_STATUS_LABELS,
  ZShelterInputSchema,
  cellText,
} from '@yingji/domain';
import { requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { readSheet, type TSheetSource } from '../../shared/sheet-reader';
import * as repo from './shelter.repo';
import type { TShelterSave, TShelterService } from './shelter.service';

const MAX_ROWS = 20_000;
export const SHELTER_COLUMNS = [
  '所在镇街',
  '场所名称',
  '场所类型',
  '室内/室外',
  '级别',
  '类别',
  '地址',
  '经度',
  '纬度',
  '有效避难面积（平方米）',
  '核定容纳人数',
  '核定说明',
  '管理单位',
  '联系人',
  '联系电话',
  '启用状态',
  '中心城区',
  '已有设施',
  '设施检查日期',
] as const;

const reverse = <K extends string>(labels: Record<K, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));
const KINDS = reverse(SHELTER_KIND_LABELS);
const LEVELS = reverse(SHELTER_LEVEL_LABELS);
const CLASSES = reverse(SHELTER_CLASS_LABELS);
const STATUSES = reverse(SHELTER_STATUS_LABELS);
const FACILITIES = reverse(SHELTER_FACILITY_LABELS);
const num = (s: string) => (s === '' ? undefined : Number(s));

type TDeps = Pick<TCore, 'db' | 'audit'> & { shelters: TShelterService };

export function createShelterImport({ db, audit, shelters }: TDeps) {
  async function importCensus(ctx: TRequestContext, source: TSheetSource, fileName: string) {
    const actor = requirePermission(ctx, 'shelter.manage');
    const towns = await repo.townCodesByName(db, actor.divisionCode);
    const problems: { row: number; message: string }[] = [];
    const rows: { row: number; input: TShelterSave }[] = [];
    let header: string[] | null = null;
    for await (const { rowNumber, cells } of readSheet(source, fileName)) {
      const text = cells.map(cellText);
      if (!header) {
        header = text.map((h) => h.replace(/\s+/g, ''));
        const missing = SHELTER_COLUMNS.filter((c) => !header!.includes(c.replace(/\s+/g, '')));
        if (missing.length > 0)
          throw new AppError('invalid', `第 1 行缺少必需的列：${missing.join('、')}。请使用下载的模板`, { field: 'file' });
        continue;
      }
      if (text.every((t) => t === '')) continue;
      if (rows.length + problems.length >= MAX_ROWS)
        throw new AppError('invalid', `一次最多导入 ${MAX_ROWS} 行，请分批导入`, { field: 'file' });
      const get = (c: (typeof SHELTER_COLUMNS)[number]) => text[header!.indexOf(c.replace(/\s+/g, ''))] ?? '';
      const checkedOn = get('设施检查日期');
      const facilityNames = get('已有设施')
        .split(/[、,，;；\s]+/)
        .filter(Boolean);
      const unknownFacility = facilityNames.find((f) => !FACILITIES.has(f));
      if (unknownFacility) {
        problems.push({ row: rowNumber, message: `已有设施：不认识“${unknownFacility}”` });
        continue;
      }
      const parsed = ZShelterInputSchema.safeParse({
        divisionCode: towns.get(get('所在镇街')) ?? get('所在镇街'),
        name: get('场所名称'),
        kind: KINDS.get(get('场所类型')) ?? get('场所类型'),
        indoor: get('室内/室外') === '室内' ? true : get('室内/室外') === '室外' ? false : undefined,
        level: LEVELS.get(get('级别')) ?? get('级别'),
        shelterClass: CLASSES.get(get('类别')) ?? get('类别'),
        address: get('地址'),
        longitude: num(get('经度')),
        latitude: num(get('纬度')),
        areaM2: num(get('有效避难面积（平方米）')),
        capacityOverride: num(get('核定容纳人数')) ?? null,
        overrideReason: get('核定说明') || null,
        managingUnit: get('管理单位'),
        contact: get('联系人'),
        contactPhone: get('联系电话'),
        status: STATUSES.get(get('启用状态')) ?? (get('启用状态') || undefined),
        centralCity: get('中心城区') === '是',
        facilities: Object.fromEntries(facilityNames.map((f) => [FACILITIES.get(f)!, checkedOn])),
        supplies: '',
      });
      if (!parsed.success) {
        problems.push({ row: rowNumber, message: parsed.error.issues.map((i) => i.message).join('；') });
        continue;
      }
      if (!towns.has(parsed.data.divisionCode)) {
        problems.push({ row: rowNumber, message: `所在镇街“${get('所在镇街')}”不在您的管辖范围内` });
        continue;
      }
      const problem = await shelters.check(actor, parsed.data);
      if (problem) problems.push({ row: rowNumber, message: problem.message });
      else rows.push({ row: rowNumber, input: parsed.data });
    }
    if (!header) throw new AppError('invalid', `“${fileName}”中没有表头和数据`, { field: 'file' });
    const seen = new Set<string>();
    for (const r of rows) {
      const key = `${r.input.divisionCode}|${r.input.name}`;
      if (seen.has(key)) problems.push({ row: r.row, message: `“${r.input.name}”在表中重复` });
      seen.add(key);
    }
    if (problems.length > 0) return { created: 0, updated: 0, problems };
    let created = 0;
    let updated = 0;
    await db.transaction(async (tx) => {
      for (const r of rows) {
        const existing = await repo.findByName(tx, r.input.divisionCode, r.input.name);
        await shelters.saveIn(tx, existing?.id ?? null, r.input);
        if (existing) updated++;
        else created++;
      }
      await audit.record(tx, ctx, {
        action: 'import',
        entity: 'shelter',
        after: { fileName, created, updated },
        divisionCode: actor.divisionCode,
      });
    });
    return { created, updated, problems };
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

  return { importCensus, template };
}
