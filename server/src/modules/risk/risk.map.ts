/** The risk module's layer on the city map: graded firms by their colour, red drawn first when capped. */
import { RISK_COLOUR_NAMES } from '@yingji/domain';
import { sql } from 'drizzle-orm';
import { enterprises, riskGrades } from '../../db/schema/index';
import type { TMapLayerDefinition } from '../../kit/map';
import { inScopeSql } from '../../shared/scope';

export const riskMapLayers: TMapLayerDefinition[] = [
  {
    key: 'risk.firms',
    title: '企业风险等级',
    description: '已定级企业按风险等级着色（红橙黄蓝），按企业登记的坐标标注',
    unit: '家',
    permission: 'risk.read',
    categories: [
      { key: 'red', label: RISK_COLOUR_NAMES.red, colour: '#d9363e' },
      { key: 'orange', label: RISK_COLOUR_NAMES.orange, colour: '#fa8c16' },
      { key: 'yellow', label: RISK_COLOUR_NAMES.yellow, colour: '#fadb14' },
      { key: 'blue', label: RISK_COLOUR_NAMES.blue, colour: '#1677ff' },
    ],
    href: ({ id }) => `/enterprises/${id}`,
    // risk_grades_division_idx (division, colour) serves the scope
    source: ({ scope }) => ({
      from: sql`FROM ${riskGrades} JOIN ${enterprises} ON ${enterprises.id} = ${riskGrades.enterpriseId}`,
      where: inScopeSql(riskGrades.divisionCode, scope),
      division: sql`${riskGrades.divisionCode}`,
      longitude: sql`${enterprises.longitude}`,
      latitude: sql`${enterprises.latitude}`,
      id: sql`${riskGrades.enterpriseId}`,
      name: sql`${enterprises.name}`,
      subtitle: sql`${enterprises.address}`,
      category: sql`${riskGrades.colour}`,
      order: sql`CASE ${riskGrades.colour} WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END, ${riskGrades.enterpriseId}`,
    }),
  },
];
