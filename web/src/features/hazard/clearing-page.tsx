import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Skeleton, Table, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { hazardListUrl, useClearing } from './hazard-views-data';
import './hazard-views.css';
import { TownFilter } from '../../kit';

// ECharts is heavy: its chunk loads only when the trend is shown.
const ClearingChart = lazy(() => import('./clearing-chart'));

const SPANS = [12, 24, 36, 60].map((m) => ({ value: m, label: m % 12 === 0 ? `近${m / 12}年` : `近${m}个月` }));

/** 重大隐患动态清零: how many major hazards are open now, and month by month how many were open at its end, found and closed. */
export function ClearingPage() {
  const [months, setMonths] = useState(12);
  const [divisionCode, setDivisionCode] = useState<string | undefined>(undefined);
  const clearing = useClearing({ months, divisionCode });
  const c = clearing.data;
  const points = c?.points ?? [];
  const first = points[0];
  const found = points.reduce((n, p) => n + p.found, 0);
  const closed = points.reduce((n, p) => n + p.closed, 0);
  const cleared = c?.openNow === 0;

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          重大隐患动态清零
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void clearing.refetch()}>
            刷新
          </Button>
        </div>
      </div>

      <div className="hv-toolbar">
        <Segmented options={SPANS} value={months} onChange={(v) => setMonths(Number(v))} aria-label="统计月数" />
        <TownFilter value={divisionCode} onChange={setDivisionCode} />
      </div>

      {clearing.error ? <Alert type="error" showIcon title={clearing.error.message} className="hv-section" /> : null}

      <div className="hv-clearing-head">
        <Card size="small">
          {c ? (
            <div className={cleared ? 'hv-open-now hv-open-now-cleared' : 'hv-open-now'} data-testid="clearing-open-now">
              <span className="hv-open-now-label">当前未销号重大隐患</span>
              <Link to={hazardListUrl({ level: 'major', open: 'true', divisionCode })} className="hv-open-now-value">
                {c.openNow.toLocaleString('zh-CN')}
              </Link>
              <span className="hv-note">{cleared ? '已实现动态清零' : '动态清零目标：0 项'}</span>
            </div>
          ) : (
            <Skeleton active paragraph={{ rows: 2 }} />
          )}
        </Card>
        <div className="hv-figures" style={{ gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', marginBottom: 0 }}>
          <div className="hv-figure hv-figure-warn">
            <div className="hv-figure-value">{c ? found.toLocaleString('zh-CN') : '—'}</div>
            <div className="hv-figure-label">期间新发现（项）</div>
          </div>
          <div className="hv-figure hv-figure-ok">
            <div className="hv-figure-value">{c ? closed.toLocaleString('zh-CN') : '—'}</div>
            <div className="hv-figure-label">期间整改销号（项）</div>
          </div>
          <div className="hv-figure">
            <div className="hv-figure-value">{first ? (first.openAtEnd - first.found + first.closed).toLocaleString('zh-CN') : '—'}</div>
            <div className="hv-figure-label">期初未销号（项）</div>
          </div>
        </div>
      </div>

      <Card title="月末未销号重大隐患与当月发现、销号" size="small" className="hv-section">
        {c ? (
          <Suspense fallback={<Skeleton active />}>
            <ClearingChart points={points} />
          </Suspense>
        ) : (
          <Skeleton active />
        )}
      </Card>

      <Card title="逐月数据" size="small" className="hv-section">
        <Table
          rowKey="month"
          size="small"
          pagination={false}
          loading={clearing.isFetching}
          dataSource={[...points].reverse()}
          scroll={{ x: 480, y: 360 }}
          columns={[
            { title: '月份', dataIndex: 'month', key: 'month', render: (m: string) => <span className="mono">{m.slice(0, 7)}</span> },
            { title: '当月新发现', dataIndex: 'found', key: 'found', align: 'right' },
            { title: '当月销号', dataIndex: 'closed', key: 'closed', align: 'right' },
            {
              title: '月末未销号',
              dataIndex: 'openAtEnd',
              key: 'openAtEnd',
              align: 'right',
              render: (v: number) =>
                v === 0 ? <span style={{ color: '#389e0d', fontWeight: 600 }}>0（清零）</span> : <strong>{v}</strong>,
            },
          ]}
        />
      </Card>
    </div>
  );
}
