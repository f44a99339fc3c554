import type { TFireIncident, TFireSite } from '@yingji/domain/fire/fire.schema';
import { useMemo } from 'react';
import { escapeHtml, type TMapOption, useZhongshanMap, ZHONGSHAN_GEO } from '../../app/zhongshan-map';

const COLOURS = { camera: '#1677ff', cameraAlert: '#8c8c8c', incident: '#d9363e', handled: '#fa8c16' };

type TDatum = { name: string; value: [number, number]; id?: number; tip: string };

/** Cameras (blue; grey when a channel has a device alert) and incidents (red when new, orange otherwise) on the city map. */
export function FireMap({ sites, incidents, onPick }: { sites: TFireSite[]; incidents: TFireIncident[]; onPick: (id: number) => void }) {
  const option = useMemo<TMapOption>(() => {
    const cam = (s: TFireSite): TDatum => ({
      name: s.name,
      value: [s.longitude, s.latitude],
      tip: `<b>${escapeHtml(s.name)}</b><br/>${escapeHtml(s.townName)} · ${s.channels.length} 个通道`,
    });
    const inc = (i: TFireIncident): TDatum => ({
      name: `事件 #${i.id}`,
      value: [i.longitude, i.latitude],
      id: i.id,
      tip: `<b>火情事件 #${i.id}</b><br/>${escapeHtml(i.townName)} · 告警 ${i.alarmCount} 次 · 误差约 ${i.uncertaintyM} 米`,
    });
    const series = [
      {
        name: '监控点',
        colour: COLOURS.camera,
        symbol: 'triangle',
        size: 10,
        data: sites.filter((s) => s.channels.every((c) => !c.alertKind)).map(cam),
      },
      {
        name: '设备告警',
        colour: COLOURS.cameraAlert,
        symbol: 'triangle',
        size: 12,
        data: sites.filter((s) => s.channels.some((c) => c.alertKind)).map(cam),
      },
      { name: '已处置', colour: COLOURS.handled, symbol: 'circle', size: 12, data: incidents.filter((i) => i.status !== 'new').map(inc) },
      { name: '待核实火情', colour: COLOURS.incident, symbol: 'pin', size: 26, data: incidents.filter((i) => i.status === 'new').map(inc) },
    ];
    return {
      tooltip: { trigger: 'item', formatter: (p) => (p as unknown as { data: TDatum }).data.tip },
      legend: { bottom: 8, data: series.map((s) => s.name) },
      geo: { ...ZHONGSHAN_GEO, center: [113.42, 22.42], zoom: 1.6 },
      series: series.map((s) => ({
        type: 'scatter' as const,
        name: s.name,
        coordinateSystem: 'geo' as const,
        symbol: s.symbol,
        symbolSize: s.size,
        itemStyle: { color: s.colour, borderColor: '#fff', borderWidth: 1 },
        data: s.data,
      })),
    };
  }, [sites, incidents]);
  const box = useZhongshanMap(option, onPick);
  return <div ref={box} className="fire-map" data-testid="fire-map" />;
}
