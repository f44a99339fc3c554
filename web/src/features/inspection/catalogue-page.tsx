import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TInspectionItem, TInspectionItemCreate } from '@yingji/domain/inspection/catalogue.schema';
import { Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { catalogueApi, type TItemFilter } from '../../api/inspection.api';
import { useCan } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { CATEGORY_OPTIONS, TAG_OPTIONS } from '../enterprise/enterprise-data';
import { ChecklistEditor } from './checklist-editor';
import { INSPECTION_KEYS } from './inspection-data';
import './inspection-styles.css';

/** 检查事项清单: every item with its legal basis, searchable; the checklists built from them. */
export function CataloguePage() {
  const can = useCan();
  const canEdit = can('inspection.catalogue');
  const onError = useErrorHandler();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<TItemFilter>({});
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<TInspectionItemCreate>();
  const items = useQuery({ queryKey: INSPECTION_KEYS.items(filter), queryFn: () => catalogueApi.items(filter) });
  const all = useQuery({ queryKey: INSPECTION_KEYS.items({}), queryFn: () => catalogueApi.items() });
  const create = useMutation({
    mutationFn: catalogueApi.createItem,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['inspection', 'items'] });
      setAdding(false);
      form.resetFields();
    },
    onError: (e) => onError(e, form),
  });

  const columns: TableColumnsType<TInspectionItem> = [
    { title: '编码', dataIndex: 'code', width: 110, render: (v: string) => <span className="mono">{v}</span> },
    {
      title: '检查事项',
      render: (_, i) => (
        <div className="cell-stack">
          <span>
            {i.title} {i.majorHazard && <Tag color="red">重大事故隐患</Tag>}
          </span>
          <span className="cell-sub">{i.content}</span>
          <span className="cell-sub">依据：{i.legalBasis}</span>
        </div>
      ),
    },
    { title: '分组', dataIndex: 'groupName', width: 120 },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          检查事项清单
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<DownloadOutlined />} href={catalogueApi.exportUrl(filter)}>
            导出 Excel
          </Button>
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              新增事项
            </Button>
          )}
        </div>
      </div>
      <div className="catalogue-layout">
        <Card variant="borderless">
          <Space wrap className="filter-bar">
            <Input.Search
              allowClear
              placeholder="编码、事项、内容或依据"
              onSearch={(q) => setFilter({ ...filter, q: q.trim() || undefined })}
              style={{ width: 240 }}
            />
            <Select
              allowClear
              placeholder="重大事故隐患"
              style={{ width: 140 }}
              options={[
                { value: 'true', label: '重大隐患判定项' },
                { value: 'false', label: '一般检查项' },
              ]}
              onChange={(v?: 'true' | 'false') => setFilter({ ...filter, majorHazard: v })}
            />
          </Space>
          <Table<TInspectionItem>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items.data}
            loading={items.isFetching}
            pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 项`, simple: true }}
          />
        </Card>
        <ChecklistEditor allItems={all.data ?? []} canEdit={canEdit} />
      </div>
      <Modal
        open={adding}
        title="新增本局检查事项"
        okText="保存"
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        confirmLoading={create.isPending}
        forceRender
        width={640}
      >
        <Form<TInspectionItemCreate>
          form={form}
          layout="vertical"
          name="item-create"
          initialValues={{ majorHazard: false, groupName: '本局补充' }}
          onFinish={(v) => create.mutate({ ...v, categories: v.categories ?? [], tags: v.tags ?? [] })}
        >
          <Form.Item
            name="code"
            label="编码"
            rules={[{ required: true, pattern: /^[A-Z0-9][A-Z0-9-]{1,29}$/, message: '大写字母、数字和连字符，2–30 位' }]}
          >
            <Input placeholder="如 ZS-FIRE-1" />
          </Form.Item>
          <Form.Item name="title" label="检查事项" rules={[{ required: true, whitespace: true, message: '请填写检查事项名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="content" label="检查内容" rules={[{ required: true, whitespace: true, message: '请填写检查内容' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item
            name="legalBasis"
            label="法律依据"
            rules={[{ required: true, whitespace: true, message: '请填写法律依据（法规名称和条款）' }]}
          >
            <Input placeholder="如 《中华人民共和国安全生产法》第四十二条" />
          </Form.Item>
          <Form.Item name="groupName" label="分组" rules={[{ required: true, whitespace: true, message: '请填写分组' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="categories" label="适用监管类别（不选为全部）">
            <Select mode="multiple" allowClear options={CATEGORY_OPTIONS} />
          </Form.Item>
          <Form.Item name="tags" label="适用特殊标签">
            <Select mode="multiple" allowClear options={TAG_OPTIONS} />
          </Form.Item>
          <Form.Item name="majorHazard" label="不符合即判定为重大事故隐患" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
