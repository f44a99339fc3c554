import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CHANNEL_KINDS, type TFireChannel, type TFireSite } from '@yingji/domain/fire/fire.schema';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { fireApi } from '../../api/fire.api';
import { useCan } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { required, requiredPick, useTowns } from '../../kit';
import { CHANNEL_STATUS, ChannelDrawer, ChannelFields } from './fire-channel-drawer';
import { bjTime, DeviceAlertTag, FIRE_KEYS } from './fire-data';
import { RegistryImport } from './fire-registry-import';

const SITE_STATUS = { active: '启用', inactive: '停用' } as const;

type TSiteForm = {
  code: string;
  name: string;
  divisionCode: string;
  longitude: number;
  latitude: number;
  heightM: number;
  status: 'active';
};

/** A new site, or an edit of one (its code stays: it is the key of the Excel round trip). */
function SiteModal({ site, onClose }: { site: TFireSite | 'new'; onClose: () => void }) {
  const qc = useQueryClient();
  const towns = useTowns();
  const onError = useErrorHandler();
  const [form] = Form.useForm<TSiteForm>();
  const save = useMutation({
    mutationFn: ({ code, ...v }: TSiteForm) => (site === 'new' ? fireApi.createSite({ code, ...v }) : fireApi.updateSite(site.id, v)),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: FIRE_KEYS.all });
      onClose();
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Modal
      open
      title={site === 'new' ? '新增监控点' : `修改监控点 ${site.code}`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={site === 'new' ? { heightM: 0, status: 'active' } : site}
        data-testid="fire-site-form"
      >
        <Form.Item
          name="code"
          label="监控点编号"
          rules={[required('监控点编号')]}
          extra={site === 'new' ? 'Excel 导入按编号更新，创建后不可修改' : null}
        >
          <Input maxLength={40} disabled={site !== 'new'} />
        </Form.Item>
        <Form.Item name="name" label="监控点名称" rules={[required('监控点名称'), { min: 2, message: '监控点名称至少 2 个字' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="divisionCode" label="镇街" rules={[requiredPick('镇街')]}>
          <Select options={towns.options} loading={towns.isPending} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="longitude" label="经度" rules={[requiredPick('经度')]}>
            <InputNumber min={113.1} max={113.7} step={0.0001} precision={6} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="latitude" label="纬度" rules={[requiredPick('纬度')]}>
            <InputNumber min={22.1} max={22.8} step={0.0001} precision={6} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="heightM" label="架设高度（米）">
            <InputNumber min={0} max={2000} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        {site !== 'new' ? (
          <Form.Item name="status" label="状态">
            <Select options={Object.entries(SITE_STATUS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

type TChannelForm = Pick<TFireChannel, 'code' | 'name' | 'kind' | 'headingDeg' | 'fovDeg' | 'rangeM' | 'status'>;

function NewChannelModal({ site, onClose }: { site: TFireSite; onClose: () => void }) {
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const [form] = Form.useForm<TChannelForm>();
  const save = useMutation({
    mutationFn: ({ status: _s, ...v }: TChannelForm) => fireApi.addChannel(site.id, v),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: FIRE_KEYS.all });
      onClose();
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Modal
      open
      title={`为 ${site.name} 新增通道`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'optical', fovDeg: 60, rangeM: 8000 }}>
        <ChannelFields isNew />
      </Form>
    </Modal>
  );
}

/** 监控点与通道: the sites, each with its channels (expanded), their health, and the forms that change them. */
export function FireRegistry() {
  const can = useCan();
  const manage = can('fire.manage');
  const sites = useQuery({ queryKey: [...FIRE_KEYS.all, 'sites'], queryFn: () => fireApi.sites() });
  const health = useQuery({ queryKey: [...FIRE_KEYS.all, 'health'], queryFn: () => fireApi.health(), refetchInterval: 10_000 });
  const byId = new Map((health.data?.channels ?? []).map((c) => [c.id, c]));
  const items = sites.data?.items ?? [];
  const [siteModal, setSiteModal] = useState<TFireSite | 'new' | null>(null);
  const [channelFor, setChannelFor] = useState<TFireSite | null>(null);
  const [drawer, setDrawer] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const [expanded, setExpanded] = useState<readonly React.Key[]>([]);
  return (
    <>
      <div className="page-actions fire-actions">
        <span className="cell-sub">
          {items.length} 个监控点，{items.reduce((n, s) => n + s.channels.length, 0)} 个通道
        </span>
        <Space wrap>
          {manage ? (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setSiteModal('new')}>
                新增监控点
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入 Excel
              </Button>
            </>
          ) : null}
          <a href={fireApi.registryExportUrl()} download>
            <Button icon={<DownloadOutlined />}>导出 Excel</Button>
          </a>
        </Space>
      </div>
      <Table
        size="small"
        rowKey="id"
        loading={sites.isLoading}
        dataSource={items}
        data-testid="fire-sites"
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: setExpanded,
          expandedRowRender: (s) => (
            <Table
              size="small"
              rowKey="id"
              dataSource={s.channels}
              pagination={false}
              data-testid="fire-channels"
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: '通道',
                  dataIndex: 'code',
                  render: (v: string, r) => (
                    <Button type="link" size="small" onClick={() => setDrawer(r.id)}>
                      {v} {r.name}
                    </Button>
                  ),
                },
                { title: '类型', dataIndex: 'kind', render: (k: keyof typeof CHANNEL_KINDS) => CHANNEL_KINDS[k] },
                { title: '朝向/视场/距离', render: (_, r) => `${r.headingDeg}° / ${r.fovDeg}° / ${r.rangeM / 1000} 千米` },
                { title: '方位修正', dataIndex: 'bearingOffsetDeg', render: (v: number) => `${v > 0 ? '+' : ''}${v}°` },
                {
                  title: '状态',
                  render: (_, r) =>
                    r.status !== 'active' ? (
                      <Tag>{CHANNEL_STATUS[r.status]}</Tag>
                    ) : (
                      <DeviceAlertTag kind={byId.get(r.id)?.alertKind ?? r.alertKind} />
                    ),
                },
                { title: '最近心跳', render: (_, r) => bjTime(byId.get(r.id)?.lastHeartbeatAt ?? r.lastHeartbeatAt) },
              ]}
              footer={
                manage
                  ? () => (
                      <Button size="small" icon={<PlusOutlined />} onClick={() => setChannelFor(s)}>
                        新增通道
                      </Button>
                    )
                  : undefined
              }
            />
          ),
        }}
        columns={[
          { title: '编号', dataIndex: 'code' },
          { title: '监控点', dataIndex: 'name' },
          { title: '镇街', dataIndex: 'townName' },
          { title: '位置', render: (_, s) => `${s.longitude.toFixed(4)}, ${s.latitude.toFixed(4)}` },
          { title: '高度', dataIndex: 'heightM', render: (v: number) => `${v} 米` },
          { title: '通道', render: (_, s) => s.channels.length },
          {
            title: '设备',
            render: (_, s) => {
              const bad = s.channels.filter((c) => (byId.get(c.id)?.alertKind ?? c.alertKind) !== null).length;
              return s.status === 'inactive' ? (
                <Tag>停用</Tag>
              ) : bad ? (
                <Tag color="orange">{bad} 个通道告警</Tag>
              ) : (
                <Tag color="green">正常</Tag>
              );
            },
          },
          ...(manage
            ? [
                {
                  title: '',
                  render: (_: unknown, s: TFireSite) => (
                    <Button size="small" onClick={() => setSiteModal(s)}>
                      修改
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {siteModal ? <SiteModal site={siteModal} onClose={() => setSiteModal(null)} /> : null}
      {channelFor ? <NewChannelModal site={channelFor} onClose={() => setChannelFor(null)} /> : null}
      {drawer !== null ? (
        <ChannelDrawer id={drawer} site={items.find((s) => s.channels.some((c) => c.id === drawer))} onClose={() => setDrawer(null)} />
      ) : null}
      {importing ? <RegistryImport onClose={() => setImporting(false)} /> : null}
    </>
  );
}
