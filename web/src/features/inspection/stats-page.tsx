import { lazy, Suspense, useState } from 'react';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Grid, Segmented, Skeleton, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import quarterOfYear from 'dayjs/plugin/quarterOfYear';
import type { TInspectionStats } from '@yingji/domain/inspection/stats.schema';
import { INSPECTION_REPORT_KEYS, inspectionReportApi, type TStatsFilter, type TStatsPeriodKind } from '../../api/inspection-report.api';
import { BUREAU_TIME_ZONE } from '../../app/locale';
import './inspection-report.css';

dayjs.extend(quarterOfYear);

// ECharts is heavy: its chunk loads only when the statistics are shown.
const StatsMonthChart = lazy(() => import('./stats-month-chart'));

type TTownRow = TInspectionStats['byTown'][number];
const PERIODS: { label: string; value: TStatsPeriodKind }[] = [
  { label: '月', value: 'month' },
  { label: '季度', value: 'quarter' },
  { label: '年', value: 'year' },
  { label: '自定义', value: 'custom' },
];
const today = () => dayjs().tz(BUREAU_TIME_ZONE);

/** 监督检查统计: checks, firms, 四不两直 and findings of a period, by town and by month, from submitted records. */
export function StatsPage() {
  const isPhone = Grid.useBreakpoint().md === false;
  const [period, setPeriod] = useState<TStatsPeriodKind>('quarter');
  const [at, setAt] = useState<Dayjs>(today());
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today().startOf('year'), today()]);
  const filter: TStatsFilter =
    period === 'custom'
      ? { period, from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM') }
      : { period, at: at.format('YYYY-MM-DD') };
  const stats = useQuery({
    queryKey: INSPECTION_REPORT_KEYS.stats(filter),
    queryFn: () => inspectionReportApi.stats(filter),
    placeholderData: keepPreviousData,
  });
  const s = stats.data;
  // a provincial reader with no city chosen gets the cities, the province's next level
  const placeLabel = s?.level === 'city' ? '市' : '镇街';
  const unannounced = s?.byKind.find((k) => k.kind === 'unannounced');

  const columns: TableColumnsType<TTownRow> = [
    { title: placeLabel, dataIndex: 'divisionName', key: 'town', fixed: isPhone ? 'left' : undefined, width: 110 },
    {
      title: '检查（家次）',
      dataIndex: 'inspections',
      key: 'inspections',
      align: 'right',
      sorter: (a, b) => a.inspections - b.inspections,
    },
    { title: '检查企业（家）', dataIndex: 'firms', key: 'firms', align: 'right', sorter: (a, b) => a.firms - b.firms },
    {
      title: '四不两直（家次）',
      dataIndex: 'unannounced',
      key: 'unannounced',
      align: 'right',
      sorter: (a, b) => a.unannounced - b.unannounced,
    },
    { title: '发现隐患（项）', dataIndex: 'findings', key: 'findings', align: 'right', sorter: (a, b) => a.findings - b.findings },
    {
      title: '重大隐患（项）',
      dataIndex: 'majorFindings',
      key: 'major',
      align: 'right',
      sorter: (a, b) => a.majorFindings - b.majorFindings,
    },
  ];

  const cards = s
    ? [
        { title: '检查企业', value: s.totals.inspections, suffix: '家次', note: '含双随机、日常和四不两直检查' },
        { title: '检查企业（去重）', value: s.totals.firms, suffix: '家', note: '同一企业多次检查计 1 家' },
        {
          title: '四不两直',
          value: unannounced?.inspections ?? 0,
          suffix: '家次',
          note: `发现隐患 ${(unannounced?.findings ?? 0).toLocaleString('zh-CN')} 项`,
        },
        { title: '发现隐患', value: s.totals.findings, suffix: '项', note: '仅统计已提交的检查' },
        {
          title: '重大事故隐患',
          value: s.totals.majorFindings,
          suffix: '项',
          note: '按重大事故隐患判定标准',
          danger: s.totals.majorFindings > 0,
        },
      ]
    : [];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          检查统计
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void stats.refetch()} aria-label="刷新">
            {isPhone ? null : '刷新'}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={inspectionReportApi.statsExportUrl(filter)}
            download
            disabled={!s}
            data-testid="stats-export"
          >
            导出 Excel
          </Button>
        </div>
      </div>

      <div className="stats-period">
        <Segmented<TStatsPeriodKind> options={PERIODS} value={period} onChange={setPeriod} aria-label="统计周期" />
        {period === 'custom' ? (
          <DatePicker.RangePicker
            picker="month"
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            disabledDate={(d) => d.isAfter(today(), 'month')}
            aria-label="起止月份"
          />
        ) : (
          <DatePicker
            picker={period}
            value={at}
            allowClear={false}
            onChange={(v) => v && setAt(v)}
            disabledDate={(d) => d.isAfter(today(), 'day')}
            aria-label="统计期间"
          />
        )}
        {s ? (
          <span className="stats-range">
            {s.range.label}（{s.range.fromDate} 至 {s.range.toDate}）
          </span>
        ) : null}
      </div>

      {stats.error ? <Alert type="error" showIcon message={stats.error.message} className="report-section" /> : null}

      <div className="stats-cards" data-testid="stats-cards">
        {s
          ? cards.map((c) => (
              <Card key={c.title} size="small">
                <Statistic
                  title={c.title}
                  value={c.value}
                  suffix={c.suffix}
                  styles={{ content: c.danger ? { color: '#cf1322' } : undefined }}
                />
                <div className="stats-card-note">{c.note}</div>
              </Card>
            ))
          : Array.from({ length: 5 }, (_, i) => (
              <Card key={i} size="small">
                <Skeleton active paragraph={{ rows: 1 }} title={false} />
              </Card>
            ))}
      </div>

      <Card title="按月检查与隐患" size="small" className="report-section">
        {s ? (
          <Suspense fallback={<Skeleton active />}>
            <StatsMonthChart months={s.byMonth} />
          </Suspense>
        ) : (
          <Skeleton active />
        )}
      </Card>

      <Card title={`按${placeLabel}`} size="small" className="report-section">
        <Table<TTownRow>
          rowKey="divisionCode"
          size="small"
          columns={columns}
          dataSource={s?.byTown ?? []}
          loading={stats.isFetching}
          pagination={false}
          scroll={{ x: 640 }}
          summary={() =>
            s ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <strong>合计</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {s.totals.inspections}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {s.totals.firms}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {unannounced?.inspections ?? 0}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {s.totals.findings}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {s.totals.majorFindings}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>

      <Card title="按检查方式" size="small" className="report-section">
        <Table
          rowKey="kind"
          size="small"
          pagination={false}
          scroll={{ x: 480 }}
          dataSource={s?.byKind ?? []}
          columns={[
            { title: '检查方式', dataIndex: 'label', key: 'label' },
            { title: '检查（家次）', dataIndex: 'inspections', key: 'inspections', align: 'right' },
            { title: '企业（家）', dataIndex: 'firms', key: 'firms', align: 'right' },
            { title: '隐患（项）', dataIndex: 'findings', key: 'findings', align: 'right' },
            { title: '重大隐患（项）', dataIndex: 'majorFindings', key: 'major', align: 'right' },
          ]}
        />
      </Card>
    </div>
  );
}
