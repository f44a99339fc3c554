import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { warningStatsEndpoints } from '@yingji/domain/warning/stats.contract';
import type { TWarningStats } from '@yingji/domain/warning/stats.contract';
import { Button, Card, Col, InputNumber, Row, Space, Statistic, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { call, endpointUrl } from '../../api/client';

type TGroup = TWarningStats['byTown'][number];

/** 叫应统计: answer rate, median minutes and escalations per town and post for a flood season, with Excel. */
export function WarningStatsPage() {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? new Date().getFullYear());
  const stats = useQuery({ queryKey: ['warnings', 'stats', year], queryFn: () => call(warningStatsEndpoints.stats, { query: { year } }) });
  const columns = (label: string): TableColumnsType<TGroup> => [
    { title: label, dataIndex: 'group' },
    { title: '应叫应', dataIndex: 'called', align: 'right', width: 90 },
    { title: '已应答', dataIndex: 'answered', align: 'right', width: 90 },
    { title: '应答率', dataIndex: 'rate', align: 'right', width: 90, render: (v: number) => `${v}%` },
    {
      title: '应答时间中位数',
      dataIndex: 'medianMinutes',
      align: 'right',
      width: 130,
      render: (v: number | null) => (v === null ? '—' : `${v} 分钟`),
    },
    { title: '升级', dataIndex: 'escalated', align: 'right', width: 80 },
  ];
  const s = stats.data;
  return (
    <Card
      title="叫应统计"
      extra={
        <Space>
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setParams({ year: String(v) })} addonAfter="年汛期" />
          <Button icon={<DownloadOutlined />} href={endpointUrl(warningStatsEndpoints.export, { query: { year } })}>
            导出 Excel
          </Button>
        </Space>
      }
      loading={stats.isPending}
    >
      {s ? (
        <Space direction="vertical" size={24} style={{ width: '100%' }}>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title="预警次数" value={s.warnings} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="应答率" value={s.totals.rate} suffix="%" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title="应答时间中位数"
                value={s.totals.medianMinutes ?? '—'}
                suffix={s.totals.medianMinutes === null ? '' : '分钟'}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="升级次数" value={s.totals.escalated} />
            </Col>
          </Row>
          <Table
            rowKey="group"
            size="small"
            title={() => '按镇街（应答率低的在前）'}
            columns={columns('镇街')}
            dataSource={s.byTown}
            pagination={false}
            scroll={{ x: 640 }}
          />
          <Table
            rowKey="group"
            size="small"
            title={() => '按岗位'}
            columns={columns('岗位')}
            dataSource={s.byPost}
            pagination={false}
            scroll={{ x: 640 }}
          />
        </Space>
      ) : null}
    </Card>
  );
}
