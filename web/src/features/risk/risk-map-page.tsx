import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { RISK_COLOUR_LABELS, RISK_COLOURS, type TRiskColour } from '@yingji/domain/risk/risk.schema';
import { Button, Card, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { riskApi, type TRiskMapPoint } from '../../api/risk.api';
import { escapeHtml, type TMapOption, useZhongshanMap, ZHONGSHAN_GEO } from '../../app/zhongshan-map';
import { RISK_COLOUR_HEX, RISK_KEYS, RiskColourTag } from './risk-data';
import './risk.css';

const optionFor = (points: TRiskMapPoint[]): TMapOption => ({
  tooltip: {
    trigger: 'item',
    formatter: (p) => {
      const d = (p as unknown as { data: { name: string; town: string | null; colour: TRiskColour } }).data;
      return `${escapeHtml(d.name)}<br/>${escapeHtml(d.town ?? '')} · ${RISK_COLOUR_LABELS[d.colour]}色`;
    },
  },
  legend: { bottom: 8, data: RISK_COLOURS.map((c) => `${RISK_COLOUR_LABELS[c]}色`) },
  geo: ZHONGSHAN_GEO,
  // red drawn last, so the highest risks sit on top
  series: [...RISK_COLOURS].reverse().map((c) => ({
    type: 'scatter' as const,
    name: `${RISK_COLOUR_LABELS[c]}色`,
    coordinateSystem: 'geo' as const,
    symbolSize: c === 'red' ? 11 : c === 'orange' ? 9 : 7,
    itemStyle: { color: RISK_COLOUR_HEX[c], borderColor: '#fff', borderWidth: 1 },
    data: points
      .filter((p) => p.colour === c)
      .map((p) => ({ name: p.name, value: [p.longitude, p.latitude], id: p.id, town: p.divisionName, colour: p.colour })),
  })),
});

/** 风险分布图: graded firms with coordinates, coloured by grade, on the city outline. A click opens the firm. */
export function RiskMapPage() {
  const navigate = useNavigate();
  const points = useQuery({ queryKey: RISK_KEYS.map, queryFn: riskApi.map });
  const option = useMemo(() => (points.data ? optionFor(points.data) : null), [points.data]);
  const box = useZhongshanMap(option, (id) => void navigate(`/enterprises/${id}`));

  const counts = Object.fromEntries(RISK_COLOURS.map((c) => [c, points.data?.filter((p) => p.colour === c).length ?? 0])) as Record<
    TRiskColour,
    number
  >;
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
