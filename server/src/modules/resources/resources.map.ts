/** The resources module's layers on the city map: shelters (by status) and warehouses with pre-positioned points. */
import { SHELTER_STATUS_LABELS, WAREHOUSE_KIND_LABELS } from '@yingji/domain';
import { sql } from 'drizzle-orm';
import { resourceWarehouses, shelters } from '../../db/schema/index';
import type { TMapLayerDefinition } from '../../kit/map';
import { inScopeSql } from '../../shared/scope';

export const resourcesMapLayers: TMapLayerDefinition[] = [
  {
    key: 'resources.shelters',
    title: '应急避难场所',
    description: '避难场所普查登记的场所，按启用状态着色',
    unit: '处',
    permission: 'shelter.read',
    categories: [
      { key: 'open', label: SHELTER_STATUS_LABELS.open, colour: '#389e0d' },
      { key: 'renovating', label: SHELTER_STATUS_LABELS.renovating, colour: '#d48806' },
      { key: 'closed', label: SHELTER_STATUS_LABELS.closed, colour: '#8c8c8c' },
    ],
    // no page per shelter: the registry filtered to its name and town
    href: ({ name, divisionCode }) => `/shelters?${new URLSearchParams({ q: name, divisionCode }).toString()}`,
    // shelters_division_idx serves the scope
    source: ({ scope }) => ({
      from: sql`FROM ${shelters}`,
      where: inScopeSql(shelters.divisionCode, scope),
      division: sql`${shelters.divisionCode}`,
      longitude: sql`${shelters.longitude}`,
      latitude: sql`${shelters.latitude}`,
      id: sql`${shelters.id}`,
      name: sql`${shelters.name}`,
      subtitle: sql`${shelters.address}`,
      category: sql`${shelters.status}`,
      order: sql`${shelters.id}`,
    }),
  },
  {
    key: 'resources.warehouses',
    title: '物资仓库与前置点',
    description: '市级、镇街应急物资仓库和前置点',
    unit: '个',
    permission: 'resources.read',
    categories: [
      { key: 'city', label: WAREHOUSE_KIND_LABELS.city, colour: '#0958d9' },
      { key: 'town', label: WAREHOUSE_KIND_LABELS.town, colour: '#13c2c2' },
      { key: 'prepositioned', label: WAREHOUSE_KIND_LABELS.prepositioned, colour: '#7cb305' },
    ],
    // no page per warehouse: the stock ledger of its town
    href: ({ divisionCode }) => `/resources/stock?${new URLSearchParams({ divisionCode }).toString()}`,
    // resource_warehouses_division_idx serves the scope
    source: ({ scope }) => ({
      from: sql`FROM ${resourceWarehouses}`,
      where: inScopeSql(resourceWarehouses.divisionCode, scope),
      division: sql`${resourceWarehouses.divisionCode}`,
      longitude: sql`${resourceWarehouses.longitude}`,
      latitude: sql`${resourceWarehouses.latitude}`,
      id: sql`${resourceWarehouses.id}`,
      name: sql`${resourceWarehouses.name}`,
      subtitle: sql`${resourceWarehouses.address} || '；保管人 ' || ${resourceWarehouses.keeper}`,
      category: sql`${resourceWarehouses.kind}`,
      order: sql`${resourceWarehouses.id}`,
    }),
  },
];
