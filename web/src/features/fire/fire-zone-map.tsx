import type { TFireSite } from '@yingji/domain/fire/fire.schema';
import { LinesChart, type LinesSeriesOption, ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import { GeoComponent, type GeoComponentOption, TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { escapeHtml, ZHONGSHAN_GEO } from '../../app/zhongshan-map';

// the city outline is registered by zhongshan-map; outlines of zones are polylines on the same geo
echarts.use([LinesChart, ScatterChart, GeoComponent, TooltipComponent, CanvasRenderer]);

type TOption = echarts.ComposeOption<LinesSeriesOption | ScatterSeriesOption | GeoComponentOption | TooltipComponentOption>;
type TPoint = [number, number];
export type TZoneOutline = { id: number; name: string; active: boolean; polygons: TPoint[][][] };

/**
 * The city map for mask zones: existing zones as outlines (red when active, grey when not), the cameras for
 * orientation, and, while drawing, each click on the map adds a vertex at the clicked longitude and latitude.
 */
export function ZoneMap({
  zones,
  sites,
  drawing,
  points,
  onAdd,
}: {
  zones: TZoneOutline[];
  sites: TFireSite[];
  drawing: boolean;
  points: TPoint[];
  onAdd: (p: TPoint) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const add = useRef({ drawing, onAdd });
  useEffect(() => {
    add.current = { drawing, onAdd };
  });
  useEffect(() => {
    if (!box.current) return undefined;
    const c = echarts.init(box.current);
    chart.current = c;
    c.setOption({
      tooltip: { trigger: 'item', formatter: (p) => escapeHtml(String((p as { name?: string }).name ?? '')) },
      geo: { ...ZHONGSHAN_GEO, center: [113.42, 22.42], zoom: 1.6 },
    } satisfies TOption);
    c.getZr().on('click', (e) => {
      if (!add.current.drawing) return;
      const p = c.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (p && Number.isFinite(p[0]) && Number.isFinite(p[1]))
        add.current.onAdd([Math.round(p[0]! * 1e6) / 1e6, Math.round(p[1]! * 1e6) / 1e6]);
    });
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);
  const option = useMemo<TOption>(() => {
    const rings = zones.flatMap((z) => z.polygons.map((poly) => ({ z, ring: poly[0]! })));
    const closed = (ring: TPoint[]) => (ring.length ? [...ring, ring[0]!] : ring);
    return {
      series: [
        {
          type: 'lines',
          name: '屏蔽区',
          coordinateSystem: 'geo',
          polyline: true,
          silent: false,
          lineStyle: { width: 2 },
          data: rings.map(({ z, ring }) => ({
            name: `${z.name}${z.active ? '' : '（停用）'}`,
            coords: closed(ring),
            lineStyle: { color: z.active ? '#d9363e' : '#bfbfbf', type: z.active ? ('solid' as const) : ('dashed' as const) },
          })),
        },
        {
          type: 'scatter',
          name: '监控点',
          coordinateSystem: 'geo',
          symbol: 'triangle',
          symbolSize: 8,
          itemStyle: { color: '#1677ff' },
          data: sites.map((s) => ({ name: s.name, value: [s.longitude, s.latitude] })),
        },
        {
          type: 'lines',
          name: '正在绘制',
          coordinateSystem: 'geo',
          polyline: true,
          lineStyle: { color: '#722ed1', width: 2, type: 'dashed' },
          data: points.length > 1 ? [{ name: '正在绘制', coords: points.length > 2 ? closed(points) : points }] : [],
        },
        {
          type: 'scatter',
          name: '顶点',
          coordinateSystem: 'geo',
          symbolSize: 8,
          itemStyle: { color: '#722ed1', borderColor: '#fff', borderWidth: 1 },
          data: points.map((p, i) => ({ name: `第 ${i + 1} 点`, value: p })),
        },
      ],
    };
  }, [zones, sites, points]);
  useEffect(() => {
    // the geo (and the user's zoom and pan) stays; only the series are replaced
    chart.current?.setOption(option, { replaceMerge: ['series'] });
  }, [option]);
  return <div ref={box} className={`fire-map${drawing ? ' fire-drawing' : ''}`} data-testid="fire-zone-map" />;
}
