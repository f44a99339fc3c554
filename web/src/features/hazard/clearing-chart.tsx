import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { THazardClearing } from '@yingji/domain/hazard/stats.schema';

// Only the parts drawn here, so the chunk stays small; the page loads this file lazily.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** `2026年1月` at the first month and each January, `2月` otherwise. */
const monthLabel = (m: string, i: number) =>
  i === 0 || m.slice(5, 7) === '01' ? `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月` : `${Number(m.slice(5, 7))}月`;

/** Major hazards open at each month's end (the line that should reach zero), found and closed in the month (bars). */
export default function ClearingChart({ points }: { points: THazardClearing['points'] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    const narrow = el.clientWidth < 500;
    chart.setOption({
      color: ['#cf1322', '#fa8c16', '#389e0d'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 14, textStyle: { fontSize: narrow ? 11 : 12 } },
      grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: points.map((p, i) => monthLabel(p.month, i)), axisTick: { alignWithLabel: true } },
      yAxis: [
        { type: 'value', minInterval: 1, name: '月末未销号', nameTextStyle: { align: 'left' } },
        { type: 'value', minInterval: 1, name: '当月（项）', nameTextStyle: { align: 'right' }, splitLine: { show: false } },
      ],
      series: [
        {
          name: '月末未销号重大隐患',
          type: 'line',
          data: points.map((p) => p.openAtEnd),
          symbolSize: 6,
          lineStyle: { width: 3 },
          areaStyle: { opacity: 0.08 },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#389e0d', type: 'dashed' },
            label: { formatter: '清零', position: 'insideStartTop' },
            data: [{ yAxis: 0 }],
          },
          z: 3,
        },
        { name: '当月新发现', type: 'bar', yAxisIndex: 1, data: points.map((p) => p.found), barMaxWidth: 18 },
        { name: '当月销号', type: 'bar', yAxisIndex: 1, data: points.map((p) => p.closed), barMaxWidth: 18 },
      ],
    });
    // The card's width settles after layout (menu, scrollbar): follow the element, not the window.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [points]);
  return <div ref={ref} className="hv-chart" role="img" aria-label="重大隐患动态清零趋势图" />;
}
