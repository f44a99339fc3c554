import { FilterOutlined } from '@ant-design/icons';
import {
  REGISTRATION_STATUSES,
  SPECIAL_TAGS,
  SUPERVISING_LEVELS,
  SUPERVISION_CATEGORIES,
  SUPERVISION_STATUSES,
  type TRegistrationStatus,
  type TSpecialTag,
  type TSupervisingLevel,
  type TSupervisionCategory,
  type TSupervisionStatus,
} from '@yingji/domain/enterprise/enterprise.schema';
import { Button, Form, Grid, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { RISK_COLOURS } from '@yingji/domain/risk/risk.schema';
import type { TEnterpriseFilter, TEnterpriseSort } from '../../api/enterprise.api';
import { param, useTowns } from '../../kit';
import { RISK_COLOUR_OPTIONS } from '../risk/risk-data';
import { CATEGORY_OPTIONS, LEVEL_OPTIONS, REGISTRATION_STATUS_OPTIONS, SUPERVISION_STATUS_OPTIONS, TAG_OPTIONS } from './enterprise-data';

export const SORTS: TEnterpriseSort[] = ['name', 'creditCode', 'updatedAt', 'divisionCode', 'employees'];

/** The registry's filters and sort as they stand in the address. */
export const ENTERPRISE_FILTERS = {
  q: param.text(),
  divisionCode: param.text(),
  category: param.oneOf(SUPERVISION_CATEGORIES.map((c) => c.code)),
  tag: param.oneOf(SPECIAL_TAGS.map((t) => t.code)),
  supervisionStatus: param.oneOf(SUPERVISION_STATUSES),
  registrationStatus: param.oneOf(REGISTRATION_STATUSES),
  level: param.oneOf(SUPERVISING_LEVELS),
  riskColour: param.oneOf(RISK_COLOURS),
  sort: param.oneOf(SORTS),
  order: param.oneOf(['asc', 'desc'] as const),
};
const FILTER_KEYS = ['divisionCode', 'category', 'tag', 'supervisionStatus', 'registrationStatus', 'level', 'riskColour'] as const;

/** The registry's filters; on a phone only the keyword shows until 筛选 opens the rest. */
export function EnterpriseFilterBar({
  filter,
  onChange: update,
  onClear,
}: {
  filter: TEnterpriseFilter;
  onChange: (patch: Partial<TEnterpriseFilter>) => void;
  onClear: () => void;
}) {
  const isPhone = Grid.useBreakpoint().md === false;
  const towns = useTowns();
  const [showFilters, setShowFilters] = useState(false);
  const activeFilters = FILTER_KEYS.filter((k) => filter[k] !== undefined).length;
  const filterWidth = (desktop: number) => ({ width: isPhone ? '100%' : desktop });
  return (
    <Form layout={isPhone ? 'vertical' : 'inline'} className="filter-bar">
      <Form.Item label={isPhone ? undefined : '关键字'}>
        <Space.Compact style={{ width: isPhone ? '100%' : 'auto' }}>
          <Input.Search
            key={filter.q ?? ''}
            allowClear
            defaultValue={filter.q}
            placeholder="企业名称、曾用名或信用代码"
            aria-label="关键字"
            onSearch={(q) => update({ q: q.trim() || undefined })}
            style={{ width: isPhone ? '100%' : 260 }}
          />
          {isPhone && (
            <Button icon={<FilterOutlined />} onClick={() => setShowFilters((v) => !v)} type={activeFilters > 0 ? 'primary' : 'default'}>
              筛选{activeFilters > 0 ? ` ${activeFilters}` : ''}
            </Button>
          )}
        </Space.Compact>
      </Form.Item>
      {(!isPhone || showFilters) && (
        <>
          <Form.Item label="镇街">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部镇街"
              aria-label="镇街"
              options={towns.options}
              value={filter.divisionCode}
              onChange={(divisionCode?: string) => update({ divisionCode })}
              style={filterWidth(140)}
            />
          </Form.Item>
          <Form.Item label="类别">
            <Select
              allowClear
              placeholder="全部类别"
              aria-label="监管类别"
              options={CATEGORY_OPTIONS}
              value={filter.category}
              onChange={(category?: TSupervisionCategory) => update({ category })}
              style={filterWidth(200)}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label="标签">
            <Select
              allowClear
              placeholder="全部"
              options={TAG_OPTIONS}
              aria-label="特殊标签"
              value={filter.tag}
              onChange={(tag?: TSpecialTag) => update({ tag })}
              style={filterWidth(150)}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label="监管状态">
            <Select
              allowClear
              placeholder="全部"
              options={SUPERVISION_STATUS_OPTIONS}
              aria-label="监管状态"
              value={filter.supervisionStatus}
              onChange={(supervisionStatus?: TSupervisionStatus) => update({ supervisionStatus })}
              style={filterWidth(100)}
            />
          </Form.Item>
          <Form.Item label="登记状态">
            <Select
              allowClear
              placeholder="全部"
              options={REGISTRATION_STATUS_OPTIONS}
              aria-label="登记状态"
              value={filter.registrationStatus}
              onChange={(registrationStatus?: TRegistrationStatus) => update({ registrationStatus })}
              style={filterWidth(100)}
            />
          </Form.Item>
          <Form.Item label="层级">
            <Select
              allowClear
              placeholder="全部"
              options={LEVEL_OPTIONS}
              aria-label="监管层级"
              value={filter.level}
              onChange={(level?: TSupervisingLevel) => update({ level })}
              style={filterWidth(110)}
            />
          </Form.Item>
          <Form.Item label="风险等级">
            <Select
              allowClear
              placeholder="全部"
              options={RISK_COLOUR_OPTIONS}
              aria-label="风险等级"
              value={filter.riskColour}
              onChange={(riskColour?: TEnterpriseFilter['riskColour']) => update({ riskColour })}
              style={filterWidth(100)}
            />
          </Form.Item>
          {(activeFilters > 0 || filter.q) && (
            <Form.Item>
              <Button onClick={onClear}>清除筛选</Button>
            </Form.Item>
          )}
        </>
      )}
    </Form>
  );
}
