import { useQuery } from '@tanstack/react-query';
import type { THazardItem } from '@yingji/domain';
import { Card, List, Statistic } from 'antd';
import { Link } from 'react-router';
import { hazardApi } from '../../api/hazard.api';
import { useCan } from '../../app/auth';
import { HAZARD_KEYS, HazardTags } from './hazard-data';
import './hazard.css';

/** On the enterprise page: its open and overdue hazard counts and the open ones, most urgent first as the server orders them. */
export function EnterpriseHazardsPanel({ enterpriseId }: { enterpriseId: number }) {
  const can = useCan();
  const enabled = can('hazard.read');
  const open = useQuery({
    queryKey: HAZARD_KEYS.list({ enterpriseId, open: 'true', page: 1, pageSize: 5 }),
    queryFn: () => hazardApi.list({ enterpriseId, open: 'true', page: 1, pageSize: 5 }),
    enabled,
  });
  const overdue = useQuery({
    queryKey: HAZARD_KEYS.list({ enterpriseId, overdue: 'true', page: 1, pageSize: 1 }),
    queryFn: () => hazardApi.list({ enterpriseId, overdue: 'true', page: 1, pageSize: 1 }),
    enabled,
  });
  if (!enabled) return null;
  return (
    <Card
      variant="borderless"
      title="隐患"
      className="detail-card"
      data-testid="hazard-panel"
      loading={open.isPending}
      extra={<Link to={`/hazards?enterpriseId=${enterpriseId}`}>全部隐患</Link>}
    >
      <div className="hazard-counts">
        <Statistic title="未销号" value={open.data?.total ?? 0} />
        <Statistic
          title="已逾期"
          value={overdue.data?.total ?? 0}
          styles={{ content: (overdue.data?.total ?? 0) > 0 ? { color: '#cf1322' } : {} }}
        />
      </div>
      <List<THazardItem>
        size="small"
        dataSource={open.data?.items ?? []}
        locale={{ emptyText: open.isError ? (open.error as Error).message : '没有未销号的隐患' }}
        renderItem={(h) => (
          <List.Item>
            <div className="cell-stack">
              <Link to={`/hazards/${h.id}`}>{h.description}</Link>
              <span className="cell-sub">
                <HazardTags h={h} /> 期限 {h.deadline}
              </span>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
