/** The fire module's layers on the city map: the camera sites (高点监控) and the fire incidents still open. */
import { sql } from 'drizzle-orm';
import { fireIncidents, fireSites } from '../../db/schema/index';
import type { TMapLayerDefinition } from '../../kit/map';
import { inScopeSql } from '../../shared/scope';

export const fireMapLayers: TMapLayerDefinition[] = [
  {
    key: 'fire.cameras',
    title: '森林防火监控点',
    description: '高点监控点位（每个点位有一个或多个可见光、热成像通道）',
    unit: '个',
    permission: 'fire.read',
    categories: [
      { key: 'active', label: '在用', colour: '#1677ff' },
      { key: 'inactive', label: '停用', colour: '#8c8c8c' },
    ],
    // no page per site: the device registry
    href: () => '/fire/cameras',
    // fire_sites_division_idx serves the scope
    source: ({ scope }) => ({
      from: sql`FROM ${fireSites}`,
      where: inScopeSql(fireSites.divisionCode, scope),
      division: sql`${fireSites.divisionCode}`,
      longitude: sql`${fireSites.longitude}`,
      latitude: sql`${fireSites.latitude}`,
      id: sql`${fireSites.id}`,
      name: sql`${fireSites.name}`,
      subtitle: sql`'编号 ' || ${fireSites.code}`,
      category: sql`${fireSites.status}`,
      order: sql`${fireSites.id}`,
    }),
  },
  {
    key: 'fire.incidents',
    title: '未结束的火情',
    description: '待核实、已确认和已调度、尚未结束的火情',
    unit: '起',
    permission: 'fire.read',
    categories: [
      { key: 'new', label: '待核实', colour: '#faad14' },
      { key: 'verified', label: '已确认火情', colour: '#f5222d' },
      { key: 'dispatched', label: '已调度', colour: '#a8071a' },
    ],
    href: ({ id }) => `/fire/incidents/${id}`,
    // fire_incidents_division_idx (division, last_seen_at) serves the scope
    source: ({ scope }) => ({
      from: sql`FROM ${fireIncidents}`,
      where: sql`${inScopeSql(fireIncidents.divisionCode, scope)} AND ${fireIncidents.status} IN ('new', 'verified', 'dispatched')`,
      division: sql`${fireIncidents.divisionCode}`,
      longitude: sql`${fireIncidents.longitude}`,
      latitude: sql`${fireIncidents.latitude}`,
      id: sql`${fireIncidents.id}`,
      name: sql`'火情 #' || ${fireIncidents.id}`,
      subtitle: sql`to_char(${fireIncidents.lastSeenAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || ' 最近一次告警'`,
      category: sql`${fireIncidents.status}`,
      order: sql`${fireIncidents.lastSeenAt} DESC, ${fireIncidents.id} DESC`,
    }),
  },
];
