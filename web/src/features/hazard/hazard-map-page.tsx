import { ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { THazardMapPoint } from '@yingji/domain/hazard/stats.schema';
import { Alert, Button, Card, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { escapeHtml, type TMapOption, useZhongshanMap, ZHONGSHAN_GEO } from '../../app/zhongshan-map';
import { hazardListUrl, useHazardMap } from './hazard-views-data';
import './hazard-views.css';

const OVERDUE = '#d9363e';
const ON_TIME = '#fa8c16';
const SERIES = { overdue: '逾期未整改', onTime: '整改期限内' } as const;

type TDatum = { name: string; value: [number, number]; id: number; point: THazardMapPoint };

const datum = (p: THazardMapPoint): TDatum & { symbol?: string; symbolSize?: number; itemStyle?: object } => ({
  name: p.enterpriseName,
  value: [p.longitude, p.latitude],
  id: p.id,
  point: p,
  // Listed supervision (挂牌督办) shows as a larger diamond with a dark rim.
  ...(p.supervised ? { symbol: 'diamond', symbolSize: 16, itemStyle: { borderColor: '#262626', borderWidth: 2 } } : {}),
});

const optionFor = (points: THazardMapPoint[]): TMapOption => ({
  tooltip: {
    trigger: 'item',
    formatter: (p) => {
      const d = (p as unknown as { data: TDatum }).data.point;
      const state = d.overdue ? `<span style="color:${OVERDUE}">已逾期</span>` : '整改期限内';
      return [
        `<b>${escapeHtml(d.enterpriseName)}</b>`,
        escapeHtml(d.description.length > 40 ? `${d.description.slice(0, 40)}…` : d.description),
        `${escapeHtml(d.townName ?? '')} · 整改期限 ${d.deadline} · ${state}${d.supervised ? ' · 挂牌督办' : ''}`,
      ].join('<br/>');
    },
  },
  legend: { bottom: 8, data: [SERIES.overdue, SERIES.onTime] },
  geo: ZHONGSHAN_GEO,
  // overdue drawn last, so it sits on top
  series: [
    { key: 'onTime', colour: ON_TIME, list: points.filter((p) => !p.overdue) },
    { key: 'overdue', colour: OVERDUE, list: points.filter((p) => p.overdue) },
  ].map((s) => ({
    type: 'scatter' as const,
    name: SERIES[s.key as keyof typeof SERIES],
    coordinateSystem: 'geo' as const,
    symbolSize: 11,
    itemStyle: { color: s.colour, borderColor: '#fff', borderWidth: 1 },
    data: s.list.map(datum),
  })),
});

/** 重大隐患分布图: open major hazards of firms with coordinates; overdue in red, listed supervision as a diamond; a click opens the hazard. */
export function HazardMapPage() {
  const navigate = useNavigate();
  const points = useHazardMap();
  const option = useMemo(() => (points.data ? optionFor(points.data) : null), [points.data]);
  const box = useZhongshanMap(option, (id) => void navigate(`/hazards/${id}`));
  const all = points.data ?? [];
  const overdue = all.filter((p) => p.overdue).length;
  const supervised = all.filter((p) => p.supervised).length;

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          重大隐患分布图
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void points.refetch()}>
            刷新
          </Button>
          <Link to={hazardListUrl({ level: 'major', open: 'true' })}>
            <Button icon={<UnorderedListOutlined />}>重大隐患清单</Button>
          </Link>
        </div>
      </div>
      {points.error ? <Alert type="error" showIcon title={points.error.message} className="hv-section" /> : null}
      <Card variant="borderless">
        <div className="hv-legend" data-testid="hazard-map-legend">
          <span>
            未销号重大隐患 <strong>{all.length}</strong> 项
          </span>
          <span>
            <span className="hv-dot" style={{ background: OVERDUE }} />
            逾期 <strong className={overdue > 0 ? 'hv-overdue' : undefined}>{overdue}</strong> 项
          </span>
          <span>
            <span className="hv-dot" style={{ background: ON_TIME }} />
            期限内 <strong>{all.length - overdue}</strong> 项
          </span>
          <span>
            <span className="hv-diamond" />
            挂牌督办 <strong>{supervised}</strong> 项
          </span>
          <span className="cell-sub">仅显示登记了坐标的企业；滚轮缩放，拖动平移，点击查看隐患详情</span>
        </div>
        <div ref={box} className="hv-map" data-testid="hazard-map" />
      </Card>
    </div>
  );
}
