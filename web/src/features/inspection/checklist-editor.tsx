import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TInspectionItem } from '@yingji/domain/inspection/catalogue.schema';
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { catalogueApi } from '../../api/inspection.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { TAG_OPTIONS } from '../enterprise/enterprise-data';
import { INSPECTION_KEYS, useChecklists } from './inspection-data';

/** Picks a checklist and edits its items: add, remove, move up or down, then save in one step. */
export function ChecklistEditor({ allItems, canEdit }: { allItems: TInspectionItem[]; canEdit: boolean }) {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const queryClient = useQueryClient();
  const checklists = useChecklists();
  const [selected, setSelected] = useState<number | null>(null);
  const [items, setItems] = useState<TInspectionItem[] | null>(null);
  const [adding, setAdding] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ code: string; name: string; tag?: string }>();
  const current = selected ?? checklists.data?.[0]?.id ?? null;
  const detail = useQuery({
    queryKey: INSPECTION_KEYS.checklist(current ?? 0),
    queryFn: () => catalogueApi.checklist(current!),
    enabled: current !== null,
  });

  useEffect(() => setItems(detail.data?.items ?? null), [detail.data]);

  const save = useMutation({
    mutationFn: () =>
      catalogueApi.setItems(
        current!,
        items!.map((i) => i.id),
      ),
    onSuccess: (d) => {
      queryClient.setQueryData(INSPECTION_KEYS.checklist(d.id), d);
      void queryClient.invalidateQueries({ queryKey: INSPECTION_KEYS.checklists });
      void message.success('检查表已保存');
    },
    onError: (e) => onError(e),
  });
  const create = useMutation({
    mutationFn: (v: { code: string; name: string; tag?: string }) =>
      catalogueApi.createChecklist({ code: v.code, name: v.name, tag: (v.tag as never) ?? null }),
    onSuccess: (d) => {
      void queryClient.invalidateQueries({ queryKey: INSPECTION_KEYS.checklists });
      setSelected(d.id);
      setCreating(false);
      form.resetFields();
    },
    onError: (e) => onError(e, form),
  });

  const move = (index: number, by: number) => {
    if (!items) return;
    const next = [...items];
    const [it] = next.splice(index, 1);
    next.splice(index + by, 0, it!);
    setItems(next);
  };
  const changed = JSON.stringify(items?.map((i) => i.id)) !== JSON.stringify(detail.data?.items.map((i) => i.id));
  const onList = new Set(items?.map((i) => i.id));

  return (
    <Card
      variant="borderless"
      title="检查表"
      extra={
        canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建检查表
          </Button>
        )
      }
    >
      <Select
        style={{ width: '100%', marginBottom: 12 }}
        value={current}
        loading={checklists.isFetching}
        options={(checklists.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.itemCount} 项）` }))}
        onChange={(v: number) => setSelected(v)}
        aria-label="选择检查表"
      />
      {items && items.length === 0 && <Empty description="检查表还没有事项" />}
      {items?.map((item, i) => (
        <div className="checklist-row" key={item.id}>
          <div className="checklist-row-body">
            <div>
              {i + 1}. {item.title} {item.majorHazard && <Tag color="red">重大</Tag>}
            </div>
            <div className="cell-sub">
              {item.code} · {item.legalBasis}
            </div>
          </div>
          {canEdit && (
            <Space size={4}>
              <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label="上移" />
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={i === items.length - 1}
                onClick={() => move(i, 1)}
                aria-label="下移"
              />
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={() => setItems(items.filter((x) => x.id !== item.id))}
                aria-label="移除"
              />
            </Space>
          )}
        </div>
      ))}
      {canEdit && items && (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="添加检查事项"
            value={adding}
            onChange={(v: number) => setAdding(v)}
            options={allItems.filter((i) => !onList.has(i.id)).map((i) => ({ value: i.id, label: `${i.code} ${i.title}` }))}
            style={{ flex: 1 }}
          />
          <Button
            disabled={adding === null}
            onClick={() => {
              const it = allItems.find((i) => i.id === adding);
              if (it) setItems([...items, it]);
              setAdding(null);
            }}
          >
            添加
          </Button>
        </Space.Compact>
      )}
      {canEdit && (
        <Button
          type="primary"
          block
          style={{ marginTop: 12 }}
          disabled={!changed || !items?.length}
          loading={save.isPending}
          onClick={() => save.mutate()}
        >
          保存检查表
        </Button>
      )}
      <Modal
        open={creating}
        title="新建检查表"
        okText="创建"
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        confirmLoading={create.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" name="checklist-create" onFinish={(v) => create.mutate(v)}>
          <Form.Item
            name="code"
            label="编码"
            rules={[{ required: true, pattern: /^[A-Z0-9][A-Z0-9-]{1,29}$/, message: '大写字母、数字和连字符，2–30 位' }]}
          >
            <Input placeholder="如 CL-ZS-SMALL" />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写检查表名称' }]}>
            <Input placeholder="如 小微企业检查表" />
          </Form.Item>
          <Form.Item name="tag" label="适用特殊标签">
            <Select allowClear options={TAG_OPTIONS} placeholder="不限" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
