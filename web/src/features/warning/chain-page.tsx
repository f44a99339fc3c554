import { PlusOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TPost } from '@yingji/domain/warning/chain.contract';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { WARNING_KEYS, warningApi } from '../../api/warning.api';
import { useCan } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { TownSelect } from '../../kit';

const LEVEL_TEXT = { city: '市', town: '镇街', village: '村居' } as const;

/** 叫应链条: posts from the city to towns to villages with who holds them; posts nobody holds are flagged. */
export function ChainPage() {
  const [params, setParams] = useSearchParams();
  const can = useCan();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const queryClient = useQueryClient();
  const town = params.get('town') ?? undefined;
  const unheld = params.get('unheld') === '1';
  const page = Number(params.get('page') ?? 1);
  const [postOpen, setPostOpen] = useState(false);
  const [holderFor, setHolderFor] = useState<TPost | null>(null);
  const [postForm] = Form.useForm();
  const [holderForm] = Form.useForm();
  const list = useQuery({
    queryKey: [...WARNING_KEYS.chain, town, unheld, page],
    queryFn: () => warningApi.posts({ ...(town ? { town } : {}), ...(unheld ? { unheld: '1' as const } : {}), page, pageSize: 50 }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: WARNING_KEYS.chain });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete('page');
    setParams(next);
  };
  const createPost = useMutation({
    mutationFn: warningApi.createPost,
    onSuccess: () => {
      setPostOpen(false);
      postForm.resetFields();
      void refresh();
    },
    onError: (e) => onError(e, postForm),
  });
  const addHolder = useMutation({
    mutationFn: (v: { name: string; phone: string }) => warningApi.addHolder(holderFor!.id, { ...v, userId: null }),
    onSuccess: () => {
      setHolderFor(null);
      holderForm.resetFields();
      void refresh();
    },
    onError: (e) => onError(e, holderForm),
  });
  const importSheet = useMutation({
    mutationFn: warningApi.importChain,
    onSuccess: (r) => {
      if (r.problems.length > 0)
        void message.error(
          `未导入：${r.problems
            .slice(0, 3)
            .map((p) => `第 ${p.row} 行 ${p.message}`)
            .join('；')}`,
        );
      else void message.success(`已导入：新村居 ${r.villages} 个，新岗位 ${r.posts} 个，人员 ${r.holders} 名`);
      void refresh();
    },
    onError: (e) => onError(e),
  });
  const edit = can('warning.chain');
  const columns: TableColumnsType<TPost> = [
    { title: '镇街', dataIndex: 'townName', width: 100 },
    { title: '村居', dataIndex: 'villageName', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '岗位',
      render: (_, p) => (
        <Space size={4} wrap>
          <Tag>{LEVEL_TEXT[p.level]}</Tag>
          {p.title}
          {p.townLeader ? <Tag color="purple">带班领导</Tag> : null}
        </Space>
      ),
    },
    { title: '上级岗位', dataIndex: 'superiorTitle', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: '在岗人员',
      render: (_, p) =>
        p.holders.length === 0 ? (
          <Tag color="red">无人在岗</Tag>
        ) : (
          <Space size={4} wrap>
            {p.holders.map((h) =>
              edit ? (
                <Popconfirm
                  key={h.id}
                  title={`撤下 ${h.name}？`}
                  onConfirm={() => void warningApi.removeHolder(h.id).then(refresh, onError)}
                >
                  <Tag style={{ cursor: 'pointer' }}>{`${h.name} ${h.phone}`}</Tag>
                </Popconfirm>
              ) : (
                <Tag key={h.id}>{`${h.name} ${h.phone}`}</Tag>
              ),
            )}
          </Space>
        ),
    },
    ...(edit
      ? [
          {
            title: '',
            width: 60,
            render: (_: unknown, p: TPost) => (
              <Button size="small" icon={<UserAddOutlined />} aria-label="增加人员" onClick={() => setHolderFor(p)} />
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      title="叫应链条（市—镇街—村居）"
      extra={
        edit ? (
          <Space wrap>
            <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(file) => (importSheet.mutate(file), false)}>
              <Button icon={<UploadOutlined />} loading={importSheet.isPending}>
                导入村居岗位（Excel）
              </Button>
            </Upload>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPostOpen(true)}>
              新增岗位
            </Button>
          </Space>
        ) : null
      }
    >
      {list.data && list.data.unheld > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={`${list.data.unheld} 个岗位无人在岗：预警发布前请补齐，否则无人接收叫应`}
          action={
            !unheld ? (
              <Button size="small" onClick={() => set({ unheld: '1' })}>
                只看无人在岗
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 180 }}>
          <TownSelect value={town} onChange={(v) => set({ town: v })} placeholder="全部镇街" />
        </div>
        {town ? <Button onClick={() => set({ town: undefined })}>全部镇街</Button> : null}
        <Checkbox checked={unheld} onChange={(e) => set({ unheld: e.target.checked ? '1' : undefined })}>
          只看无人在岗
        </Checkbox>
      </Space>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        scroll={{ x: 800 }}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => setParams({ ...Object.fromEntries(params), page: String(p) }),
        }}
      />
      <Modal
        title="新增岗位"
        open={postOpen}
        onCancel={() => setPostOpen(false)}
        onOk={() => postForm.submit()}
        confirmLoading={createPost.isPending}
        okText="保存"
      >
        <Form
          form={postForm}
          layout="vertical"
          initialValues={{ townLeader: false }}
          onFinish={(v: { divisionCode: string; villageName?: string; title: string; townLeader: boolean; superiorId?: number }) =>
            createPost.mutate({
              divisionCode: v.divisionCode,
              villageName: v.villageName || null,
              title: v.title,
              townLeader: v.townLeader,
              superiorId: v.superiorId ?? null,
            })
          }
        >
          <Form.Item name="divisionCode" label="镇街" rules={[{ required: true, message: '请选择镇街' }]}>
            <TownSelect />
          </Form.Item>
          <Form.Item name="villageName" label="村居（镇街岗位留空）">
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="title" label="岗位名称" rules={[{ required: true, message: '请填写岗位名称' }]}>
            <Input maxLength={40} placeholder="如：村三防责任人、网格员、镇三防值班员" />
          </Form.Item>
          <Form.Item name="superiorId" label="上级岗位">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(list.data?.items ?? [])
                .filter((p) => p.level !== 'village')
                .map((p) => ({ value: p.id, label: `${p.townName}${p.title}` }))}
            />
          </Form.Item>
          <Form.Item name="townLeader" label="镇街带班领导岗位" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={holderFor ? `为“${holderFor.townName}${holderFor.villageName ?? ''}${holderFor.title}”增加人员` : ''}
        open={holderFor !== null}
        onCancel={() => setHolderFor(null)}
        onOk={() => holderForm.submit()}
        confirmLoading={addHolder.isPending}
        okText="保存"
      >
        <Form form={holderForm} layout="vertical" onFinish={(v: { name: string; phone: string }) => addHolder.mutate(v)}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item
            name="phone"
            label="手机号"
            rules={[{ required: true, pattern: /^1\d{10}$/, message: '手机号应为 11 位数字，以 1 开头' }]}
          >
            <Input maxLength={11} inputMode="tel" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
