import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { TInspectionStats } from '@yingji/domain/inspection/stats.schema';

// Only the parts drawn here, so the chunk stays small; the page loads this file lazily.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Inspections (with 四不两直 among them) and findings by month. */
export default function StatsMonthChart({ months }: { months: TInspectionStats['byMonth'] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    const narrow = el.clientWidth < 500;
    chart.setOption({
      color: ['#1557b0', '#d4380d', '#faad14'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 14, textStyle: { fontSize: narrow ? 11 : 12 } },
      grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => `${Number(m.month.slice(5))}月`), axisTick: { alignWithLabel: true } },
      yAxis: [{ type: 'value', minInterval: 1 }],
      series: [
        { name: '检查（家次）', type: 'bar', data: months.map((m) => m.inspections), barMaxWidth: 28 },
        { name: '发现隐患（项）', type: 'bar', data: months.map((m) => m.findings), barMaxWidth: 28 },
        { name: '四不两直（家次）', type: 'line', data: months.map((m) => m.unannounced), symbolSize: 6 },
      ],
    });
    // The card's width settles after layout (menu, scrollbar): follow the element, not the window.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [months]);
  return <div ref={ref} className="stats-chart" role="img" aria-label="按月检查与隐患柱状图" />;
}
