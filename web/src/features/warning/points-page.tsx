import { useQuery } from '@tanstack/react-query';
import { Card, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { pointsApi, WARNING_KEYS } from '../../api/warning.api';
import { useTowns } from '../../kit/towns';

/** 内涝水浸点: each with its responsible person, pumps and how often it flooded; a town sees its own. */
export function PointsPage() {
  const towns = useTowns();
  const [town, setTown] = useState<string | undefined>();
  const list = useQuery({ queryKey: [...WARNING_KEYS.points, town ?? 'all'], queryFn: () => pointsApi.list(town) });
  return (
    <Card
      title="内涝水浸点（一点一策）"
      extra={
        towns.options.length > 1 ? (
          <Select allowClear placeholder="全部镇街" style={{ width: 140 }} options={towns.options} value={town} onChange={setTown} />
        ) : null
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: '暂无水浸点' }}
        columns={[
          { title: '镇街', dataIndex: 'townName', width: 80 },
          {
            title: '水浸点',
            dataIndex: 'name',
            render: (name: string, p) => (
              <Link to={`/warnings/points/${p.id}`} data-testid="point-link">
                {name}
              </Link>
            ),
          },
          { title: '位置', dataIndex: 'location', ellipsis: true },
          { title: '责任人', width: 170, render: (_, p) => `${p.responsiblePerson} ${p.phone}` },
          { title: '预置水泵', dataIndex: 'pumps', width: 80, render: (n: number) => `${n} 台` },
          {
            title: '历史水浸',
            width: 150,
            render: (_, p) =>
              p.floodings > 0 ? (
                <span>
                  <Tag color="blue">{p.floodings} 次</Tag>最近 {p.lastFloodedOn}
                </span>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}
