import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CERTIFICATE_STATE_LABELS, type TInspector } from '@yingji/domain/inspection/inspector.schema';
import { App, Button, Card, DatePicker, Form, Grid, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { inspectorApi, PLAN_KEYS, type TInspectorFilter } from '../../api/inspection-plan.api';
import { dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { CERTIFICATE_COLORS } from './draw-data';
import { InspectorConflictsDrawer } from './inspector-conflicts-drawer';
import './plan-draw.css';
import { townName, useTowns } from '../../kit';

interface TFormValues {
  userId?: number;
  certificateNo: string;
  certificateExpiresOn: dayjs.Dayjs;
  active: boolean;
}

/** 执法人员名录: officers with their enforcement certificates; the ones expiring within 30 days are flagged. */
export function InspectorsPage() {
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const isPhone = Grid.useBreakpoint().md === false;
  const { names } = useTowns();
  const [filter, setFilter] = useState<TInspectorFilter>({});
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<TInspector | 'new' | null>(null);
  const [conflictsOf, setConflictsOf] = useState<TInspector | null>(null);
  const [form] = Form.useForm<TFormValues>();

  const list = useQuery({
    queryKey: [...PLAN_KEYS.inspectors, filter, page],
    queryFn: () => inspectorApi.list({ ...filter, page, pageSize: 50 }),
  });
  const candidates = useQuery({
    queryKey: [...PLAN_KEYS.inspectors, 'candidates'],
    queryFn: inspectorApi.candidates,
    enabled: editing === 'new',
  });
  const save = useMutation({
    mutationFn: (v: TFormValues) => {
      const body = { certificateNo: v.certificateNo, certificateExpiresOn: v.certificateExpiresOn.format('YYYY-MM-DD'), active: v.active };
      return editing === 'new'
        ? inspectorApi.create({ ...body, userId: v.userId! })
        : inspectorApi.update((editing as TInspector).userId, body);
    },
    onSuccess: (i) => {
      void message.success(`已保存 ${i.displayName} 的执法证信息`);
      void queryClient.invalidateQueries({ queryKey: PLAN_KEYS.inspectors });
      setEditing(null);
    },
    onError: (e) => showError(e, form),
  });

  const open = (target: TInspector | 'new') => {
    form.resetFields();
    if (target !== 'new')
      form.setFieldsValue({
        certificateNo: target.certificateNo,
        certificateExpiresOn: dayjs(target.certificateExpiresOn),
        active: target.active,
      });
    else form.setFieldsValue({ active: true });
    setEditing(target);
  };

  const unit = (i: TInspector) => (i.divisionCode.length === 9 ? townName(names, i.divisionCode) : '市应急管理局');
  const certificate = (i: TInspector) => (
    <Space size={4} wrap>
      <span className="mono">{i.certificateNo}</span>
      <Tag color={CERTIFICATE_COLORS[i.certificateState]}>
        {CERTIFICATE_STATE_LABELS[i.certificateState]} {i.certificateExpiresOn}
      </Tag>
    </Space>
  );
  const actions = (i: TInspector) => (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => open(i)}>
        修改
      </Button>
      <Button type="link" size="small" onClick={() => setConflictsOf(i)}>
        回避{i.conflicts > 0 ? `（${i.conflicts}）` : ''}
      </Button>
    </Space>
  );

  const columns: TableColumnsType<TInspector> = [
    {
      title: '姓名',
      key: 'name',
      width: 160,
      render: (_, i) => (
        <div className="cell-stack">
          {i.displayName}
          <span className="cell-sub">{i.username}</span>
        </div>
      ),
    },
    { title: '所属单位', key: 'unit', width: 140, render: (_, i) => unit(i) },
    { title: '执法证', key: 'certificate', render: (_, i) => certificate(i) },
    { title: '在岗', dataIndex: 'active', width: 80, render: (v: boolean) => (v ? <Tag color="green">在岗</Tag> : <Tag>不在岗</Tag>) },
    { title: '操作', key: 'actions', width: 160, render: (_, i) => actions(i) },
  ];
  const phoneColumns: TableColumnsType<TInspector> = [
    {
      title: '执法人员',
      key: 'all',
      render: (_, i) => (
        <div className="cell-stack">
          <div className="cell-head">
            <span>{i.displayName}</span>
            <span className="cell-sub">{unit(i)}</span>
          </div>
          {certificate(i)}
          <div className="cell-actions">{actions(i)}</div>
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          执法人员名录
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<DownloadOutlined />} href={inspectorApi.exportUrl(filter)} download>
            导出 Excel
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="inspector-add">
            列入名录
          </Button>
        </div>
      </div>
      <Card>
        <Space wrap className="filter-bar">
          <Input.Search
            allowClear
            placeholder="姓名、用户名或执法证号"
            style={{ width: 240 }}
            onSearch={(q) => (setPage(1), setFilter((f) => ({ ...f, q: q || undefined })))}
          />
          <Select
            allowClear
            placeholder="证件状态"
            style={{ width: 140 }}
            options={(['valid', 'expiring', 'expired'] as const).map((s) => ({ value: s, label: CERTIFICATE_STATE_LABELS[s] }))}
            onChange={(state?: TInspectorFilter['state']) => (setPage(1), setFilter((f) => ({ ...f, state })))}
          />
        </Space>
        <Table
          rowKey="userId"
          size={isPhone ? 'small' : 'middle'}
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          columns={isPhone ? phoneColumns : columns}
          pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 人` }}
          rowClassName={(i) => (i.certificateState === 'expired' ? 'row-muted' : '')}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          执法证有效期在 30 天内到期的标为“即将到期”；抽取当日已过期的人员不会被抽中。每次检查至少 2
          名执法人员（《行政处罚法》第四十二条），与企业有利害关系的人员须登记回避（第四十三条）。
        </Typography.Paragraph>
      </Card>

      <Modal
        title={editing === 'new' ? '列入执法人员名录' : `修改执法证：${(editing as TInspector | null)?.displayName ?? ''}`}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          {editing === 'new' && (
            <Form.Item name="userId" label="执法人员账号" rules={[{ required: true, message: '请选择执法人员' }]}>
              <Select
                showSearch
                loading={candidates.isPending}
                optionFilterProp="label"
                placeholder="选择本单位的执法人员账号"
                options={(candidates.data ?? []).map((c) => ({
                  value: c.id,
                  label: `${c.displayName}（${c.username}）· ${c.divisionCode.length === 9 ? townName(names, c.divisionCode) : '市局'}`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item name="certificateNo" label="执法证号" rules={[{ required: true, message: '请填写执法证号' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="certificateExpiresOn" label="执法证有效期至" rules={[{ required: true, message: '请选择有效期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="active" label="在岗" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
      <InspectorConflictsDrawer inspector={conflictsOf} onClose={() => setConflictsOf(null)} />
    </div>
  );
}
