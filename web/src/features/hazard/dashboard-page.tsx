import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { THazardDashboard } from '@yingji/domain/hazard/stats.schema';
import { Alert, Button, Card, Grid, Segmented, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TQueryValue } from '../../api/client';
import { useCurrentMe } from '../../app/auth';
import { usePeriod } from './dashboard-period';
import { hazardListUrl, hazardViewsApi, useDashboard, type TDashboardFilter } from './hazard-views-data';
import './hazard-views.css';
import { TownFilter } from '../../kit';

type TRow = THazardDashboard['rows'][number];
type TFigure = 'open' | 'overdue' | 'majorOpen' | 'foundInPeriod' | 'closedInPeriod';

const FIGURES: { key: TFigure; title: string; long: string }[] = [
  { key: 'open', title: '未销号', long: '未销号隐患' },
  { key: 'overdue', title: '逾期未整改', long: '逾期未整改' },
  { key: 'majorOpen', title: '重大隐患未销号', long: '重大隐患未销号' },
  { key: 'foundInPeriod', title: '本期发现', long: '本期发现隐患' },
  { key: 'closedInPeriod', title: '本期销号', long: '本期整改销号' },
];

/** 隐患治理总览: open, overdue, major open, found and closed in the period, by town or by category; each figure opens the ledger filtered by it. */
export function DashboardPage() {
  const me = useCurrentMe();
  const isPhone = Grid.useBreakpoint().md === false;
  const isTownUser = me.user.divisionCode.length >= 9;
  const { period, picker } = usePeriod();
  // A town sees one row by town: its categories say more.
  const [by, setBy] = useState<'town' | 'category'>(isTownUser ? 'category' : 'town');
  const [divisionCode, setDivisionCode] = useState<string | undefined>(undefined);
  const filter: TDashboardFilter = { by, from: period.from, to: period.to, divisionCode };
  const dash = useDashboard(filter);
  const d = dash.data;
  // a provincial reader with no city chosen gets the cities, the province's next level
  const placeLabel = d?.level === 'city' ? '市' : '镇街';

  /** The ledger filtered to exactly the hazards behind one figure of one row (or of the total). */
  const linkFor = (row: TRow | null, figure: TFigure): string => {
    const f: Record<string, TQueryValue> = { divisionCode };
    if (row) f[by === 'town' ? 'divisionCode' : 'category'] = row.key;
    if (figure === 'open') f.open = 'true';
    if (figure === 'overdue') f.overdue = 'true';
    if (figure === 'majorOpen') Object.assign(f, { level: 'major', open: 'true' });
    if (figure === 'foundInPeriod') Object.assign(f, { from: d?.from ?? period.from, to: d?.to ?? period.to });
    if (figure === 'closedInPeriod')
      Object.assign(f, { state: 'closed', closedFrom: d?.from ?? period.from, closedTo: d?.to ?? period.to });
    return hazardListUrl(f);
  };
  const cell = (row: TRow | null, figure: TFigure, value: number) =>
    value > 0 ? (
      <Link to={linkFor(row, figure)} className={figure === 'overdue' ? 'hv-overdue' : undefined}>
        {value.toLocaleString('zh-CN')}
      </Link>
    ) : (
      <span className="hv-zero">0</span>
    );

  const columns: TableColumnsType<TRow> = [
    {
      title: by === 'town' ? placeLabel : '隐患类别',
      dataIndex: 'label',
      key: 'label',
      fixed: isPhone ? 'left' : undefined,
      width: by === 'town' ? 110 : 160,
    },
    ...FIGURES.map((f) => ({
      title: f.title,
      key: f.key,
      align: 'right' as const,
      sorter: (a: TRow, b: TRow) => a[f.key] - b[f.key],
      render: (_: unknown, r: TRow) => cell(r, f.key, r[f.key]),
    })),
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          隐患治理总览
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void dash.refetch()} aria-label="刷新">
            {isPhone ? null : '刷新'}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={hazardViewsApi.dashboardExportUrl(filter)}
            download
            disabled={!d}
            data-testid="hazard-dashboard-export"
          >
            导出 Excel
          </Button>
        </div>
      </div>

      <div className="hv-toolbar">
        {picker}
        <div className="hv-toolbar-right">
          <TownFilter value={divisionCode} onChange={setDivisionCode} />
          <Segmented
            options={[
              { label: '按镇街', value: 'town' },
              { label: '按类别', value: 'category' },
            ]}
            value={by}
            onChange={(v) => setBy(v as 'town' | 'category')}
            aria-label="分组"
          />
        </div>
      </div>

      {dash.error ? <Alert type="error" showIcon title={dash.error.message} className="hv-section" /> : null}

      <div className="hv-figures" data-testid="hazard-dashboard-totals">
        {FIGURES.map((f) => {
          const value = d?.total[f.key] ?? 0;
          const tone =
            f.key === 'overdue' && value > 0
              ? 'hv-figure-danger'
              : f.key === 'majorOpen' && value > 0
                ? 'hv-figure-warn'
                : f.key === 'closedInPeriod'
                  ? 'hv-figure-ok'
                  : '';
          return (
            <Link key={f.key} to={linkFor(null, f.key)} className={`hv-figure ${tone}`} data-figure={f.key}>
              <div className="hv-figure-value">{d ? value.toLocaleString('zh-CN') : '—'}</div>
              <div className="hv-figure-label">{f.long}</div>
            </Link>
          );
        })}
      </div>

      <Card
        title={by === 'town' ? `按${placeLabel}` : '按隐患类别'}
        size="small"
        className="hv-section"
        extra={<span className="hv-note">点击数字查看对应隐患清单</span>}
      >
        <Table<TRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={d?.rows ?? []}
          loading={dash.isFetching}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: '本期没有隐患记录' }}
          summary={() =>
            d ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>合计</strong>
                  </Table.Summary.Cell>
                  {FIGURES.map((f, i) => (
                    <Table.Summary.Cell key={f.key} index={i + 1} align="right">
                      <strong>{cell(null, f.key, d.total[f.key])}</strong>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
      <div className="hv-note">
        未销号、逾期和重大隐患为当前数；本期发现、本期销号按所选期间（{d?.from ?? period.from} 至 {d?.to ?? period.to}
        ）统计。逾期按整改期限和北京时间当日计算。
      </div>
    </div>
  );
}
