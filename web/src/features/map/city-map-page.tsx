import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TMapLayer, TMapLayerPoints, TMapPointDetail } from '@yingji/domain/map/map.contract';
import type { ScatterSeriesOption } from 'echarts/charts';
import { Alert, App, Button, Card, Empty, Grid, Radio, Select, Spin, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { mapApi } from '../../api/map.api';
import {
  escapeHtml,
  type TMapOption,
  townCountLabels,
  townShortName,
  useZhongshanMap,
  zhongshanGeoWithCounts,
} from '../../app/zhongshan-map';
import './map.css';

const MAP_KEYS = {
  layers: ['map', 'layers'] as const,
  points: (key: string) => ['map', 'points', key] as const,
  point: (key: string, id: number) => ['map', 'point', key, id] as const,
};

/** A point's name, line and link: asked for when it is pointed at or clicked, kept a minute. */
type TPointDetails = (id: number) => Promise<TMapPointDetail>;

const detailHtml = (d: TMapPointDetail, label: string) =>
  `<b>${escapeHtml(d.name)}</b><br/>${escapeHtml(label)}${d.subtitle ? `<br/>${escapeHtml(d.subtitle)}` : ''}`;

function optionFor(layer: TMapLayer, data: TMapLayerPoints, hidden: ReadonlySet<string>, details: TPointDetails): TMapOption {
  const counts = new Map(data.towns.map((t) => [t.name, t.count]));
  const labels = new Map(layer.categories.map((c) => [c.key, c.label]));
  return {
    tooltip: {
      trigger: 'item',
      // the points carry no names: the tooltip asks for the point's and fills in when it comes
      formatter: (p, ticket, fill?: (ticket: string, html: string) => void) => {
        const d = (p as unknown as { data?: { id?: number; category: string } }).data;
        if (!d?.id) return '';
        const label = labels.get(d.category) ?? d.category;
        if (!fill) return escapeHtml(label);
        details(d.id).then(
          (detail) => fill(ticket, detailHtml(detail, label)),
          () => fill(ticket, `${escapeHtml(label)}<br/>详情加载失败`),
        );
        return `${escapeHtml(label)}<br/>加载中…`;
      },
    },
    geo: zhongshanGeoWithCounts(counts),
    // the first category (the most serious) drawn last, so it sits on top; the towns' names and counts above all
    series: [
      ...[...layer.categories].reverse().map((c, i): ScatterSeriesOption => ({
        type: 'scatter' as const,
        name: c.label,
        coordinateSystem: 'geo' as const,
        symbolSize: i === layer.categories.length - 1 ? 10 : 8,
        itemStyle: { color: c.colour, borderColor: '#fff', borderWidth: 1 },
        data: hidden.has(c.key)
          ? []
          : data.points.filter((p) => p[3] === c.key).map(([lng, lat, id, category]) => ({ value: [lng, lat], id, category })),
      })),
      townCountLabels(counts, layer.unit),
    ],
  };
}

/** The layer's categories as toggles with their counts among the drawn points. */
function Legend({
  layer,
  data,
  hidden,
  onToggle,
}: {
  layer: TMapLayer;
  data: TMapLayerPoints | undefined;
  hidden: ReadonlySet<string>;
  onToggle: (key: string) => void;
}) {
  return (
    <div className="city-map-legend">
      {layer.categories.map((c) => (
        <button key={c.key} type="button" aria-pressed={!hidden.has(c.key)} onClick={() => onToggle(c.key)}>
          <span className="city-map-dot" style={{ background: c.colour }} />
          <span>
            {c.label} {data ? data.points.filter((p) => p[3] === c.key).length : '…'}
          </span>
        </button>
      ))}
    </div>
  );
}

/**
 * 一张图: one city map with the layers every module declares (firms by risk, open major hazards, this month's
 * inspections, this year's accidents, shelters, warehouses, cameras, fires, waterlogging points), the ones the user
 * may read, in his division. The towns' schematic areas carry the chosen layer's count. A click opens the record.
 */
export function CityMapPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const layers = useQuery({ queryKey: MAP_KEYS.layers, queryFn: mapApi.layers });
  const list = layers.data?.layers ?? [];
  const layer = list.find((l) => l.key === params.get('layer')) ?? list[0];
  const points = useQuery({
    queryKey: MAP_KEYS.points(layer?.key ?? ''),
    queryFn: () => mapApi.points(layer!.key),
    enabled: layer !== undefined,
  });
  const [hidden, setHidden] = useState<{ layer: string; keys: ReadonlySet<string> }>({ layer: '', keys: new Set() });
  const hiddenKeys = useMemo(() => (hidden.layer === layer?.key ? hidden.keys : new Set<string>()), [hidden, layer?.key]);
  const [picked, setPicked] = useState<TMapPointDetail | null>(null);
  const data = points.data?.key === layer?.key ? points.data : undefined;
  const queryClient = useQueryClient();
  const layerKey = layer?.key ?? '';
  const details = useCallback<TPointDetails>(
    (id) =>
      queryClient.fetchQuery({ queryKey: MAP_KEYS.point(layerKey, id), queryFn: () => mapApi.point(layerKey, id), staleTime: 60_000 }),
    [queryClient, layerKey],
  );
  const option = useMemo(() => (layer && data ? optionFor(layer, data, hiddenKeys, details) : null), [layer, data, hiddenKeys, details]);
  const box = useZhongshanMap(option, (id) => {
    details(id).then(
      (p) => {
        // a phone has no hover: a tap shows the point first, its button opens the record
        if (p.href && !isPhone) void navigate(p.href);
        else setPicked(p);
      },
      (e: unknown) => void message.error(e instanceof Error ? e.message : '点位详情加载失败'),
    );
  });

  const choose = (key: string) => {
    setPicked(null);
    setParams({ layer: key }, { replace: true });
  };
  const toggle = (key: string) => {
    const next = new Set(hiddenKeys);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setHidden({ layer: layer?.key ?? '', keys: next });
  };
  const towns = [...(data?.towns ?? [])].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));

  if (layers.isSuccess && list.length === 0)
    return (
      <div className="page">
        <Typography.Title level={4} className="page-title">
          一张图
        </Typography.Title>
        <Card variant="borderless">
          <Empty description="您的角色没有可查看的地图图层" />
        </Card>
      </div>
    );

  const layerSwitch = isPhone ? (
    <Select
      aria-label="图层"
      style={{ width: '100%' }}
      value={layer?.key}
      onChange={choose}
      options={list.map((l) => ({ value: l.key, label: l.title }))}
    />
  ) : (
    <Radio.Group className="city-map-layers" value={layer?.key} onChange={(e) => choose(e.target.value as string)}>
      {list.map((l) => (
        <Radio key={l.key} value={l.key}>
          {l.title}
        </Radio>
      ))}
    </Radio.Group>
  );

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          一张图
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void points.refetch()} disabled={!layer}>
            刷新
          </Button>
        </div>
      </div>
      {isPhone && <div style={{ marginBottom: 12 }}>{layerSwitch}</div>}
      <div className="city-map-body">
        <Card variant="borderless" styles={{ body: { padding: 8 } }}>
          <Spin spinning={layers.isLoading || points.isFetching}>
            <div ref={box} className="city-map-canvas" data-testid="city-map" />
          </Spin>
          {picked && (
            <Alert
              style={{ marginTop: 8 }}
              type="info"
              showIcon={false}
              closable={{ onClose: () => setPicked(null) }}
              message={picked.name}
              description={
                <>
                  <div>{picked.subtitle}</div>
                  {picked.href && <Link to={picked.href}>打开记录</Link>}
                </>
              }
            />
          )}
        </Card>
        <Card variant="borderless" className="city-map-side">
          {!isPhone && (
            <>
              <div className="city-map-side-title">图层</div>
              {layerSwitch}
            </>
          )}
          {layer && (
            <>
              <div className="city-map-side-title">{layer.title}</div>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
                {layer.description}
              </Typography.Paragraph>
              <Legend layer={layer} data={data} hidden={hiddenKeys} onToggle={toggle} />
            </>
          )}
          {data && layer && (
            <>
              <div className="city-map-side-title">
                各镇街数量（共 {data.total} {layer.unit}）
              </div>
              <div className="city-map-towns">
                {towns.map((t) => (
                  <div key={t.code} className="city-map-town">
                    <span>{townShortName(t.name)}</span>
                    <span>{t.count}</span>
                  </div>
                ))}
              </div>
              <div className="city-map-note">
                {data.total > data.located && <div>{data.total - data.located} 条记录未登记坐标，计入数量但不在图上标注。</div>}
                {data.truncated && <div>点位较多，图上只标注最重要的 {data.points.length} 个。</div>}
                <div>镇街范围为示意（按镇街驻地划分），不是法定行政区域界线；数量按记录所属镇街统计。</div>
                <div>{isPhone ? '点按点位查看，再点“打开记录”。' : '滚轮缩放，拖动平移，点击点位打开记录。'}</div>
              </div>
            </>
          )}
        </Card>
      </div>
    </div>
  );
}
