import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFinding } from '@yingji/domain/inspection/inspection.schema';
import { Alert, Button, Card, DatePicker, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { findingApi, type TFindingFilter } from '../../api/inspection.api';
import { useCurrentMe } from '../../app/auth';
import { dayjs } from '../../app/locale';
import { INSPECTION_KEYS } from './inspection-data';
import { useTowns } from '../../kit';

const KEYS = ['divisionCode', 'from', 'to', 'major', 'converted'] as const;
const YES_NO = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];

/** Problems found by inspections; the hazard module will take each over as a hazard. */
export function FindingsPage() {
  const me = useCurrentMe();
  const towns = useTowns();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)) as TFindingFilter;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 20;
  const list = useQuery({
    queryKey: INSPECTION_KEYS.findings({ ...filter, page }),
    queryFn: () => findingApi.list({ ...filter, page, pageSize }),
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

  const columns: TableColumnsType<TFinding> = [
    { title: '发现日期', dataIndex: 'foundOn', width: 110, render: (v: string) => <span className="mono nowrap">{v}</span> },
    { title: '企业', render: (_, f) => <Link to={`/enterprises/${f.enterpriseId}`}>{f.enterpriseName}</Link> },
    ...(isPhone ? [] : [{ title: '镇街', width: 100, render: (_: unknown, f: TFinding) => f.divisionName ?? f.divisionCode }]),
    {
      title: '问题',
      render: (_, f) => (
        <div className="cell-stack">
          <span>
            {f.majorHazard && <Tag color="red">重大事故隐患</Tag>}
            {f.description}
          </span>
          <span className="cell-sub">
            <Link to={`/inspections/${f.inspectionId}`}>检查记录 #{f.inspectionId}</Link>
            {f.photos.length > 0 && ` · 照片 ${f.photos.length} 张`}
          </span>
        </div>
      ),
    },
    { title: '转为隐患', width: 100, render: (_, f) => (f.hazardId ? <Tag color="green">已转</Tag> : <Tag>待转</Tag>) },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          检查发现的问题
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<DownloadOutlined />} href={findingApi.exportUrl(filter)}>
            {isPhone ? null : '导出 Excel'}
          </Button>
        </div>
      </div>
      <Card variant="borderless">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="检查提交时，不合格项自动列入此处；隐患排查治理模块上线后将逐条转为隐患并跟踪整改。"
        />
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
          <DatePicker.RangePicker
            value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <Select
            allowClear
            placeholder="重大事故隐患"
            style={{ width: 140 }}
            options={YES_NO}
            value={filter.major}
            onChange={(v?: string) => update({ major: v })}
          />
          <Select
            allowClear
            placeholder="已转为隐患"
            style={{ width: 130 }}
            options={YES_NO}
            value={filter.converted}
            onChange={(v?: string) => update({ converted: v })}
          />
        </Space>
        <Table<TFinding>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, simple: isPhone, showTotal: (t) => `共 ${t} 条` }}
          onChange={(p) => update({ page: p.current })}
          locale={{ emptyText: list.isError ? (list.error as Error).message : '没有检查发现的问题' }}
        />
      </Card>
    </div>
  );
}
