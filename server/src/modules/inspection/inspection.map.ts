/** The inspection module's layer on the city map: this month's submitted inspections at the inspected firm. */
import { bureauDate } from '@yingji/domain';
import { sql } from 'drizzle-orm';
import { enterprises, inspections } from '../../db/schema/index';
import type { TMapLayerDefinition } from '../../kit/map';
import { inScopeSql } from '../../shared/scope';

export const inspectionMapLayers: TMapLayerDefinition[] = [
  {
    key: 'inspection.month',
    title: '本月监督检查',
    description: '本月（北京时间）已提交的监督检查，按被检查企业的坐标标注；发现问题的标红',
    unit: '次',
    permission: 'inspection.read',
    categories: [
      { key: 'findings', label: '发现问题', colour: '#d4380d' },
      { key: 'clean', label: '未发现问题', colour: '#389e0d' },
    ],
    href: ({ id }) => `/inspections/${id}`,
    // inspections_city_idx (city, inspected_on) for a city, inspections_division_idx for a town
    source: ({ scope, now }) => {
      const today = bureauDate(now);
      return {
        from: sql`FROM ${inspections} JOIN ${enterprises} ON ${enterprises.id} = ${inspections.enterpriseId}`,
        where: sql`${inScopeSql(inspections.divisionCode, scope, inspections.cityCode)} AND ${inspections.inspectedOn} >= ${`${today.slice(0, 7)}-01`}
          AND ${inspections.inspectedOn} <= ${today} AND ${inspections.status} = 'submitted'`,
        division: sql`${inspections.divisionCode}`,
        longitude: sql`${enterprises.longitude}`,
        latitude: sql`${enterprises.latitude}`,
        id: sql`${inspections.id}`,
        name: sql`${enterprises.name}`,
        subtitle: sql`${inspections.inspectedOn}::text || ' 检查，发现问题 ' || ${inspections.findingsCount} || ' 项'`,
        category: sql`CASE WHEN ${inspections.findingsCount} > 0 THEN 'findings' ELSE 'clean' END`,
        order: sql`${inspections.inspectedOn} DESC, ${inspections.id} DESC`,
      };
    },
  },
];
