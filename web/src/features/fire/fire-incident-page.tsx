import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FALSE_ALARM_LABELS } from '@yingji/domain/fire/fire.rules';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { fireApi } from '../../api/fire.api';
import { useCan } from '../../app/auth';
import { bjTime, FIRE_KEYS, IncidentStatusTag, LABEL_OPTIONS } from './fire-data';
import './fire.css';

type TDialog = null | 'false' | 'dispatch' | 'close';

/** One incident: where and when, its alarms, and the duty officer's steps (verify, dispatch, close, report). */
export function FireIncidentPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const can = useCan();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<TDialog>(null);
  const [form] = Form.useForm();
  const query = useQuery({ queryKey: [...FIRE_KEYS.all, 'incident', id], queryFn: () => fireApi.get(id), refetchInterval: 5000 });
  const inc = query.data;
  const run = useMutation({
    mutationFn: (step: () => Promise<unknown>) => step(),
    onSuccess: async () => {
      setDialog(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: FIRE_KEYS.all });
      message.success('已保存');
    },
  });
  if (query.error) return <Alert type="error" showIcon title={query.error.message} />;
  if (!inc) return null;
  const handle = can('fire.handle');

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          火情事件 #{inc.id} <IncidentStatusTag status={inc.status} />
        </Typography.Title>
        <div className="page-actions">
          <Link to="/fire">
            <Button>返回看板</Button>
          </Link>
        </div>
      </div>
      {run.error ? <Alert type="error" showIcon title={run.error.message} style={{ marginBottom: 12 }} /> : null}
      {handle ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="fire-actions">
          {!inc.acknowledgedAt && inc.status === 'new' ? (
            <Button onClick={() => run.mutate(() => fireApi.acknowledge(id))}>签收</Button>
          ) : null}
          {inc.status === 'new' ? (
            <>
              <Button
                type="primary"
                danger
                onClick={() => run.mutate(() => fireApi.verify(id, { real: true, note: '', version: inc.version }))}
              >
                确认火情
              </Button>
              <Button onClick={() => setDialog('false')}>误报</Button>
            </>
          ) : null}
          {inc.status === 'verified' ? (
            <Button
              type="primary"
              onClick={() => {
                form.setFieldsValue({ recipients: [inc.townName, '中山市森林消防大队'] });
                setDialog('dispatch');
              }}
            >
              派警
            </Button>
          ) : null}
          {(inc.status === 'verified' || inc.status === 'dispatched') && !inc.accidentId ? (
            <Button onClick={() => run.mutate(() => fireApi.report(id))}>转为突发事件信息</Button>
          ) : null}
          {inc.status !== 'new' && inc.status !== 'closed' ? <Button onClick={() => setDialog('close')}>结案</Button> : null}
        </Space>
      ) : null}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="镇街">{inc.townName}</Descriptions.Item>
          <Descriptions.Item label="位置">
            {inc.longitude.toFixed(5)}, {inc.latitude.toFixed(5)}（{inc.method === 'triangulated' ? '双目交会' : '单点估算'}，误差约{' '}
            {inc.uncertaintyM} 米）
          </Descriptions.Item>
          <Descriptions.Item label="通道">{inc.channels.map((c) => `${c.siteName} ${c.code}`).join('、')}</Descriptions.Item>
          <Descriptions.Item label="告警次数">
            <span data-testid="fire-alarm-count">{inc.alarmCount}</span>
          </Descriptions.Item>
          <Descriptions.Item label="首次告警">{bjTime(inc.firstSeenAt)}</Descriptions.Item>
          <Descriptions.Item label="最近告警">{bjTime(inc.lastSeenAt)}</Descriptions.Item>
          <Descriptions.Item label="签收时限">{bjTime(inc.ackDeadline)}</Descriptions.Item>
          <Descriptions.Item label="签收">{inc.acknowledgedAt ? bjTime(inc.acknowledgedAt) : '未签收'}</Descriptions.Item>
          {inc.escalatedTo ? (
            <Descriptions.Item label="超时提醒">{`${bjTime(inc.escalatedAt)} 已提醒${inc.escalatedTo}`}</Descriptions.Item>
          ) : null}
          {inc.verifiedAt ? (
            <Descriptions.Item label="核实">
              {bjTime(inc.verifiedAt)} {inc.falseLabel ? `误报：${FALSE_ALARM_LABELS[inc.falseLabel]}` : '确认火情'} {inc.verifyNote}
            </Descriptions.Item>
          ) : null}
          {inc.dispatchedAt ? <Descriptions.Item label="派警">{bjTime(inc.dispatchedAt)}</Descriptions.Item> : null}
          {inc.closedAt ? <Descriptions.Item label="结案">{`${bjTime(inc.closedAt)} ${inc.outcome ?? ''}`}</Descriptions.Item> : null}
          {inc.accidentId ? (
            <Descriptions.Item label="突发事件信息">
              <Link to={`/accidents/${inc.accidentId}`}>#{inc.accidentId}</Link>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card size="small" title="通知记录" style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey={(r) => `${r.kind}-${r.recipient}-${r.at}`}
          pagination={false}
          dataSource={inc.notifications}
          locale={{ emptyText: '尚未通知' }}
          columns={[
            { title: '类型', dataIndex: 'kind', render: (k: string) => (k === 'dispatch' ? '派警' : '超时提醒') },
            { title: '通知对象', dataIndex: 'recipient' },
            { title: '电话', dataIndex: 'phone' },
            { title: '时间', dataIndex: 'at', render: (v: string) => bjTime(v) },
          ]}
        />
      </Card>
      <Card size="small" title="上报省平台" style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={inc.forwarding}
          data-testid="fire-forwarding"
          locale={{ emptyText: '派警后自动上报' }}
          columns={[
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: string) => (
                <Tag color={s === 'delivered' ? 'green' : s === 'dead' ? 'red' : 'blue'}>
                  {s === 'delivered' ? '已投递' : s === 'dead' ? '投递失败' : '待投递'}
                </Tag>
              ),
            },
            { title: '尝试次数', dataIndex: 'attempts' },
            { title: '投递时间', dataIndex: 'deliveredAt', render: (v: string | null) => bjTime(v) },
          ]}
        />
      </Card>
      <Card size="small" title={`告警（${inc.alarms.length}）`} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="id"
          dataSource={inc.alarms}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '时间', dataIndex: 'at', render: (v: string) => bjTime(v) },
            { title: '通道', dataIndex: 'channelCode' },
            { title: '方位', dataIndex: 'bearingDeg', render: (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}°`) },
            { title: '置信度', dataIndex: 'confidence', render: (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`) },
            { title: '平台编号', dataIndex: 'externalId' },
            {
              title: '图像',
              dataIndex: 'imageRef',
              render: (v: string | null) =>
                v ? (
                  <a href={v} target="_blank" rel="noreferrer">
                    查看
                  </a>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={dialog !== null}
        title={dialog === 'false' ? '标记为误报' : dialog === 'dispatch' ? '派警：通知镇街与森林消防队伍' : '结案'}
        okText="确定"
        cancelText="取消"
        confirmLoading={run.isPending}
        onCancel={() => setDialog(null)}
        onOk={() =>
          void form.validateFields().then((v: { label?: string; note?: string; recipients?: string[]; outcome?: string }) => {
            if (dialog === 'false')
              run.mutate(() => fireApi.verify(id, { real: false, label: v.label as 'cloud', note: v.note ?? '', version: inc.version }));
            if (dialog === 'dispatch')
              run.mutate(() =>
                fireApi.dispatch(id, { recipients: (v.recipients ?? []).map((name) => ({ name, phone: '' })), version: inc.version }),
              );
            if (dialog === 'close') run.mutate(() => fireApi.close(id, { outcome: v.outcome ?? '', version: inc.version }));
          })
        }
      >
        <Form form={form} layout="vertical">
          {dialog === 'false' ? (
            <>
              <Form.Item name="label" label="误报原因" rules={[{ required: true, message: '请选择误报原因' }]}>
                <Select options={LABEL_OPTIONS} placeholder="选择原因" />
              </Form.Item>
              <Form.Item name="note" label="说明">
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          ) : null}
          {dialog === 'dispatch' ? (
            <Form.Item name="recipients" label="通知对象" rules={[{ required: true, message: '至少通知一个单位' }]}>
              <Select mode="tags" placeholder="输入单位名称后回车" />
            </Form.Item>
          ) : null}
          {dialog === 'close' ? (
            <Form.Item name="outcome" label="处置结果" rules={[{ required: true, min: 2, message: '处置结果至少 2 个字' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
