import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { TAccidentListItem } from '@yingji/domain/accident/accident.schema';
import { Button, Card, DatePicker, Grid, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { accidentApi, type TAccidentFilter } from '../../api/accident.api';
import { useCan } from '../../app/auth';
import { dayjs, formatTime } from '../../app/locale';
import { ACCIDENT_KEYS, formatLoss, GRADE_OPTIONS, GradeTag, INDUSTRY_OPTIONS, levelLabel, TYPE_OPTIONS, typeLabel } from './accident-data';
import { TownFilter } from '../../kit';

const FILTER_KEYS = ['kind', 'divisionCode', 'grade', 'industry', 'accidentType', 'from', 'to', 'pending', 'q'] as const;

/** 事故台账: accidents and emergencies with filters in the address, 迟报 and pending steps shown, Excel export. */
export function AccidentsPage() {
  const [params, setParams] = useSearchParams();
  const can = useCan();
  const isPhone = Grid.useBreakpoint().md === false;
  const filter = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)) as TAccidentFilter;
  const page = Number(params.get('page') ?? 1);
  const list = useQuery({
    queryKey: [...ACCIDENT_KEYS.all, 'list', filter, page],
    queryFn: () => accidentApi.list({ ...filter, page, pageSize: 20 }),
  });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete('page');
    setParams(next);
  };

  const columns: TableColumnsType<TAccidentListItem> = [
    { title: '发生时间', dataIndex: 'occurredAt', width: 170, render: (v: string) => formatTime(v) },
    { title: '标题', dataIndex: 'title', render: (v: string, r) => <Link to={`/accidents/${r.id}`}>{v}</Link> },
    { title: '镇街', dataIndex: 'townName', width: 100 },
    { title: '类别', width: 110, render: (_, r) => typeLabel(r) },
    { title: '等级', dataIndex: 'grade', width: 110, render: (g: TAccidentListItem['grade']) => <GradeTag grade={g} /> },
    { title: '死亡', dataIndex: 'deaths', width: 60, align: 'right' },
    { title: '受伤', width: 60, align: 'right', render: (_, r) => r.seriousInjuries + r.minorInjuries },
    { title: '直接经济损失', dataIndex: 'lossFen', width: 130, align: 'right', render: (v: number) => formatLoss(v) },
    {
      title: '报送',
      width: 170,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.pendingLevel ? (
            <Tag color={r.pendingDueAt && r.pendingDueAt < new Date().toISOString() ? 'red' : 'gold'}>
              待{levelLabel(r.pendingLevel)}上报
            </Tag>
          ) : null}
          {r.lateSteps > 0 ? <Tag color="red">迟报 {r.lateSteps} 环</Tag> : null}
          {r.closed ? <Tag>已结案</Tag> : null}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="事故与突发事件台账"
      extra={
        <Space>
          {can('accident.report') ? (
            <Link to="/accidents/new">
              <Button type="primary" icon={<PlusOutlined />}>
                报告事故
              </Button>
            </Link>
          ) : null}
          <Button icon={<DownloadOutlined />} href={accidentApi.exportUrl(filter)}>
            导出
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="全部类别"
          style={{ width: 130 }}
          value={filter.kind}
          onChange={(v) => set({ kind: v })}
          options={[
            { value: 'accident', label: '生产安全事故' },
            { value: 'emergency', label: '突发事件' },
          ]}
          aria-label="类别"
        />
        <TownFilter value={filter.divisionCode} onChange={(v) => set({ divisionCode: v })} />
        <Select
          allowClear
          placeholder="等级"
          style={{ width: 110 }}
          value={filter.grade}
          onChange={(v) => set({ grade: v })}
          options={GRADE_OPTIONS}
          aria-label="等级"
        />
        <Select
          allowClear
          placeholder="行业"
          style={{ width: 120 }}
          value={filter.industry}
          onChange={(v) => set({ industry: v })}
          options={INDUSTRY_OPTIONS}
          aria-label="行业"
        />
        <Select
          allowClear
          placeholder="事故类别"
          style={{ width: 130 }}
          value={filter.accidentType}
          onChange={(v) => set({ accidentType: v })}
          options={TYPE_OPTIONS}
          aria-label="事故类别"
        />
        <DatePicker.RangePicker
          value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
          onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          aria-label="发生日期"
        />
        <Select
          allowClear
          placeholder="报送状态"
          style={{ width: 120 }}
          value={filter.pending}
          onChange={(v) => set({ pending: v })}
          options={[
            { value: 'true', label: '待上报' },
            { value: 'false', label: '已报送到位' },
          ]}
          aria-label="报送状态"
        />
      </Space>
      {isPhone ? (
        <List
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            total: list.data?.total ?? 0,
            pageSize: 20,
            onChange: (p) => setParams((s) => (s.set('page', String(p)), s)),
          }}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/accidents/${r.id}`}>{r.title}</Link>}
                description={
                  <Space wrap size={4}>
                    <Typography.Text type="secondary">{formatTime(r.occurredAt)}</Typography.Text>
                    <span>{r.townName}</span>
                    <GradeTag grade={r.grade} />
                    {r.lateSteps > 0 ? <Tag color="red">迟报</Tag> : null}
                    {r.pendingLevel ? <Tag color="gold">待上报</Tag> : null}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            total: list.data?.total ?? 0,
            pageSize: 20,
            showTotal: (t) => `共 ${t} 起`,
            onChange: (p) => setParams((s) => (s.set('page', String(p)), s)),
          }}
        />
      )}
    </Card>
  );
}
