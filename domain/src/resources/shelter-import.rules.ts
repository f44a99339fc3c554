/**
 * The shelter census (避难场所普查表) read into the registry's input: the columns it reads with their usual headers,
 * and one row read into a shelter or the Chinese reasons it cannot be. Pure: the server adds the checks that need
 * settings (the city's extent) and the database (the user's towns).
 */
import type { z } from 'zod';
import type { TColumnField } from '../shared/columns';
import {
  SHELTER_CLASS_LABELS,
  SHELTER_FACILITY_LABELS,
  SHELTER_KIND_LABELS,
  SHELTER_LEVEL_LABELS,
  SHELTER_STATUS_LABELS,
} from './resources.data';
import { ZShelterInputSchema } from './shelter.schema';

const f = (label: string, required: boolean, ...headers: string[]): TColumnField => ({ label, required, headers: [label, ...headers] });

/** The census columns, in the template's order. */
export const SHELTER_IMPORT_FIELDS = {
  town: f('所在镇街', true, '镇街', '所属镇街', '镇区'),
  name: f('场所名称', true, '名称', '避难场所名称', '场所'),
  kind: f('场所类型', true, '类型'),
  indoor: f('室内/室外', true, '室内室外', '室内或室外'),
  level: f('级别', true, '场所级别'),
  shelterClass: f('类别', true, '场所类别'),
  address: f('地址', true, '详细地址', '场所地址'),
  longitude: f('经度', true),
  latitude: f('纬度', true),
  areaM2: f('有效避难面积（平方米）', true, '有效避难面积', '有效面积', '避难面积', '面积（平方米）', '面积'),
  capacityOverride: f('核定容纳人数', false, '核定人数', '容纳人数'),
  overrideReason: f('核定说明', false),
  managingUnit: f('管理单位', true, '管理单位名称'),
  contact: f('联系人', true),
  contactPhone: f('联系电话', true, '电话'),
  status: f('启用状态', false, '状态'),
  centralCity: f('中心城区', false, '是否中心城区'),
  facilities: f('已有设施', false, '设施'),
  checkedOn: f('设施检查日期', false, '检查日期'),
} as const satisfies Record<string, TColumnField>;
export type TShelterImportField = keyof typeof SHELTER_IMPORT_FIELDS;

const reverse = <K extends string>(labels: Record<K, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));
const KINDS = reverse(SHELTER_KIND_LABELS);
const LEVELS = reverse(SHELTER_LEVEL_LABELS);
const CLASSES = reverse(SHELTER_CLASS_LABELS);
const STATUSES = reverse(SHELTER_STATUS_LABELS);
const FACILITIES = reverse(SHELTER_FACILITY_LABELS);
const num = (s: string) => (s === '' ? undefined : Number(s.replace(/,/g, '')));

export type TCensusRow = { ok: true; input: z.output<typeof ZShelterInputSchema> } | { ok: false; errors: string[] };

/**
 * Reads one row (cells as text) by the mapped columns. `towns` maps a town's name and its code to its code, for the
 * towns the user may record. Every problem of the row is returned, each naming its field, in Chinese.
 */
export function readCensusRow(
  text: readonly string[],
  columns: Partial<Record<TShelterImportField, number>>,
  towns: ReadonlyMap<string, string>,
): TCensusRow {
  const get = (field: TShelterImportField) => {
    const i = columns[field];
    return i === undefined ? '' : (text[i] ?? '').trim();
  };
  const errors: string[] = [];
  const facilityNames = get('facilities')
    .split(/[、,，;；\s]+/)
    .filter(Boolean);
  for (const name of facilityNames) if (!FACILITIES.has(name)) errors.push(`已有设施：不认识“${name}”`);
  const checkedOn = get('checkedOn');
  if (facilityNames.length > 0 && checkedOn === '') errors.push('设施检查日期必须填写（填了已有设施时）');
  const inOut = get('indoor');
  if (inOut !== '' && inOut !== '室内' && inOut !== '室外') errors.push(`室内/室外只能填“室内”或“室外”，不是“${inOut}”`);
  const town = get('town');
  const divisionCode = towns.get(town);
  if (town !== '' && !divisionCode) errors.push(`所在镇街“${town}”不存在或不在您的管辖范围内`);
  const central = get('centralCity');
  if (central !== '' && central !== '是' && central !== '否') errors.push(`中心城区只能填“是”或“否”，不是“${central}”`);
  const parsed = ZShelterInputSchema.safeParse({
    divisionCode: divisionCode ?? (town || undefined),
    name: get('name'),
    kind: KINDS.get(get('kind')) ?? (get('kind') || undefined),
    indoor: inOut === '室内' ? true : inOut === '室外' ? false : undefined,
    level: LEVELS.get(get('level')) ?? (get('level') || undefined),
    shelterClass: CLASSES.get(get('shelterClass')) ?? (get('shelterClass') || undefined),
    address: get('address'),
    longitude: num(get('longitude')),
    latitude: num(get('latitude')),
    areaM2: num(get('areaM2')),
    capacityOverride: num(get('capacityOverride')) ?? null,
    overrideReason: get('overrideReason') || null,
    managingUnit: get('managingUnit'),
    contact: get('contact'),
    contactPhone: get('contactPhone'),
    status: STATUSES.get(get('status')) ?? (get('status') || undefined),
    centralCity: central === '是',
    facilities: Object.fromEntries(facilityNames.filter((n) => FACILITIES.has(n)).map((n) => [FACILITIES.get(n)!, checkedOn])),
    supplies: '',
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // the town's own message above already says what is wrong with it
      if (issue.path[0] === 'divisionCode' && town !== '') continue;
      if (issue.path[0] === 'indoor' && inOut !== '') continue;
      if (issue.path[0] === 'facilities') {
        const m = `设施检查日期“${checkedOn}”格式应为 YYYY-MM-DD`;
        if (checkedOn !== '' && !errors.includes(m)) errors.push(m);
        continue;
      }
      const field = String(issue.path[0]);
      const numeric = ['longitude', 'latitude', 'areaM2', 'capacityOverride'].includes(field);
      const message =
        numeric && issue.code === 'invalid_type' && get(field as TShelterImportField) !== ''
          ? `${SHELTER_IMPORT_FIELDS[field as TShelterImportField].label}应为数字，不是“${get(field as TShelterImportField)}”`
          : issue.message;
      if (!errors.includes(message)) errors.push(message);
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}
