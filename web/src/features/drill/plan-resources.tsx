/**
 * The warehouses and shelters a plan relies on (预案依托资源): the form's pickers, searched on the server within the
 * officer's scope, and the list on the plan's page with links to the resources module's pages.
 */
import { useQuery } from '@tanstack/react-query';
import { PLAN_RESOURCE_KIND_LABELS, emergencyPlanEndpoints, type TPlanResource, type TPlanResourceKind } from '@yingji/domain';
import { Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../api/client';
import { useCan } from '../../app/auth';

/** `坦洲中学避难场所（坦洲镇）`. */
const resourceLabel = (r: Pick<TPlanResource, 'name' | 'townName' | 'divisionCode'>) => `${r.name}（${r.townName ?? r.divisionCode}）`;

/**
 * Several warehouses or shelters, by id. The first 50 in scope show when it opens, typing narrows them on the
 * server; `linked` labels what is already on the plan, even a resource outside the officer's scope (the bureau's
 * city store on a town plan), which he may keep or remove but not add.
 */
export function PlanResourcePicker({
  kind,
  linked,
  value,
  onChange,
  id,
}: {
  kind: TPlanResourceKind;
  linked: readonly TPlanResource[];
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
}) {
  const [keyword, setKeyword] = useState('');
  const options = useQuery({
    queryKey: ['drill', 'resource-options', kind, keyword],
    queryFn: () => call(emergencyPlanEndpoints.resourceOptions, { query: { kind, ...(keyword ? { q: keyword } : {}) } }),
    staleTime: 60_000,
  });
  const found = (options.data?.items ?? []).map((r) => ({ value: r.id, label: resourceLabel(r) }));
  const kept = linked.filter((r) => r.kind === kind && !found.some((o) => o.value === r.id));
  const label = PLAN_RESOURCE_KIND_LABELS[kind];
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      aria-label={label}
      value={value ?? []}
      onChange={(v: number[]) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      onBlur={() => setKeyword('')}
      loading={options.isFetching}
      placeholder={`选择${label}，可输入名称或地址查找`}
      notFoundContent={options.isFetching ? '查找中…' : `管辖范围内没有找到${label}`}
      options={[...kept.map((r) => ({ value: r.id, label: resourceLabel(r) })), ...found]}
    />
  );
}

/**
 * What the plan relies on, for its page: each warehouse and shelter links to the resources module's page filtered to
 * it (when the viewer may read that page), then the resources named in words.
 */
export function PlanResourceList({ linked, named }: { linked: readonly TPlanResource[]; named: readonly string[] }) {
  const can = useCan();
  if (linked.length === 0 && named.length === 0) return <Typography.Text type="secondary">未关联</Typography.Text>;
  const href = (r: TPlanResource) =>
    r.kind === 'warehouse'
      ? can('resources.read')
        ? `/resources/stock?q=${encodeURIComponent(r.name)}`
        : null
      : can('shelter.read')
        ? `/shelters?q=${encodeURIComponent(r.name)}`
        : null;
  return (
    <Space direction="vertical" size={2}>
      {linked.map((r) => {
        const to = href(r);
        return (
          <span key={`${r.kind}-${r.id}`}>
            <Tag color={r.kind === 'warehouse' ? 'blue' : 'green'}>{PLAN_RESOURCE_KIND_LABELS[r.kind]}</Tag>
            {to ? <Link to={to}>{r.name}</Link> : r.name}
            <Typography.Text type="secondary">
              {' '}
              {r.townName ?? r.divisionCode}·{r.address}
            </Typography.Text>
          </span>
        );
      })}
      {named.length > 0 ? (
        <span>
          <Tag>其他</Tag>
          {named.join('、')}
        </span>
      ) : null}
    </Space>
  );
}
