/** The warning module's layer on the city map: waterlogging points (内涝水浸点) with their plan's contact. */
import { sql } from 'drizzle-orm';
import { waterloggingPoints } from '../../db/schema/index';
import type { TMapLayerDefinition } from '../../kit/map';
import { inScopeSql } from '../../shared/scope';

export const warningMapLayers: TMapLayerDefinition[] = [
  {
    key: 'warning.waterlogging',
    title: '内涝水浸点',
    description: '登记的内涝水浸点（一点一策），有水泵的和没有水泵的分开着色',
    unit: '处',
    permission: 'warning.read',
    categories: [
      { key: 'pumps', label: '配有水泵', colour: '#0958d9' },
      { key: 'no_pumps', label: '未配水泵', colour: '#69b1ff' },
    ],
    // no page per point yet: the map shows its plan's contact
    href: () => null,
    // waterlogging_points_division_idx serves the scope
    source: ({ scope }) => ({
      from: sql`FROM ${waterloggingPoints}`,
      where: inScopeSql(waterloggingPoints.divisionCode, scope),
      division: sql`${waterloggingPoints.divisionCode}`,
      longitude: sql`${waterloggingPoints.longitude}`,
      latitude: sql`${waterloggingPoints.latitude}`,
      id: sql`${waterloggingPoints.id}`,
      name: sql`${waterloggingPoints.name}`,
      subtitle: sql`${waterloggingPoints.location} || '；责任人 ' || ${waterloggingPoints.responsiblePerson} || ' ' || ${waterloggingPoints.phone}`,
      category: sql`CASE WHEN ${waterloggingPoints.pumps} > 0 THEN 'pumps' ELSE 'no_pumps' END`,
      order: sql`${waterloggingPoints.id}`,
    }),
  },
];
