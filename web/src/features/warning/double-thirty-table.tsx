import type { TDoubleThirtyCheck } from '@yingji/domain/warning/points.contract';
import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { formatTime } from '../../app/locale';

const measure = (v: number | null, unit: string) => (v === null ? '—' : `${v} ${unit}`);

/** 双三十 checks: the measures, whether 30 was reached, and the action taken (roads closed, people moved). */
export function DoubleThirtyTable({ checks, showPoint = false }: { checks: TDoubleThirtyCheck[]; showPoint?: boolean }) {
  return (
    <Table
      rowKey="id"
      size="small"
      dataSource={checks}
      pagination={checks.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 720 }}
      locale={{ emptyText: '暂无双三十检查记录' }}
      columns={[
        { title: '检查时间', dataIndex: 'at', width: 150, render: (at: string) => formatTime(at) },
        ...(showPoint
          ? [
              { title: '镇街', dataIndex: 'townName', width: 80 },
              {
                title: '水浸点',
                dataIndex: 'pointName',
                render: (name: string, c: TDoubleThirtyCheck) => <Link to={`/warnings/points/${c.pointId}`}>{name}</Link>,
              },
            ]
          : []),
        { title: '1小时降雨量', dataIndex: 'rainfallMm', width: 100, render: (v: number | null) => measure(v, '毫米') },
        { title: '积水深度', dataIndex: 'depthCm', width: 90, render: (v: number | null) => measure(v, '厘米') },
        {
          title: '双三十',
          dataIndex: 'triggered',
          width: 80,
          render: (t: boolean) => (t ? <Tag color="red">已达标</Tag> : <Tag>未达</Tag>),
        },
        {
          title: '采取措施',
          render: (_: unknown, c: TDoubleThirtyCheck) =>
            [c.roadsClosed ? '已封路' : null, c.peopleMoved > 0 ? `转移 ${c.peopleMoved} 人` : null, c.note || null]
              .filter(Boolean)
              .join('；') || '—',
        },
        { title: '记录人', dataIndex: 'actorName', width: 110 },
      ]}
    />
  );
}
