import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  INSPECTION_KIND_LABELS,
  INSPECTION_STATUS_LABELS,
  type TInspection,
  type TInspectionKind,
} from '@yingji/domain/inspection/inspection.schema';
import { Button, Card, DatePicker, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { inspectionApi, type TInspectionFilter } from '../../api/inspection.api';
import { useCan, useCurrentMe } from '../../app/auth';
import { dayjs } from '../../app/locale';
import { COLOUR_LABELS, INSPECTION_KEYS, KIND_COLORS, KIND_OPTIONS } from './inspection-data';
import './inspection-styles.css';
import { useTowns } from '../../kit';

const KEYS = ['divisionCode', 'kind', 'status', 'from', 'to', 'q'] as const;

/** The inspection ledger: filters in the address, paginated, 四不两直 counted apart, Excel export of the filtered set. */
export function InspectionsPage() {
  const can = useCan();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const towns = useTowns();
  const [params, setParams] = useSearchParams();
  const filter: TInspectionFilter = Object.fromEntries(
    KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  ) as TInspectionFilter;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const list = useQuery({
    queryKey: INSPECTION_KEYS.list({ ...filter, page, pageSize }),
    queryFn: () => inspectionApi.list({ ...filter, page, pageSize }),
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

  const columns: TableColumnsType<TInspection> = [
    { title: '检查日期', dataIndex: 'inspectedOn', width: 110, render: (v: string) => <span className="mono nowrap">{v}</span> },
    {
      title: '企业',
      render: (_, i) => (
        <div className="cell-stack">
          <Link to={`/inspections/${i.id}`}>{i.enterpriseName}</Link>
          <span className="cell-sub">{i.place}</span>
        </div>
      ),
    },
    { title: '镇街', width: 100, render: (_, i) => i.divisionName ?? i.divisionCode },
    { title: '方式', width: 110, render: (_, i) => <Tag color={KIND_COLORS[i.kind]}>{INSPECTION_KIND_LABELS[i.kind]}</Tag> },
    {
      title: '风险等级',
      width: 90,
      render: (_, i) =>
        i.colour ? (
          <Tag color={COLOUR_LABELS[i.colour]?.color}>{COLOUR_LABELS[i.colour]?.label}</Tag>
        ) : (
          <span className="cell-sub">未定级</span>
        ),
    },
    { title: '执法人员', width: 150, render: (_, i) => i.inspectorNames.join('、') },
    { title: '发现问题', dataIndex: 'findingsCount', width: 90, align: 'right' },
    {
      title: '状态',
      width: 90,
      render: (_, i) => <Tag color={i.status === 'submitted' ? 'green' : 'gold'}>{INSPECTION_STATUS_LABELS[i.status]}</Tag>,
    },
  ];
  const phoneColumns: TableColumnsType<TInspection> = [
    {
      title: '检查记录',
      render: (_, i) => (
        <div className="cell-stack">
          <div className="cell-head">
            <Link to={`/inspections/${i.id}`}>{i.enterpriseName}</Link>
          </div>
          <span className="cell-sub">
            {i.inspectedOn} · {i.divisionName ?? i.divisionCode} · 发现问题 {i.findingsCount} 项
          </span>
          <div className="cell-head">
            <Tag color={KIND_COLORS[i.kind]}>{INSPECTION_KIND_LABELS[i.kind]}</Tag>
            <Tag color={i.status === 'submitted' ? 'green' : 'gold'}>{INSPECTION_STATUS_LABELS[i.status]}</Tag>
          </div>
        </div>
      ),
    },
  ];
  const byKind = list.data?.byKind;

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          监督检查记录
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<DownloadOutlined />} href={inspectionApi.exportUrl(filter)}>
            {isPhone ? null : '导出 Excel'}
          </Button>
          {can('inspection.record') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/inspections/new')}>
              新建检查
            </Button>
          )}
        </div>
      </div>
      <Card variant="borderless">
        <Space wrap className="filter-bar">
          {me.user.divisionCode.length < 9 && (
            <Select
              allowClear
              placeholder="镇街"
              style={{ width: 140 }}
              options={towns.options}
              value={filter.divisionCode}
              onChange={(v?: string) => update({ divisionCode: v })}
            />
          )}
          <Select
            allowClear
            placeholder="检查方式"
            style={{ width: 140 }}
            options={KIND_OPTIONS}
            value={filter.kind}
            onChange={(v?: TInspectionKind) => update({ kind: v })}
          />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 110 }}
            options={[
              { value: 'draft', label: '草稿' },
              { value: 'submitted', label: '已提交' },
            ]}
            value={filter.status}
            onChange={(v?: string) => update({ status: v })}
          />
          <DatePicker.RangePicker
            value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <Input.Search
            allowClear
            placeholder="企业名称或信用代码"
            defaultValue={filter.q}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            style={{ width: 220 }}
          />
        </Space>
        {byKind && (
          <div className="cell-sub" style={{ marginBottom: 8 }}>
            双随机抽查 {byKind.planned} 次 · 日常检查 {byKind.ad_hoc} 次 · <Tag color="purple">四不两直 {byKind.unannounced} 次</Tag>
          </div>
        )}
        <Table<TInspection>
          rowKey="id"
          size="middle"
          columns={isPhone ? phoneColumns : columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: !isPhone,
            simple: isPhone,
            showTotal: (t) => `共 ${t} 条`,
          }}
          onChange={(p) => update({ page: p.current, pageSize: p.pageSize })}
          locale={{ emptyText: list.isError ? (list.error as Error).message : '没有检查记录' }}
        />
      </Card>
    </div>
  );
}
