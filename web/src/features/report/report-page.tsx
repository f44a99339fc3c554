import { useMutation, useQuery } from '@tanstack/react-query';
import { PERIOD_KIND_LABELS, PERIOD_KINDS, type TPeriodKind } from '@yingji/domain/report/report.rules';
import type { TReportFigure, TReportQuery } from '@yingji/domain/report/report.schema';
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, DatePicker, InputNumber, List, Select, Space, Spin, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { reportApi } from '../../api/report.api';
import { dayjs } from '../../app/locale';
import { enumOptions, TownFilter, useIsPhone, useSeesTowns, useTowns } from '../../kit';
import { queryFromParams, queryToParams } from './report-query';

const PARTS: Record<Exclude<TPeriodKind, 'year' | 'custom'>, { value: number; label: string }[]> = {
  month: Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` })),
  quarter: [1, 2, 3, 4].map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` })),
  half: [
    { value: 1, label: '上半年' },
    { value: 2, label: '下半年' },
  ],
};

const yoy = (v: number | null) => (v === null ? '—' : v === 0 ? '持平' : `${v > 0 ? '+' : ''}${v}%`);
const amount = (v: number, unit: string) =>
  `${v.toLocaleString('zh-CN', { maximumFractionDigits: unit === '元' ? 2 : 0, minimumFractionDigits: 0 })} ${unit}`;

/** Rows in group order with the first of each group knowing how many follow, for the merged 类别 cell. */
function withGroupSpans(figures: TReportFigure[]): (TReportFigure & { span: number })[] {
  return figures.map((f, i) => {
    if (i > 0 && figures[i - 1]!.group === f.group) return { ...f, span: 0 };
    let n = 1;
    while (figures[i + n]?.group === f.group) n++;
    return { ...f, span: n };
  });
}

/** 统计报告: the standard figures for a period and scope, each computed from records and drilling down to them. */
export function ReportPage() {
  const [params, setParams] = useSearchParams();
  const q = useMemo(() => queryFromParams(params), [params]);
  const setQ = (next: TReportQuery) => setParams(queryToParams(next), { replace: true });
  const isPhone = useIsPhone();
  const seesTowns = useSeesTowns();
  const towns = useTowns();
  const { message } = App.useApp();
  const customIncomplete = q.kind === 'custom' && (!q.from || !q.to);
  const figures = useQuery({
    queryKey: ['report', 'figures', q],
    queryFn: () => reportApi.figures(q),
    retry: false,
    enabled: !customIncomplete,
  });
  const defs = useQuery({ queryKey: ['report', 'definitions'], queryFn: reportApi.definitions });
  const exportFile = useMutation({
    mutationFn: (format: 'xlsx' | 'docx') => (format === 'xlsx' ? reportApi.downloadExcel(q) : reportApi.downloadWord(q)),
    onSuccess: (_, format) => void message.success(format === 'xlsx' ? 'Excel 统计表已生成，正在下载' : 'Word 综述已生成，正在下载'),
    onError: (e) => void message.error((e as Error).message),
  });
  const preparing = exportFile.isPending ? exportFile.variables : undefined;
  const scopeName = q.divisionCode && q.divisionCode.length === 9 ? (towns.names.get(q.divisionCode) ?? q.divisionCode) : null;

  const columns: TableColumnsType<TReportFigure & { span: number }> = [
    { title: '类别', dataIndex: 'group', width: 110, onCell: (f) => ({ rowSpan: f.span }) },
    { title: '指标', dataIndex: 'name' },
    {
      title: '本期',
      width: 150,
      align: 'right',
      render: (_, f) => (
        <Link to={f.drill} title="查看构成该数字的记录">
          {amount(f.value, f.unit)}
        </Link>
      ),
    },
    { title: '去年同期', width: 150, align: 'right', render: (_, f) => amount(f.lastYear, f.unit) },
    { title: '同比', width: 90, align: 'right', render: (_, f) => yoy(f.yearOnYear) },
  ];
  const rows = withGroupSpans(figures.data?.figures ?? []);
  const groups = [...new Set(rows.map((f) => f.group))];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="统计报告"
        extra={isPhone ? null : <ExportButtons disabled={!figures.data} preparing={preparing} onExport={(f) => exportFile.mutate(f)} />}
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label="报告期"
            style={{ width: 100 }}
            value={q.kind}
            options={enumOptions(PERIOD_KINDS, PERIOD_KIND_LABELS)}
            onChange={(kind) =>
              setQ({ kind, year: q.year ?? dayjs().year(), part: kind === 'year' ? undefined : 1, divisionCode: q.divisionCode })
            }
          />
          {q.kind !== 'custom' ? (
            <InputNumber
              aria-label="年份"
              min={2000}
              max={2100}
              precision={0}
              style={{ width: 120 }}
              value={q.year}
              onChange={(year) => year && setQ({ ...q, year })}
              addonAfter="年"
            />
          ) : null}
          {q.kind === 'month' || q.kind === 'quarter' || q.kind === 'half' ? (
            <Select
              aria-label="期间"
              style={{ width: 120 }}
              value={q.part}
              options={PARTS[q.kind]}
              onChange={(part) => setQ({ ...q, part })}
            />
          ) : null}
          {q.kind === 'custom' ? (
            <DatePicker.RangePicker
              aria-label="起止日期"
              inputReadOnly={isPhone}
              value={q.from && q.to ? [dayjs(q.from), dayjs(q.to)] : null}
              onChange={(v) =>
                setQ({
                  kind: 'custom',
                  from: v?.[0]?.format('YYYY-MM-DD'),
                  to: v?.[1]?.format('YYYY-MM-DD'),
                  divisionCode: q.divisionCode,
                })
              }
            />
          ) : null}
          {seesTowns ? (
            <TownFilter
              placeholder="全市"
              value={q.divisionCode && q.divisionCode.length === 9 ? q.divisionCode : undefined}
              onChange={(divisionCode) => setQ({ ...q, divisionCode })}
            />
          ) : null}
        </Space>
        {isPhone ? (
          <div style={{ marginBottom: 12 }}>
            <ExportButtons disabled={!figures.data} preparing={preparing} onExport={(f) => exportFile.mutate(f)} block />
          </div>
        ) : null}
        {customIncomplete ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title="请选择自定义报告期的开始和结束日期" /> : null}
        {figures.isError && !customIncomplete ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={figures.error.message} />
        ) : null}
        {figures.data ? (
          <Typography.Paragraph type="secondary">
            {scopeName ?? (figures.data.scope.length === 4 ? '全市' : '本镇街')}，本期 {figures.data.from} 至 {figures.data.to}，去年同期{' '}
            {figures.data.lastYearFrom} 至 {figures.data.lastYearTo}。点击本期数字查看构成它的记录。
          </Typography.Paragraph>
        ) : null}
        {isPhone ? (
          <Spin spinning={figures.isFetching} description="正在计算">
            {groups.map((g) => (
              <List
                key={g}
                size="small"
                header={<Typography.Text strong>{g}</Typography.Text>}
                dataSource={rows.filter((f) => f.group === g)}
                style={{ marginBottom: 8 }}
                renderItem={(f) => (
                  <List.Item
                    extra={
                      <Link to={f.drill} title="查看构成该数字的记录" style={{ whiteSpace: 'nowrap' }}>
                        {amount(f.value, f.unit)}
                      </Link>
                    }
                  >
                    <List.Item.Meta title={f.name} description={`去年同期 ${amount(f.lastYear, f.unit)} · 同比 ${yoy(f.yearOnYear)}`} />
                  </List.Item>
                )}
              />
            ))}
            {!rows.length && figures.isFetching ? <div style={{ height: 120 }} /> : null}
          </Spin>
        ) : (
          <Table
            rowKey="id"
            size="small"
            bordered
            columns={columns}
            dataSource={rows}
            loading={{ spinning: figures.isFetching, description: '正在计算' }}
            pagination={false}
          />
        )}
      </Card>
      <Collapse
        key={isPhone ? 'phone' : 'desk'}
        defaultActiveKey={isPhone ? [] : ['defs']}
        items={[
          {
            key: 'defs',
            label: `指标口径（${defs.data?.items.length ?? '…'} 项）：每项数字统计什么`,
            children: (
              <List
                size="small"
                loading={defs.isPending}
                dataSource={defs.data?.items ?? []}
                renderItem={(d) => (
                  <List.Item>
                    <List.Item.Meta
                      title={`${d.name}（${d.unit}）`}
                      description={
                        <>
                          <Typography.Text type="secondary">{d.group} · </Typography.Text>
                          {d.counts}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}

function ExportButtons({
  disabled,
  preparing,
  onExport,
  block = false,
}: {
  disabled: boolean;
  preparing: 'xlsx' | 'docx' | undefined;
  onExport: (format: 'xlsx' | 'docx') => void;
  block?: boolean;
}) {
  return (
    <Space wrap style={block ? { width: '100%' } : undefined}>
      <Button
        icon={<DownloadOutlined />}
        disabled={disabled || preparing !== undefined}
        loading={preparing === 'xlsx'}
        onClick={() => onExport('xlsx')}
      >
        {preparing === 'xlsx' ? '正在生成 Excel…' : '导出 Excel'}
      </Button>
      <Button
        icon={<FileWordOutlined />}
        disabled={disabled || preparing !== undefined}
        loading={preparing === 'docx'}
        onClick={() => onExport('docx')}
      >
        {preparing === 'docx' ? '正在生成 Word…' : 'Word 综述'}
      </Button>
    </Space>
  );
}
