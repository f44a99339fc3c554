import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { TAccidentCompareRow, TAccidentStats } from '@yingji/domain/accident/accident.schema';
import { Alert, Button, Card, Col, Input, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { accidentApi } from '../../api/accident.api';
import { bureauNow } from '../../app/locale';
import { ACCIDENT_KEYS, formatLoss, pct } from './accident-data';
import './accident.css';

const Charts = {
  month: lazy(() => import('./accident-charts').then((m) => ({ default: m.AccidentMonthChart }))),
  town: lazy(() => import('./accident-charts').then((m) => ({ default: m.AccidentTownChart }))),
};

const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

const change = (v: number | null) => (
  <span style={{ color: v === null ? undefined : v < 0 ? '#389e0d' : v > 0 ? '#cf1322' : undefined }}>{pct(v)}</span>
);

const compareColumns = (title: string): TableColumnsType<TAccidentCompareRow> => [
  { title, dataIndex: 'label', fixed: 'left', width: 110 },
  { title: '起数', render: (_, r) => r.current.count, align: 'right' },
  { title: '同期', render: (_, r) => r.previous.count, align: 'right' },
  { title: '同比', render: (_, r) => change(r.countChange), align: 'right' },
  { title: '死亡', render: (_, r) => r.current.deaths, align: 'right' },
  { title: '同期', render: (_, r) => r.previous.deaths, align: 'right' },
  { title: '同比', render: (_, r) => change(r.deathsChange), align: 'right' },
  { title: '受伤', render: (_, r) => r.current.injuries, align: 'right' },
  { title: '直接经济损失', render: (_, r) => formatLoss(r.current.lossFen), align: 'right' },
];

/** 事故统计: a period (year, quarter, month) against the same period a year before, from the records. */
export function AccidentStatsPage() {
  const [period, setPeriod] = useState(() => String(bureauNow().year() - 1));
  const [draft, setDraft] = useState(period);
  const [kind, setKind] = useState<'accident' | 'emergency'>('accident');
  const stats = useQuery({ queryKey: [...ACCIDENT_KEYS.all, 'stats', period, kind], queryFn: () => accidentApi.stats(period, kind) });
  const s: TAccidentStats | undefined = stats.data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="事故统计"
        extra={
          <Space wrap>
            <Segmented
              value={kind}
              onChange={(v) => setKind(v as typeof kind)}
              options={[
                { value: 'accident', label: '生产安全事故' },
                { value: 'emergency', label: '突发事件' },
              ]}
            />
            <Input.Search
              style={{ width: 200 }}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onSearch={(v) => PERIOD.test(v.trim()) && setPeriod(v.trim())}
              enterButton="统计"
              aria-label="统计期间"
              placeholder="2024、2025-Q1、2025-03"
            />
            <Button icon={<DownloadOutlined />} href={accidentApi.statsExportUrl(period, kind)}>
              导出
            </Button>
          </Space>
        }
      >
        {!PERIOD.test(draft.trim()) ? (
          <Alert type="warning" message="统计期间格式应为 2024、2024-Q1 或 2024-03" style={{ marginBottom: 12 }} />
        ) : null}
        {s ? (
          <>
            <Typography.Paragraph type="secondary">
              {s.range.from} 至 {s.range.to}，与上年同期（{s.previousPeriod}）比较；按事故发生日（北京时间）统计。
            </Typography.Paragraph>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic title="事故起数" value={s.totals.current.count} suffix={<small>{pct(s.totals.countChange)}</small>} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="死亡人数" value={s.totals.current.deaths} suffix={<small>{pct(s.totals.deathsChange)}</small>} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="受伤人数" value={s.totals.current.injuries} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="直接经济损失" value={formatLoss(s.totals.current.lossFen)} />
              </Col>
            </Row>
            <Alert
              style={{ marginTop: 16 }}
              type="success"
              message={`${s.doubleDeclineTowns.length} 个镇街事故起数和死亡人数“双下降”`}
              description={s.doubleDeclineTowns.map((t) => t.name).join('、') || '无'}
            />
          </>
        ) : null}
      </Card>
      {s ? (
        <>
          <Card title="按月">
            <Suspense fallback={null}>
              <Charts.month months={s.byMonth} />
            </Suspense>
          </Card>
          <Card title="按镇街">
            <Suspense fallback={null}>
              <Charts.town towns={s.byTown} />
            </Suspense>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 800 }}
              dataSource={s.byTown}
              columns={[
                ...compareColumns('镇街'),
                {
                  title: '双下降',
                  render: (_, r) => ((r as TAccidentStats['byTown'][number]).doubleDecline ? <Tag color="green">是</Tag> : null),
                },
              ]}
            />
          </Card>
          <Card title="按行业">
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 800 }}
              dataSource={s.byIndustry}
              columns={compareColumns('行业')}
            />
          </Card>
          <Card title="按事故类别">
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 800 }}
              dataSource={s.byType.filter((r) => r.current.count + r.previous.count > 0)}
              columns={compareColumns('类别')}
            />
          </Card>
          <Card title="按等级">
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 800 }}
              dataSource={s.byGrade}
              columns={compareColumns('等级')}
            />
          </Card>
          <Card title="报告质量（按镇街）">
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              scroll={{ x: 800 }}
              dataSource={s.reporting.filter((r) => r.accidents > 0)}
              columns={[
                { title: '镇街', dataIndex: 'name', width: 110 },
                { title: '事故', dataIndex: 'accidents', align: 'right' },
                { title: '迟报环节', dataIndex: 'lateSteps', align: 'right' },
                { title: '续报超期', dataIndex: 'lateFollowUps', align: 'right' },
                { title: '漏报/谎报/瞒报', dataIndex: 'findings', align: 'right' },
                { title: '典型问题', dataIndex: 'problems', render: (p: string[]) => p.join('；') || '—' },
              ]}
            />
          </Card>
        </>
      ) : null}
    </Space>
  );
}
