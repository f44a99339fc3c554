import { useMemo } from 'react';
import { chosenPlaceSeries, type TMapOption, useZhongshanMapPoint, ZHONGSHAN_GEO } from './zhongshan-map';

/** Six decimals of a degree: about 0.1 m, what the coordinate fields keep. */
const round6 = (n: number) => Math.round(n * 1_000_000) / 1_000_000;

/**
 * A place picked on the city map (offline outline and town areas, no tile server): a click anywhere inside the city
 * reports its longitude and latitude to `onPick`, and the pin shows the place the fields hold now. For forms whose
 * 经度 / 纬度 fields can still be typed: the map is the easier way, the fields the exact one.
 */
export function MapPointPicker({
  longitude,
  latitude,
  onPick,
  height = 240,
}: {
  longitude: number | null | undefined;
  latitude: number | null | undefined;
  onPick: (longitude: number, latitude: number) => void;
  height?: number;
}) {
  const placed = typeof longitude === 'number' && typeof latitude === 'number';
  const option = useMemo<TMapOption>(
    () => ({
      geo: ZHONGSHAN_GEO,
      series: [chosenPlaceSeries(placed ? { longitude, latitude } : null)],
    }),
    [placed, longitude, latitude],
  );
  const box = useZhongshanMapPoint(option, (lng, lat) => onPick(round6(lng), round6(lat)));
  return (
    <div>
      <div className="cell-sub">在地图上点击位置即可填入经纬度，也可直接输入。</div>
      <div ref={box} style={{ width: '100%', height }} data-testid="map-point-picker" />
    </div>
  );
}
