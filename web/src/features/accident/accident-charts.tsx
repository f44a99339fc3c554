import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { TAccidentStats } from '@yingji/domain/accident/accident.schema';

// Only the parts drawn here, so the chunk stays small; the page loads this file lazily.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function useChart(option: () => echarts.EChartsCoreOption, deps: unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption(option());
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, deps);
  return ref;
}

/** Accidents and deaths by month against the same month a year before. */
export function AccidentMonthChart({ months }: { months: TAccidentStats['byMonth'] }) {
  const ref = useChart(
    () => ({
      color: ['#1557b0', '#91caff', '#d4380d', '#ffa39e'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => `${Number(m.month.slice(5))}月`) },
      yAxis: [{ type: 'value', minInterval: 1 }],
      series: [
        { name: '事故起数', type: 'bar', data: months.map((m) => m.current.count), barMaxWidth: 24 },
        { name: '上年同期起数', type: 'bar', data: months.map((m) => m.previous.count), barMaxWidth: 24 },
        { name: '死亡人数', type: 'line', data: months.map((m) => m.current.deaths) },
        { name: '上年同期死亡', type: 'line', data: months.map((m) => m.previous.deaths), lineStyle: { type: 'dashed' } },
      ],
    }),
    [months],
  );
  return <div ref={ref} className="accident-chart" role="img" aria-label="按月事故起数与死亡人数" />;
}

/** Accidents by town, this period against the same period a year before. */
export function AccidentTownChart({ towns }: { towns: TAccidentStats['byTown'] }) {
  const ref = useChart(
    () => ({
      color: ['#1557b0', '#91caff'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: towns.map((t) => t.label.replace(/(街道|镇)$/, '')), axisLabel: { interval: 0, rotate: 45 } },
      yAxis: [{ type: 'value', minInterval: 1 }],
      series: [
        { name: '本期起数', type: 'bar', data: towns.map((t) => t.current.count), barMaxWidth: 16 },
        { name: '上年同期', type: 'bar', data: towns.map((t) => t.previous.count), barMaxWidth: 16 },
      ],
    }),
    [towns],
  );
  return <div ref={ref} className="accident-chart" role="img" aria-label="按镇街事故起数" />;
}
