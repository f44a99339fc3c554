/** The accident module's layer on the city map: this year's accidents and emergencies where they happened. */
import { ACCIDENT_GRADE_LABELS, bureauDate } from '@yingji/domain';
import { sql } from 'drizzle-orm';
import { accidents, enterprises } from '../../db/schema/index';
import type { TMapLayerDefinition } from '../../kit/map';
import { inScopeSql } from '../../shared/scope';

export const accidentMapLayers: TMapLayerDefinition[] = [
  {
    key: 'accident.year',
    title: '今年事故',
    description: '今年（北京时间）报告的生产安全事故和突发事件，按事发地点标注（未填坐标的按所在企业）',
    unit: '起',
    permission: 'accident.read',
    categories: [
      { key: 'especially_major', label: `${ACCIDENT_GRADE_LABELS.especially_major}事故`, colour: '#5c0011' },
      { key: 'major', label: `${ACCIDENT_GRADE_LABELS.major}事故`, colour: '#a8071a' },
      { key: 'larger', label: `${ACCIDENT_GRADE_LABELS.larger}事故`, colour: '#f5222d' },
      { key: 'general', label: `${ACCIDENT_GRADE_LABELS.general}事故`, colour: '#fa8c16' },
      { key: 'emergency', label: '突发事件', colour: '#722ed1' },
    ],
    href: ({ id }) => `/accidents/${id}`,
    // accidents_occurred_on_idx (city, occurred_on) for a city, accidents_division_idx for a town
    source: ({ scope, now }) => ({
      from: sql`FROM ${accidents} LEFT JOIN ${enterprises} ON ${enterprises.id} = ${accidents.enterpriseId}`,
      where: sql`${inScopeSql(accidents.divisionCode, scope, accidents.cityCode)} AND ${accidents.occurredOn} >= ${`${bureauDate(now).slice(0, 4)}-01-01`}`,
      division: sql`${accidents.divisionCode}`,
      longitude: sql`coalesce(${accidents.longitude}, ${enterprises.longitude})`,
      latitude: sql`coalesce(${accidents.latitude}, ${enterprises.latitude})`,
      id: sql`${accidents.id}`,
      name: sql`${accidents.title}`,
      subtitle: sql`${accidents.occurredOn}::text || ' ' || ${accidents.place}`,
      category: sql`CASE WHEN ${accidents.kind} = 'emergency' OR ${accidents.grade} IS NULL THEN 'emergency' ELSE ${accidents.grade} END`,
      order: sql`${accidents.occurredOn} DESC, ${accidents.id} DESC`,
    }),
  },
];
