import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FALSE_ALARM_LABELS } from '@yingji/domain/fire/fire.rules';
import { Alert, Button, Card, DatePicker, Descriptions, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fireApi } from '../../api/fire.api';
import { useCan } from '../../app/auth';
import { bjTime, FIRE_KEYS } from './fire-data';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const secs = (s: number | null) => (s === null ? '—' : s < 60 ? `${s} 秒` : `${Math.floor(s / 60)} 分 ${s % 60} 秒`);

function Stats() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const q = useQuery({ queryKey: [...FIRE_KEYS.all, 'stats', from, to], queryFn: () => fireApi.stats(from, to) });
  const s = q.data;
  return (
    <>
      <div className="page-actions" style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <a href={fireApi.statsExportUrl(from, to)} download>
          <Button icon={<DownloadOutlined />}>导出 Excel</Button>
        </a>
      </div>
      {q.error ? <Alert type="error" showIcon title={q.error.message} /> : null}
      {s ? (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="fire-stats">
            <Descriptions.Item label="告警">{s.alarms}</Descriptions.Item>
            <Descriptions.Item label="被屏蔽">{s.suppressed}</Descriptions.Item>
            <Descriptions.Item label="火情事件">{s.incidents}</Descriptions.Item>
            <Descriptions.Item label="确认火情">{s.real}</Descriptions.Item>
            <Descriptions.Item label="误报">{s.falseAlarms}</Descriptions.Item>
            <Descriptions.Item label="误报率（已核实）">{pct(s.falseRate)}</Descriptions.Item>
            <Descriptions.Item label="签收时长中位数">{secs(s.ack.medianSeconds)}</Descriptions.Item>
            <Descriptions.Item label="签收时长 90% 分位">{secs(s.ack.p90Seconds)}</Descriptions.Item>
            <Descriptions.Item label="超时升级至值班长">{s.ack.escalated}</Descriptions.Item>
          </Descriptions>
          <div className="fire-grid" style={{ marginTop: 12 }}>
            <Card size="small" title="各通道误报率">
              <Table
                size="small"
                rowKey="channelId"
                dataSource={s.byChannel}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: '通道', dataIndex: 'code' },
                  { title: '监控点', dataIndex: 'siteName' },
                  { title: '事件', dataIndex: 'incidents' },
                  { title: '误报', dataIndex: 'falseAlarms' },
                  { title: '误报率', dataIndex: 'falseRate', render: pct, sorter: (a, b) => a.falseRate - b.falseRate },
                ]}
              />
            </Card>
            <div>
              <Card size="small" title="误报原因">
                <Table
                  size="small"
                  rowKey="label"
                  dataSource={s.byLabel}
                  pagination={false}
                  columns={[
                    { title: '原因', dataIndex: 'label', render: (l: keyof typeof FALSE_ALARM_LABELS) => FALSE_ALARM_LABELS[l] },
                    { title: '次数', dataIndex: 'count' },
                  ]}
                />
              </Card>
              <Card size="small" title="各屏蔽区屏蔽告警" style={{ marginTop: 12 }}>
                <Table
                  size="small"
                  rowKey="zoneId"
                  dataSource={s.byZone}
                  pagination={false}
                  columns={[
                    { title: '屏蔽区', dataIndex: 'name' },
                    { title: '屏蔽告警', dataIndex: 'suppressed' },
                  ]}
                />
              </Card>
            </div>
          </div>
        </>
      ) : null}
    </>
  );
}

function Availability() {
  const [month, setMonth] = useState(dayjs());
  const m = month.format('YYYY-MM');
  const q = useQuery({ queryKey: [...FIRE_KEYS.all, 'availability', m], queryFn: () => fireApi.availability(m) });
  return (
    <>
      <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} style={{ marginBottom: 12 }} />
      <Table
        size="small"
        rowKey="channelId"
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '通道', dataIndex: 'code' },
          { title: '监控点', dataIndex: 'siteName' },
          {
            title: '在线率',
            dataIndex: 'availability',
            render: (v: number) => <span style={{ color: v < 0.95 ? '#d9363e' : undefined }}>{pct(v)}</span>,
            sorter: (a, b) => a.availability - b.availability,
          },
          { title: '设备告警次数', dataIndex: 'alerts' },
        ]}
      />
    </>
  );
}

function Outbox() {
  const can = useCan();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'pending' | 'delivered' | 'dead' | undefined>(undefined);
  const q = useQuery({ queryKey: [...FIRE_KEYS.all, 'outbox', status], queryFn: () => fireApi.outbox(status), refetchInterval: 5000 });
  const resend = useMutation({
    mutationFn: (id: number) => fireApi.resend(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: FIRE_KEYS.all }),
  });
  const c = q.data?.counts;
  return (
    <>
      <Tabs
        activeKey={status ?? 'all'}
        onChange={(k) => setStatus(k === 'all' ? undefined : (k as 'dead'))}
        items={[
          { key: 'all', label: '全部' },
          { key: 'pending', label: `待投递/重试中 ${c?.pending ?? 0}` },
          { key: 'delivered', label: `已投递 ${c?.delivered ?? 0}` },
          { key: 'dead', label: `死信 ${c?.dead ?? 0}` },
        ]}
      />
      {resend.error ? <Alert type="error" showIcon title={resend.error.message} /> : null}
      <Table
        size="small"
        rowKey="id"
        dataSource={q.data?.items ?? []}
        columns={[
          { title: '编号', dataIndex: 'id' },
          { title: '事件', dataIndex: 'incidentId', render: (v: number) => <a href={`/fire/incidents/${v}`}>#{v}</a> },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'delivered' ? 'green' : s === 'dead' ? 'red' : 'blue'}>
                {s === 'delivered' ? '已投递' : s === 'dead' ? '死信' : '待投递'}
              </Tag>
            ),
          },
          { title: '尝试', dataIndex: 'attempts' },
          { title: '下次尝试', dataIndex: 'nextAttemptAt', render: (v: string, r) => (r.status === 'pending' ? bjTime(v) : '—') },
          { title: '最近错误', dataIndex: 'lastError' },
          { title: '投递时间', dataIndex: 'deliveredAt', render: (v: string | null) => bjTime(v) },
          {
            title: '',
            render: (_, r) =>
              r.status === 'dead' && can('fire.handle') ? (
                <Button size="small" onClick={() => resend.mutate(r.id)}>
                  重发
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}

/** 森林防火统计: false alarms per channel and label, suppressed per zone, acknowledgement times, availability, forwarding. */
export function FireStatsPage() {
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          森林防火统计
        </Typography.Title>
      </div>
      <Card variant="borderless">
        <Tabs
          items={[
            { key: 'stats', label: '告警与误报', children: <Stats /> },
            { key: 'availability', label: '设备在线率', children: <Availability /> },
            { key: 'outbox', label: '上报省平台', children: <Outbox /> },
          ]}
        />
      </Card>
    </div>
  );
}
