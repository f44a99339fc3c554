import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CHANNEL_KINDS, MASK_ZONE_KINDS } from '@yingji/domain/fire/fire.schema';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { fireApi } from '../../api/fire.api';
import { useCan } from '../../app/auth';
import { bjTime, DeviceAlertTag, FIRE_KEYS } from './fire-data';
import './fire.css';

function Channels() {
  const sites = useQuery({ queryKey: [...FIRE_KEYS.all, 'sites'], queryFn: () => fireApi.sites() });
  const health = useQuery({ queryKey: [...FIRE_KEYS.all, 'health'], queryFn: () => fireApi.health(), refetchInterval: 10_000 });
  const byId = new Map((health.data?.channels ?? []).map((c) => [c.id, c]));
  const rows = (sites.data?.items ?? []).flatMap((s) => s.channels.map((c) => ({ ...c, site: s })));
  return (
    <>
      <div className="page-actions" style={{ marginBottom: 12 }}>
        <span className="cell-sub">
          {sites.data?.items.length ?? 0} 个监控点，{rows.length} 个通道
        </span>
        <a href={fireApi.registryExportUrl()} download>
          <Button icon={<DownloadOutlined />}>导出 Excel</Button>
        </a>
      </div>
      <Table
        size="small"
        rowKey="id"
        loading={sites.isLoading}
        dataSource={rows}
        data-testid="fire-channels"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '通道', dataIndex: 'code', render: (v: string, r) => `${v} ${r.name}` },
          { title: '监控点', render: (_, r) => `${r.site.name}（${r.site.townName}）` },
          { title: '类型', dataIndex: 'kind', render: (k: keyof typeof CHANNEL_KINDS) => CHANNEL_KINDS[k] },
          { title: '朝向/视场', render: (_, r) => `${r.headingDeg}° / ${r.fovDeg}°` },
          { title: '方位修正', dataIndex: 'bearingOffsetDeg', render: (v: number) => `${v > 0 ? '+' : ''}${v}°` },
          { title: '设备状态', render: (_, r) => <DeviceAlertTag kind={byId.get(r.id)?.alertKind ?? r.alertKind} /> },
          { title: '最近心跳', render: (_, r) => bjTime(byId.get(r.id)?.lastHeartbeatAt ?? r.lastHeartbeatAt) },
        ]}
      />
    </>
  );
}

function Zones() {
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const zones = useQuery({ queryKey: [...FIRE_KEYS.all, 'zones'], queryFn: () => fireApi.zones() });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: { name: string; kind: 'kiln'; geojson: string }) => {
      let geojson: unknown;
      try {
        geojson = JSON.parse(v.geojson);
      } catch {
        throw new Error('GeoJSON 不是有效的 JSON');
      }
      return fireApi.createZone({ name: v.name, kind: v.kind, geojson });
    },
    onSuccess: async () => {
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: FIRE_KEYS.all });
      message.success('已新增屏蔽区');
    },
  });
  const off = useMutation({
    mutationFn: (id: number) => fireApi.deactivateZone(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: FIRE_KEYS.all }),
  });
  return (
    <>
      {can('fire.manage') ? (
        <div className="page-actions" style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setOpen(true)}>
            导入 GeoJSON 屏蔽区
          </Button>
        </div>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        dataSource={zones.data?.items ?? []}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: keyof typeof MASK_ZONE_KINDS) => MASK_ZONE_KINDS[k] ?? k },
          { title: '来源', dataIndex: 'source', render: (s: string) => (s === 'geojson' ? 'GeoJSON 导入' : '地图绘制') },
          { title: '多边形', dataIndex: 'polygons', render: (p: unknown[]) => p.length },
          { title: '已屏蔽告警', dataIndex: 'suppressedCount' },
          { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          {
            title: '',
            render: (_, r) =>
              r.active && can('fire.manage') ? (
                <Button size="small" onClick={() => off.mutate(r.id)}>
                  停用
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={open}
        title="导入屏蔽区（GeoJSON）"
        okText="保存"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        confirmLoading={create.isPending}
        onOk={() => void form.validateFields().then((v) => create.mutate(v))}
      >
        {create.error ? <Alert type="error" showIcon title={create.error.message} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" initialValues={{ kind: 'kiln' }}>
          <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '名称至少 2 个字' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="kind" label="类型">
            <Select options={Object.entries(MASK_ZONE_KINDS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item
            name="geojson"
            label="GeoJSON（Polygon、MultiPolygon、Feature 或 FeatureCollection）"
            rules={[{ required: true, message: '请粘贴 GeoJSON' }]}
          >
            <Input.TextArea rows={8} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

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

/** 监控设备: channels with their health, mask zones, and (for the admin) the camera platforms' API keys. */
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
            { key: 'channels', label: '监控点与通道', children: <Channels /> },
            { key: 'zones', label: '屏蔽区', children: <Zones /> },
            ...(can('fire.keys') ? [{ key: 'keys', label: '平台接入密钥', children: <Keys /> }] : []),
          ]}
        />
      </Card>
    </div>
  );
}
