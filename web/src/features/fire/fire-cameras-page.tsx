import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { fireApi } from '../../api/fire.api';
import { useCan } from '../../app/auth';
import { bjTime, FIRE_KEYS } from './fire-data';
import { FireRegistry } from './fire-registry';
import { FireZones } from './fire-zones';
import './fire.css';

function Keys() {
  const qc = useQueryClient();
  const keys = useQuery({ queryKey: [...FIRE_KEYS.all, 'keys'], queryFn: () => fireApi.keys() });
  const sites = useQuery({ queryKey: [...FIRE_KEYS.all, 'sites'], queryFn: () => fireApi.sites() });
  const [shown, setShown] = useState<string | null>(null);
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: { platform: string; channelIds?: number[] }) =>
      fireApi.createKey({
        platform: v.platform,
        channelIds: v.channelIds?.length ? v.channelIds : (sites.data?.items ?? []).flatMap((s) => s.channels.map((c) => c.id)),
      }),
    onSuccess: async (k) => {
      setShown(k.key);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: FIRE_KEYS.all });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => fireApi.revokeKey(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: FIRE_KEYS.all }),
  });
  const options = (sites.data?.items ?? []).flatMap((s) => s.channels.map((c) => ({ value: c.id, label: `${c.code} ${s.name}` })));
  return (
    <>
      {shown ? (
        <Alert
          type="warning"
          showIcon
          title="新密钥只显示这一次，请立即交给监控平台配置"
          description={
            <Typography.Text copyable code>
              {shown}
            </Typography.Text>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {create.error ? <Alert type="error" showIcon title={create.error.message} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)} style={{ marginBottom: 12 }}>
        <Form.Item name="platform" rules={[{ required: true, min: 2, message: '平台名称至少 2 个字' }]}>
          <Input placeholder="监控平台名称" />
        </Form.Item>
        <Form.Item name="channelIds">
          <Select mode="multiple" options={options} placeholder="可推送的通道（不选为全部）" style={{ minWidth: 280 }} maxTagCount={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          创建密钥
        </Button>
      </Form>
      <Table
        size="small"
        rowKey="id"
        dataSource={keys.data?.items ?? []}
        columns={[
          { title: '平台', dataIndex: 'platform' },
          { title: '前缀', dataIndex: 'prefix' },
          { title: '通道数', dataIndex: 'channelCount' },
          { title: '创建', dataIndex: 'createdAt', render: (v: string) => bjTime(v) },
          { title: '最近使用', dataIndex: 'lastUsedAt', render: (v: string | null) => bjTime(v) },
          { title: '状态', dataIndex: 'revokedAt', render: (v: string | null) => (v ? <Tag>已吊销</Tag> : <Tag color="green">有效</Tag>) },
          {
            title: '',
            render: (_, r) =>
              r.revokedAt ? null : (
                <Button size="small" danger onClick={() => revoke.mutate(r.id)}>
                  吊销
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}

/** 监控设备: sites and channels with their health and forms, the Excel import, mask zones drawn or imported, and (for the admin) the camera platforms' API keys. */
export function FireCamerasPage() {
  const can = useCan();
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          森林防火监控设备
        </Typography.Title>
      </div>
      <Card variant="borderless">
        <Tabs
          items={[
            { key: 'channels', label: '监控点与通道', children: <FireRegistry /> },
            { key: 'zones', label: '屏蔽区', children: <FireZones /> },
            ...(can('fire.keys') ? [{ key: 'keys', label: '平台接入密钥', children: <Keys /> }] : []),
          ]}
        />
      </Card>
    </div>
  );
}
