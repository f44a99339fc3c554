import { DownloadOutlined, FilterOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { HAZARD_CATEGORY_LABELS, HAZARD_SOURCE_LABELS, type THazardItem } from '@yingji/domain';
import { Button, Card, Checkbox, DatePicker, Grid, Input, List, Pagination, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hazardApi, type THazardFilter } from '../../api/hazard.api';
import { useCan, useCurrentMe } from '../../app/auth';
import { dayjs } from '../../app/locale';
import {
  CATEGORY_OPTIONS,
  HAZARD_KEYS,
  HazardTags,
  LEVEL_OPTIONS,
  meEnterprise,
  SOURCE_OPTIONS,
  STATE_OPTIONS,
  useCampaigns,
} from './hazard-data';
import './hazard.css';
import { useTowns } from '../../kit';

const KEYS = [
  'divisionCode',
  'enterpriseId',
  'state',
  'open',
  'overdue',
  'supervised',
  'extensionPending',
  'level',
  'category',
  'source',
  'campaignId',
  'from',
  'to',
  'q',
] as const;

/** 隐患台账: filters in the address, paginated; cards on a phone; Excel export of the filtered list. */
export function HazardsPage() {
  const can = useCan();
  const me = useCurrentMe();
  const firm = meEnterprise(me);
  const isEnterprise = me.user.role === 'enterprise_user';
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.sm === false;
  const towns = useTowns();
  const campaigns = useCampaigns(!isEnterprise);
  const [params, setParams] = useSearchParams();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filter = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)) as THazardFilter;
  const activeFilters = KEYS.filter((k) => k !== 'q' && k !== 'to' && params.get(k)).length;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const list = useQuery({
    queryKey: HAZARD_KEYS.list({ ...filter, page, pageSize }),
    queryFn: () => hazardApi.list({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const flag = (key: 'open' | 'overdue' | 'supervised' | 'extensionPending', label: string) => (
    <Checkbox checked={filter[key] === 'true'} onChange={(e) => update({ [key]: e.target.checked ? 'true' : undefined })}>
      {label}
    </Checkbox>
  );

  const columns: TableColumnsType<THazardItem> = [
    { title: '发现日期', dataIndex: 'foundOn', width: 110, render: (v: string) => <span className="mono nowrap">{v}</span> },
    {
      title: '隐患',
      render: (_, h) => (
        <div className="cell-stack">
          <Link to={`/hazards/${h.id}`}>{h.description}</Link>
          <span className="cell-sub">
            {h.location} · {HAZARD_CATEGORY_LABELS[h.category]} · {HAZARD_SOURCE_LABELS[h.source]}
          </span>
        </div>
      ),
    },
    {
      title: '企业',
      width: 220,
      render: (_, h) => (
        <div className="cell-stack">
          <span>{h.enterpriseName}</span>
          <span className="cell-sub">{h.townName ?? h.divisionCode}</span>
        </div>
      ),
    },
    {
      title: '整改期限',
      dataIndex: 'deadline',
      width: 110,
      render: (v: string, h) => <span className={h.overdue ? 'mono nowrap hazard-overdue' : 'mono nowrap'}>{v}</span>,
    },
    { title: '状态', width: 200, render: (_, h) => <HazardTags h={h} /> },
  ];

  const title = isEnterprise ? '本企业隐患' : '隐患台账';
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          {title}
          {firm && <span className="hazard-firm-sub">{firm.name}</span>}
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<DownloadOutlined />} href={hazardApi.exportUrl(filter)} aria-label="导出 Excel">
            {isPhone ? '导出' : '导出 Excel'}
          </Button>
          {can('hazard.report') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              size={isPhone ? 'large' : 'middle'}
              onClick={() => void navigate('/hazards/new')}
            >
              {isEnterprise ? '上报隐患' : '登记隐患'}
            </Button>
          )}
        </div>
      </div>
      <Card variant="borderless">
        {isPhone && (
          <div className="hazard-phone-search">
            <Input.Search
              allowClear
              placeholder={isEnterprise ? '隐患描述或部位' : '企业名称、隐患描述或部位'}
              defaultValue={filter.q}
              onSearch={(q) => update({ q: q.trim() || undefined })}
              style={{ flex: 1 }}
            />
            <Button
              icon={<FilterOutlined />}
              onClick={() => setFiltersOpen((o) => !o)}
              type={activeFilters > 0 ? 'primary' : 'default'}
              ghost={activeFilters > 0}
            >
              筛选{activeFilters > 0 ? `（${activeFilters}）` : ''}
            </Button>
          </div>
        )}
        {(!isPhone || filtersOpen) && (
          <Space wrap className="filter-bar">
            {!isPhone && (
              <Input.Search
                allowClear
                placeholder={isEnterprise ? '隐患描述或部位' : '企业名称、隐患描述或部位'}
                defaultValue={filter.q}
                onSearch={(q) => update({ q: q.trim() || undefined })}
                style={{ width: 240 }}
              />
            )}
            {!isEnterprise && me.user.divisionCode.length < 9 && (
              <Select
                allowClear
                placeholder="镇街"
                style={{ width: 130 }}
                options={towns.options}
                value={filter.divisionCode}
                onChange={(v?: string) => update({ divisionCode: v })}
              />
            )}
            <Select
              allowClear
              placeholder="状态"
              style={{ width: 150 }}
              options={STATE_OPTIONS}
              value={filter.state}
              onChange={(v?: string) => update({ state: v })}
            />
            <Select
              allowClear
              placeholder="隐患等级"
              style={{ width: 120 }}
              options={LEVEL_OPTIONS}
              value={filter.level}
              onChange={(v?: string) => update({ level: v })}
            />
            <Select
              allowClear
              placeholder="隐患类别"
              style={{ width: 170 }}
              options={CATEGORY_OPTIONS}
              value={filter.category}
              onChange={(v?: string) => update({ category: v })}
            />
            {!isEnterprise && (
              <Select
                allowClear
                placeholder="隐患来源"
                style={{ width: 120 }}
                options={SOURCE_OPTIONS}
                value={filter.source}
                onChange={(v?: string) => update({ source: v })}
              />
            )}
            {!isEnterprise && (
              <Select
                allowClear
                placeholder="专项行动"
                style={{ width: 170 }}
                loading={campaigns.isPending}
                options={(campaigns.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
                value={filter.campaignId === undefined ? undefined : String(filter.campaignId)}
                onChange={(v?: string) => update({ campaignId: v })}
              />
            )}
            <DatePicker.RangePicker
              placeholder={['发现日期起', '发现日期止']}
              inputReadOnly={isPhone}
              value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
              onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            />
            {filter.enterpriseId !== undefined && !isEnterprise && (
              <Tag closable color="blue" onClose={() => update({ enterpriseId: undefined })}>
                {list.data?.items[0]?.enterpriseName ?? `企业 #${filter.enterpriseId}`}
              </Tag>
            )}
            {flag('open', '仅未销号')}
            {flag('overdue', '仅逾期')}
            {!isEnterprise && flag('supervised', '仅挂牌督办')}
            {can('hazard.manage') && flag('extensionPending', '仅延期待审批')}
          </Space>
        )}
        {isPhone ? (
          <>
            <List<THazardItem>
              className="hazard-cards"
              loading={list.isFetching}
              dataSource={list.data?.items}
              locale={{ emptyText: list.isError ? (list.error as Error).message : '没有隐患记录' }}
              renderItem={(h) => (
                <Link to={`/hazards/${h.id}`} className="hazard-card" aria-label={`隐患 ${h.description}`}>
                  <div className="hazard-card-main">
                    <HazardTags h={h} />
                    <div className="hazard-card-title">{h.description}</div>
                    <div className="cell-sub">{isEnterprise ? h.location : `${h.enterpriseName} · ${h.location}`}</div>
                    <div className={h.overdue ? 'cell-sub hazard-overdue' : 'cell-sub'}>
                      {HAZARD_CATEGORY_LABELS[h.category]} · 整改期限 {h.deadline}
                    </div>
                  </div>
                  <RightOutlined className="hazard-card-arrow" />
                </Link>
              )}
            />
            <Pagination
              simple
              className="hazard-pager"
              current={page}
              pageSize={pageSize}
              total={list.data?.total ?? 0}
              onChange={(p) => update({ page: p })}
            />
            <div className="cell-sub hazard-total">共 {list.data?.total ?? 0} 条</div>
          </>
        ) : (
          <Table<THazardItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
            onChange={(p) => update({ page: p.current, pageSize: p.pageSize })}
            locale={{ emptyText: list.isError ? (list.error as Error).message : '没有隐患记录' }}
          />
        )}
      </Card>
    </div>
  );
}
