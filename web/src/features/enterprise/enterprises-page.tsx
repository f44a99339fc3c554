import { DownloadOutlined, PlusOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { SUPERVISING_LEVEL_LABELS, type TEnterprise } from '@yingji/domain/enterprise/enterprise.schema';
import { Badge, Button, Card, Checkbox, Dropdown, Grid, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { enterpriseApi, type TEnterpriseFilter, type TEnterpriseSort } from '../../api/enterprise.api';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { categoryLabel, ENTERPRISE_KEYS, tagLabel } from './enterprise-data';
import { EnterpriseFilterBar, FILTER_KEYS } from './enterprise-filter-bar';
import { EnterpriseFormDrawer } from './enterprise-form-drawer';
import { RegistrationStatusTag, SpecialTags, SupervisionStatusTag } from './enterprise-tags';
import { RiskColourTag } from '../risk/risk-data';
import './enterprise.css';

const SORTS: TEnterpriseSort[] = ['name', 'creditCode', 'updatedAt', 'divisionCode', 'employees'];
const COLUMNS_STORAGE_KEY = 'yingji.enterprise.columns';

/** The columns one may hide; 企业名称 always shows. */
const OPTIONAL_COLUMNS = [
  { key: 'creditCode', label: '统一社会信用代码' },
  { key: 'division', label: '所属镇街' },
  { key: 'risk', label: '风险等级' },
  { key: 'category', label: '监管类别' },
  { key: 'level', label: '监管层级' },
  { key: 'tags', label: '特殊标签' },
  { key: 'principal', label: '主要负责人' },
  { key: 'employees', label: '从业人数' },
  { key: 'registrationStatus', label: '登记状态' },
  { key: 'supervisionStatus', label: '监管状态' },
  { key: 'updatedAt', label: '更新时间' },
] as const;
type TOptionalColumn = (typeof OPTIONAL_COLUMNS)[number]['key'];
// what fits 1366 px beside the menu without scrolling sideways; the rest one click away in 列设置
const DEFAULT_COLUMNS: TOptionalColumn[] = [
  'creditCode',
  'division',
  'risk',
  'category',
  'tags',
  'registrationStatus',
  'supervisionStatus',
];

function loadColumns(): TOptionalColumn[] {
  try {
    const saved = JSON.parse(localStorage.getItem(COLUMNS_STORAGE_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved)) return OPTIONAL_COLUMNS.map((c) => c.key).filter((k) => saved.includes(k));
  } catch {
    // a damaged entry: fall back to the default
  }
  return DEFAULT_COLUMNS;
}

/** The filters, sort and page live in the address, so going back from a firm returns to the same list. */
function readParams(params: URLSearchParams): TEnterpriseFilter & { page: number; pageSize: number } {
  const filter: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) filter[key] = v;
  }
  const sort = params.get('sort') as TEnterpriseSort | null;
  const order = params.get('order');
  return {
    ...(filter as TEnterpriseFilter),
    ...(sort && SORTS.includes(sort) ? { sort } : {}),
    ...(order === 'asc' || order === 'desc' ? { order } : {}),
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20,
  };
}

export function EnterprisesPage() {
  const can = useCan();
  const canManage = can('enterprise.manage');
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const query = readParams(params);
  const { page, pageSize, sort, order, ...filter } = query;
  const [creating, setCreating] = useState(false);
  const [visible, setVisible] = useState<TOptionalColumn[]>(loadColumns);

  /** Changes filters (back to page 1 unless the page itself changes); undefined removes a filter. */
  const update = (patch: Partial<TEnterpriseFilter & { page: number; pageSize: number }>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (patch.page === undefined) next.delete('page');
    setParams(next, { replace: true });
  };

  const list = useQuery({
    queryKey: [...ENTERPRISE_KEYS.list, query],
    queryFn: () => enterpriseApi.list(query),
    placeholderData: keepPreviousData,
  });
  // the town's confirmation queue: firms the regulator's list no longer has
  const pending = useQuery({
    queryKey: [...ENTERPRISE_KEYS.list, 'pending-count'],
    queryFn: () => enterpriseApi.list({ supervisionStatus: '待核实', page: 1, pageSize: 1 }),
  });
  const pendingCount = pending.data?.total ?? 0;
  const pendingOnly = filter.supervisionStatus === '待核实';

  const saveColumns = (keys: TOptionalColumn[]) => {
    setVisible(keys);
    localStorage.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(keys));
  };

  const sortOrder = (key: TEnterpriseSort) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  const allColumns: (TableColumnsType<TEnterprise>[number] & { key: string })[] = [
    {
      title: '企业名称',
      key: 'name',
      width: 220,
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, e) => (
        <div className="cell-stack">
          <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
          {e.formerNames.length > 0 && <span className="cell-sub">曾用名：{e.formerNames.join('、')}</span>}
        </div>
      ),
    },
    {
      title: '统一社会信用代码',
      key: 'creditCode',
      width: 180,
      sorter: true,
      sortOrder: sortOrder('creditCode'),
      render: (_, e) => <span className="mono">{e.creditCode}</span>,
    },
    {
      title: '所属镇街',
      key: 'division',
      width: 100,
      sorter: true,
      sortOrder: sortOrder('divisionCode'),
      render: (_, e) => e.divisionName ?? e.divisionCode,
    },
    { title: '风险', key: 'risk', width: 56, render: (_, e) => <RiskColourTag colour={e.riskColour} /> },
    { title: '监管类别', key: 'category', width: 150, render: (_, e) => categoryLabel(e.supervisionCategory) },
    { title: '监管层级', key: 'level', width: 90, render: (_, e) => SUPERVISING_LEVEL_LABELS[e.supervisingLevel] },
    { title: '特殊标签', key: 'tags', width: 150, render: (_, e) => <SpecialTags tags={e.tags} /> },
    {
      title: '主要负责人',
      key: 'principal',
      width: 150,
      render: (_, e) =>
        e.principalName ? (
          <div className="cell-stack">
            <span>{e.principalName}</span>
            {e.principalPhone && <span className="cell-sub">{e.principalPhone}</span>}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: '从业人数',
      key: 'employees',
      width: 100,
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('employees'),
      render: (_, e) => e.employees ?? '—',
    },
    { title: '登记状态', key: 'registrationStatus', width: 90, render: (_, e) => <RegistrationStatusTag status={e.registrationStatus} /> },
    { title: '监管状态', key: 'supervisionStatus', width: 90, render: (_, e) => <SupervisionStatusTag status={e.supervisionStatus} /> },
    {
      title: '更新时间',
      key: 'updatedAt',
      width: 190,
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (_, e) => <span className="mono nowrap">{formatTime(e.updatedAt)}</span>,
    },
  ];
  const columns = allColumns.filter((c) => c.key === 'name' || visible.includes(c.key as TOptionalColumn));
  const scrollX = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);

  // on a phone one stacked card per firm reads better than a table scrolled sideways
  const phoneColumns: TableColumnsType<TEnterprise> = [
    {
      title: '企业',
      key: 'firm',
      render: (_, e) => (
        <div className="cell-stack">
          <div className="cell-head">
            <Link to={`/enterprises/${e.id}`}>
              <strong>{e.name}</strong>
            </Link>
          </div>
          {e.formerNames.length > 0 && <span className="cell-sub">曾用名：{e.formerNames.join('、')}</span>}
          <span className="cell-sub mono">{e.creditCode}</span>
          <span className="cell-sub">
            {e.divisionName ?? e.divisionCode} · {categoryLabel(e.supervisionCategory)} · {SUPERVISING_LEVEL_LABELS[e.supervisingLevel]}监管
          </span>
          <div className="cell-head card-tags">
            {e.riskColour && <RiskColourTag colour={e.riskColour} long />}
            <SupervisionStatusTag status={e.supervisionStatus} />
            <RegistrationStatusTag status={e.registrationStatus} />
            {e.tags.map((t) => (
              <Tag key={t} color="purple">
                {tagLabel(t)}
              </Tag>
            ))}
          </div>
        </div>
      ),
    },
  ];

  const columnChooser = (
    <Dropdown
      trigger={['click']}
      popupRender={() => (
        <div className="column-chooser">
          <div className="column-chooser-title">显示的列</div>
          <Checkbox.Group
            value={visible}
            onChange={(keys) => saveColumns(keys as TOptionalColumn[])}
            options={OPTIONAL_COLUMNS.map((c) => ({ value: c.key, label: c.label }))}
          />
          <Button type="link" size="small" onClick={() => saveColumns(DEFAULT_COLUMNS)}>
            恢复默认
          </Button>
        </div>
      )}
    >
      <Button icon={<SettingOutlined />}>列设置</Button>
    </Dropdown>
  );

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          企业台账
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label="刷新">
            {isPhone ? null : '刷新'}
          </Button>
          {!isPhone && columnChooser}
          <Button
            icon={<DownloadOutlined />}
            href={enterpriseApi.exportUrl({ ...filter, sort, order })}
            download
            data-testid="enterprise-export"
          >
            导出 Excel
          </Button>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新增企业
            </Button>
          )}
        </div>
      </div>
      <Card variant="borderless">
        <div className="quick-filters">
          <Button
            type={pendingOnly ? 'primary' : 'default'}
            onClick={() => update({ supervisionStatus: pendingOnly ? undefined : '待核实' })}
            data-testid="pending-filter"
          >
            待核实
            <Badge
              count={pendingCount}
              showZero
              overflowCount={99999}
              color={pendingCount > 0 ? '#faad14' : '#bfbfbf'}
              className="quick-badge"
            />
          </Button>
          <Typography.Text type="secondary" className="quick-hint">
            {pendingCount > 0 ? '市场监管名单中已无、需镇街核实是否仍在经营的企业' : '没有待核实的企业'}
          </Typography.Text>
        </div>
        <EnterpriseFilterBar filter={filter} onChange={update} onClear={() => setParams(new URLSearchParams(), { replace: true })} />
        {isPhone && (
          <Select
            className="phone-sort"
            value={`${sort ?? 'updatedAt'}:${order ?? 'desc'}`}
            onChange={(v: string) => {
              const [s, o] = v.split(':') as [TEnterpriseSort, 'asc' | 'desc'];
              update({ sort: s, order: o });
            }}
            options={[
              { value: 'updatedAt:desc', label: '最近更新在前' },
              { value: 'name:asc', label: '按企业名称' },
              { value: 'divisionCode:asc', label: '按镇街' },
              { value: 'employees:desc', label: '从业人数多的在前' },
            ]}
          />
        )}
        <Table<TEnterprise>
          rowKey="id"
          size="middle"
          columns={isPhone ? phoneColumns : columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={isPhone ? undefined : { x: scrollX }}
          locale={{ emptyText: list.isError ? (list.error as Error).message : '没有符合条件的企业' }}
          onRow={(e) => ({ onDoubleClick: () => void navigate(`/enterprises/${e.id}`) })}
          onChange={(pagination: TablePaginationConfig, _filters, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<TEnterprise> | undefined;
            const key = s?.column?.key as string | undefined;
            const sortKey = (key === 'division' ? 'divisionCode' : key) as TEnterpriseSort | undefined;
            const nextSort = s?.order && sortKey && SORTS.includes(sortKey) ? sortKey : undefined;
            const nextOrder = nextSort ? (s?.order === 'ascend' ? 'asc' : 'desc') : undefined;
            if (nextSort !== sort || nextOrder !== order) update({ sort: nextSort, order: nextOrder });
            else {
              const size = pagination.pageSize ?? pageSize;
              update({ page: size !== pageSize ? 1 : (pagination.current ?? 1), pageSize: size });
            }
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: !isPhone,
            pageSizeOptions: [10, 20, 50, 100],
            simple: isPhone,
            showTotal: (total) => `共 ${total} 家`,
          }}
        />
      </Card>
      <EnterpriseFormDrawer open={creating} detail={null} onClose={() => setCreating(false)} />
    </div>
  );
}
