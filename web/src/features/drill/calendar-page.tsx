import { useQuery } from '@tanstack/react-query';
import { drillEndpoints } from '@yingji/domain';
import { Badge, Calendar, Card } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { call } from '../../api/client';
import { dayjs } from '../../app/locale';

/** 演练与培训日历: planned and held drills and training sessions by day. */
export function CalendarPage() {
  const [month, setMonth] = useState(dayjs());
  const navigate = useNavigate();
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(7, 'day').format('YYYY-MM-DD');
  const q = useQuery({ queryKey: ['drill', 'calendar', from, to], queryFn: () => call(drillEndpoints.calendar, { query: { from, to } }) });
  const byDay = new Map<string, NonNullable<typeof q.data>['items']>();
  for (const i of q.data?.items ?? []) byDay.set(i.date, [...(byDay.get(i.date) ?? []), i]);
  return (
    <Card title="演练与培训日历">
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d, info) => info.source === 'date' && setMonth(d)}
        cellRender={(d, info) =>
          info.type === 'date' ? (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {(byDay.get(d.format('YYYY-MM-DD')) ?? []).map((i) => (
                <li key={`${i.type}-${i.id}`}>
                  <Badge
                    color={i.type === 'training' ? 'cyan' : i.status === 'planned' ? 'blue' : 'green'}
                    text={
                      <a onClick={() => navigate(i.type === 'drill' ? `/drill/drills/${i.id}` : `/drill/training?open=${i.id}`)}>
                        {i.type === 'training' ? '培训：' : i.jointMilitary ? '军地演练：' : '演练：'}
                        {i.title}
                      </a>
                    }
                  />
                </li>
              ))}
            </ul>
          ) : null
        }
      />
    </Card>
  );
}
