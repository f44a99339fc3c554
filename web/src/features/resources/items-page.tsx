import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS, type TItemCategory } from '@yingji/domain/resources/resources.data';
import type { TItem } from '@yingji/domain/resources/resources.schema';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { suppliesApi, type TItemBody } from '../../api/supplies.api';
import { useCan } from '../../app/auth';
import { EnumTag, FlagTag, ListPage, SelectFilter, enumOptions, param, required, requiredPick, useListParams } from '../../kit';
import { SUPPLY_KEYS, formatYuan, toFen, toYuan, useFieldErrors, useItems } from './supplies-kit';

const FILTERS = { category: param.oneOf(ITEM_CATEGORIES), requires3c: param.flag(), q: param.text() };
const CATEGORY_COLORS: Record<TItemCategory, string> = {
  flood: 'blue',
  relief: 'orange',
  living: 'gold',
  fire: 'red',
  communication: 'cyan',
  rescue: 'purple',
  other: 'default',
};

/** 物资目录: the catalogue with category, unit, spec, whether 3C applies and the maintenance interval. */
export function ItemsPage() {
  const can = useCan();
  const list = useListParams(FILTERS);
  const [editing, setEditing] = useState<TItem | 'new' | null>(null);
  const items = useItems();
  const { category, requires3c, q } = list.filter;
  const query = useQuery({
    queryKey: [...SUPPLY_KEYS.items, 'page', list.filter, list.page, list.pageSize, items.dataUpdatedAt],
    enabled: items.isSuccess,
    queryFn: () => {
      const rows = (items.data?.items ?? []).filter(
        (i) =>
          (!category || i.category === category) &&
          (!requires3c || i.requires3c === (requires3c === 'true')) &&
          (!q || [i.code, i.name, i.spec].some((t) => t.toUpperCase().includes(q.toUpperCase()))),
      );
      return { items: rows.slice((list.page - 1) * list.pageSize, list.page * list.pageSize), total: rows.length };
    },
  });
  const edit = can('resources.catalogue');
  const maintenance = (i: TItem) => (i.maintenanceDays ? `每 ${i.maintenanceDays} 天` : '—');
  const columns: TableColumnsType<TItem> = [
    { title: '编码', dataIndex: 'code', width: 120 },
    { title: '名称', dataIndex: 'name' },
    {
      title: '类别',
      dataIndex: 'category',
      width: 120,
      render: (v: TItemCategory) => <EnumTag value={v} labels={ITEM_CATEGORY_LABELS} colors={CATEGORY_COLORS} />,
    },
    { title: '规格型号', dataIndex: 'spec', render: (v: string) => v || '—' },
    { title: '单位', dataIndex: 'unit', width: 60 },
    {
      title: '3C 认证',
      dataIndex: 'requires3c',
      width: 90,
      render: (v: boolean) => <FlagTag value={v} yes="须 3C" no="不适用" yesColor="red" />,
    },
    { title: '保养周期', width: 100, render: (_, i) => maintenance(i) },
    { title: '参考单价', dataIndex: 'unitPriceFen', width: 110, render: (v: number) => formatYuan(v) },
    ...(edit
      ? [
          {
            title: '操作',
            width: 80,
            render: (_: unknown, i: TItem) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(i)}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];
  const card = (i: TItem) => (
    <div className="cell-stack">
      <Space wrap size={4}>
        <strong>{i.name}</strong>
        <EnumTag value={i.category} labels={ITEM_CATEGORY_LABELS} colors={CATEGORY_COLORS} />
        {i.requires3c && <Tag color="red">须 3C</Tag>}
      </Space>
      <span className="cell-sub">
        {i.code} · {i.spec || '无规格'} · 单位 {i.unit} · 保养 {maintenance(i)} · {formatYuan(i.unitPriceFen)}
      </span>
      {edit && (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(i)} style={{ alignSelf: 'flex-start' }}>
          编辑
        </Button>
      )}
    </div>
  );
  return (
    <ListPage
      title="应急物资目录"
      refresh
      actions={
        edit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增物资
          </Button>
        )
      }
      list={list}
      query={query}
      search={{ placeholder: '编码、名称、规格' }}
      filters={
        <>
          <SelectFilter
            list={list}
            name="category"
            placeholder="全部类别"
            label="类别"
            options={enumOptions(ITEM_CATEGORIES, ITEM_CATEGORY_LABELS)}
          />
          <SelectFilter
            list={list}
            name="requires3c"
            placeholder="3C 认证"
            options={[
              { value: 'true', label: '须 3C 认证' },
              { value: 'false', label: '不适用 3C' },
            ]}
          />
        </>
      }
      columns={columns}
      card={card}
      emptyText="目录中没有物资"
      unit="项"
    >
      {editing && <ItemModal item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </ListPage>
  );
}

type TItemForm = Omit<TItemBody, 'unitPriceFen'> & { priceYuan?: number };

/** 新增 / 编辑物资: the server refuses a taken code, and a new unit for an item that already has stock. */
function ItemModal({ item, onClose }: { item: TItem | null; onClose: () => void }) {
  const [form] = Form.useForm<TItemForm>();
  const queryClient = useQueryClient();
  const showError = useFieldErrors();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: ({ priceYuan, ...v }: TItemForm) => {
      const body: TItemBody = {
        ...v,
        code: v.code.trim().toUpperCase(),
        spec: v.spec ?? '',
        maintenanceDays: v.maintenanceDays ?? null,
        unitPriceFen: toFen(priceYuan),
      };
      return item ? suppliesApi.updateItem(item.id, body) : suppliesApi.createItem(body);
    },
    onSuccess: (i) => {
      void message.success(item ? `已保存 ${i.name}` : `已加入目录：${i.name}`);
      void queryClient.invalidateQueries({ queryKey: SUPPLY_KEYS.all });
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  const initial: Partial<TItemForm> = item
    ? { ...item, priceYuan: toYuan(item.unitPriceFen) }
    : { requires3c: false, maintenanceDays: null, spec: '' };
  return (
    <Modal
      open
      title={item ? `编辑 ${item.name}` : '新增物资目录条目'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<TItemForm> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Space.Compact block>
          <Form.Item
            name="code"
            label="物资编码"
            rules={[required('物资编码'), { pattern: /^[A-Za-z0-9-]{2,40}$/, message: '物资编码应为 2–40 位字母、数字或连字符' }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={40} placeholder="如 FL-PUMP" />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[requiredPick('类别')]} style={{ flex: 1 }}>
            <Select options={enumOptions(ITEM_CATEGORIES, ITEM_CATEGORY_LABELS)} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="name" label="物资名称" rules={[required('物资名称')]}>
          <Input maxLength={60} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="spec" label="规格型号" style={{ flex: 2 }}>
            <Input maxLength={100} placeholder="如 MFZ/ABC4、6 寸" />
          </Form.Item>
          <Form.Item name="unit" label="计量单位" rules={[required('计量单位')]} style={{ flex: 1 }}>
            <Input maxLength={10} placeholder="台、具、件" />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="requires3c"
          label="属于强制性产品认证（3C）目录"
          valuePropName="checked"
          extra="适用的物资入库时必须填写 3C 证书编号（如灭火器、应急照明灯）。"
        >
          <Switch checkedChildren="须 3C" unCheckedChildren="不适用" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="maintenanceDays" label="保养周期（天）" style={{ flex: 1 }} extra="留空：不需定期保养">
            <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="priceYuan"
            label="参考单价（元）"
            rules={[requiredPick('参考单价')]}
            style={{ flex: 1 }}
            extra="用于出借价值与二级审批"
          >
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
      </Form>
    </Modal>
  );
}
