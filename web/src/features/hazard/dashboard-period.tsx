import { DatePicker, Segmented } from 'antd';
import type { Dayjs } from 'dayjs';
import quarterOfYear from 'dayjs/plugin/quarterOfYear';
import { useState } from 'react';
import { bureauNow, dayjs } from '../../app/locale';
import type { TPeriod } from './hazard-views-data';

export type TPeriodKind = 'month' | 'quarter' | 'year' | 'custom';
const KINDS: { label: string; value: TPeriodKind }[] = [
  { label: '本月', value: 'month' },
  { label: '季度', value: 'quarter' },
  { label: '年度', value: 'year' },
  { label: '自定义', value: 'custom' },
];
dayjs.extend(quarterOfYear);
const DAY = 'YYYY-MM-DD';

function periodOf(kind: TPeriodKind, at: Dayjs, range: [Dayjs, Dayjs]): TPeriod {
  if (kind === 'custom') return { from: range[0].format(DAY), to: range[1].format(DAY) };
  const unit = kind === 'quarter' ? 'quarter' : kind;
  // The period ends today at the latest: nothing is found or closed in the future.
  const now = bureauNow();
  const end = at.endOf(unit).isAfter(now) ? now : at.endOf(unit);
  return { from: at.startOf(unit).format(DAY), to: end.format(DAY) };
}

/** The period of a statistic: this month by default, a quarter, a year, or any run of days; returned as from/to days. */
export function usePeriod(): { period: TPeriod; picker: React.ReactNode } {
  const [kind, setKind] = useState<TPeriodKind>('month');
  const [at, setAt] = useState<Dayjs>(bureauNow());
  const [range, setRange] = useState<[Dayjs, Dayjs]>([bureauNow().startOf('year'), bureauNow()]);
  const period = periodOf(kind, at, range);
  const picker = (
    <div className="hv-period">
      <Segmented<TPeriodKind>
        options={KINDS}
        value={kind}
        onChange={(k) => {
          setKind(k);
          setAt(bureauNow());
        }}
        aria-label="统计周期"
      />
      {kind === 'custom' ? (
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          disabledDate={(d) => d.isAfter(bureauNow(), 'day')}
          aria-label="起止日期"
        />
      ) : (
        <DatePicker
          picker={kind}
          value={at}
          allowClear={false}
          onChange={(v) => v && setAt(v)}
          disabledDate={(d) => d.isAfter(bureauNow(), 'day')}
          aria-label="统计期间"
        />
      )}
      <span className="hv-range">
        {period.from} 至 {period.to}
      </span>
    </div>
  );
  return { period, picker };
}
