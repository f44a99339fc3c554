import { useQuery } from '@tanstack/react-query';
import { PERIOD_KIND_LABELS, PERIOD_KINDS, type TPeriodKind } from '@yingji/domain/report/report.rules';
import type { TReportFigure, TReportQuery } from '@yingji/domain/report/report.schema';
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { reportApi } from '../../api/report.api';
import { dayjs } from '../../app/locale';
import { enumOptions } from '../../kit';

const PARTS: Record<Exclude<TPeriodKind, 'year' | 'custom'>, { value: number; label: string }[]> = {
  month: Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` })),
  quarter: [1, 2, 3, 4].map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` })),
  half: [
    { value: 1, label: '上半年' },
    { value: 2, label: '下半年' },
  ],
};

const yoy = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v}%`);

/** 统计报告: the standard figures for a period and scope, each computed from records and drilling down to them. */
export function ReportPage() {
  const [q, setQ] = useState<TReportQuery>({ kind: 'quarter', year: dayjs().year(), part: Math.floor(dayjs().month() / 3) + 1 });
  const figures = useQuery({ queryKey: ['report', 'figures', q], queryFn: () => reportApi.figures(q), retry: false });
  const defs = useQuery({ queryKey: ['report', 'definitions'], queryFn: reportApi.definitions });
  const columns: TableColumnsType<TReportFigure> = [
    { title: '类别', dataIndex: 'group', width: 100 },
    { title: '指标', dataIndex: 'name' },
    {
      title: '本期',
      width: 120,
      align: 'right',
      render: (_, f) => (
        <Link to={f.drill} title="查看构成该数字的记录">
          {f.value.toLocaleString('zh-CN')} {f.unit}
        </Link>
      ),
    },
    { title: '去年同期', width: 120, align: 'right', render: (_, f) => `${f.lastYear.toLocaleString('zh-CN')} ${f.unit}` },
    { title: '同比', width: 90, align: 'right', render: (_, f) => yoy(f.yearOnYear) },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="统计报告"
        extra={
          figures.data ? (
            <Space wrap>
              <Button icon={<DownloadOutlined />} href={reportApi.excelUrl(q)} download>
                导出 Excel
              </Button>
              <Button icon={<FileWordOutlined />} href={reportApi.wordUrl(q)} download>
                Word 综述
              </Button>
            </Space>
          ) : null
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label="报告期"
            style={{ width: 110 }}
            value={q.kind}
            options={enumOptions(PERIOD_KINDS, PERIOD_KIND_LABELS)}
            onChange={(kind) => setQ({ kind, year: q.year ?? dayjs().year(), part: 1, from: q.from, to: q.to })}
          />
          {q.kind !== 'custom' ? (
            <InputNumber
              aria-label="年份"
              min={2000}
              max={2100}
              value={q.year}
              onChange={(year) => setQ({ ...q, year: year ?? undefined })}
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
              onChange={(v) => setQ({ kind: 'custom', from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            />
          ) : null}
        </Space>
        {figures.isError ? <Alert type="error" showIcon message={figures.error.message} /> : null}
        {figures.data ? (
          <Typography.Paragraph type="secondary">
            本期 {figures.data.from} 至 {figures.data.to}，去年同期 {figures.data.lastYearFrom} 至 {figures.data.lastYearTo}
            。点击数字查看构成它的记录。
          </Typography.Paragraph>
        ) : null}
        <Table
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={figures.data?.figures ?? []}
          loading={figures.isLoading}
          pagination={false}
        />
      </Card>
      <Card title="指标口径" size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={defs.data?.items ?? []}
          columns={[
            { title: '指标', dataIndex: 'name', width: 220 },
            { title: '单位', dataIndex: 'unit', width: 60 },
            { title: '统计口径', dataIndex: 'counts' },
          ]}
        />
      </Card>
    </Space>
  );
}
