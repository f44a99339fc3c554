/** The hazard module's layer on the city map: open major hazards at their firm, overdue ones first. */
import { bureauDate } from '@yingji/domain';
import { sql } from 'drizzle-orm';
import { enterprises, hazards } from '../../db/schema/index';
import type { TMapLayerDefinition } from '../../kit/map';
import { inScopeSql } from '../../shared/scope';

export const hazardMapLayers: TMapLayerDefinition[] = [
  {
    key: 'hazard.major_open',
    title: '未销号重大隐患',
    description: '尚未销号的重大事故隐患，按所在企业的坐标标注；超过整改期限的为逾期',
    unit: '项',
    // the maps and dashboards are the bureau's and the towns', not enterprise users' (as the hazard map)
    permission: 'hazard.stats',
    categories: [
      { key: 'overdue', label: '逾期未整改', colour: '#a8071a' },
      { key: 'supervised', label: '挂牌督办', colour: '#eb2f96' },
      { key: 'open', label: '整改中', colour: '#fa541c' },
      { key: 'submitted', label: '待复查', colour: '#faad14' },
    ],
    href: ({ id }) => `/hazards/${id}`,
    // hazards_open_major_idx (city, deadline) for a city, hazards_open_idx (division, deadline) for a town
    source: ({ scope, now }) => {
      const today = bureauDate(now);
      // domain hazard.rules isHazardOverdue: found, ordered or rectifying past the deadline
      const overdue = sql`(${hazards.state} IN ('found', 'ordered', 'rectifying') AND ${hazards.deadline} < ${today})`;
      return {
        from: sql`FROM ${hazards} JOIN ${enterprises} ON ${enterprises.id} = ${hazards.enterpriseId}`,
        where: sql`${hazards.state} <> 'closed' AND ${hazards.level} = 'major' AND ${inScopeSql(hazards.divisionCode, scope, hazards.cityCode)}`,
        division: sql`${hazards.divisionCode}`,
        longitude: sql`${enterprises.longitude}`,
        latitude: sql`${enterprises.latitude}`,
        id: sql`${hazards.id}`,
        name: sql`${enterprises.name}`,
        subtitle: sql`left(${hazards.description}, 40) || '；整改期限 ' || ${hazards.deadline}::text`,
        category: sql`CASE WHEN ${overdue} THEN 'overdue' WHEN ${hazards.supervised} THEN 'supervised'
          WHEN ${hazards.state} = 'submitted' THEN 'submitted' ELSE 'open' END`,
        order: sql`${hazards.deadline}, ${hazards.id}`,
      };
    },
  },
];
