import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TDepartment } from '@yingji/domain/org/org.schema';
import { App, Button, Card, Form, Input, Modal, Table, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { departmentApi } from '../../api/org.api';
import { useCan, useCurrentMe } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { divisionNames, divisionTree, ORG_KEYS, useDepartments } from './org-data';
import { useDivisions } from '../../kit';

interface TDepartmentForm {
  name: string;
  divisionCode: string;
}

export function DepartmentsPage() {
  const me = useCurrentMe();
  const can = useCan();
  const canManage = can('department.manage');
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useErrorHandler();
  const departments = useDepartments();
  const divisions = useDivisions();
  const names = useMemo(() => divisionNames(divisions.data), [divisions.data]);
  const tree = useMemo(() => divisionTree(divisions.data ?? []), [divisions.data]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<TDepartmentForm>();

  const create = useMutation({
    mutationFn: (values: TDepartmentForm) => departmentApi.create({ name: values.name.trim(), divisionCode: values.divisionCode }),
    onSuccess: (d) => {
      void message.success(`已新建科室：${d.name}`);
      void queryClient.invalidateQueries({ queryKey: ORG_KEYS.departments });
      setOpen(false);
    },
    onError: (e) => showError(e, form),
  });

  const rows = [...(departments.data ?? [])].sort(
    (a, b) => a.divisionCode.localeCompare(b.divisionCode) || a.name.localeCompare(b.name, 'zh-CN'),
  );

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          科室管理
        </Typography.Title>
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ divisionCode: me.user.divisionCode });
              setOpen(true);
            }}
          >
            新建科室
          </Button>
        )}
      </div>
      <Card variant="borderless">
        <Table<TDepartment>
          rowKey="id"
          size="middle"
          loading={departments.isFetching}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个科室` }}
          locale={{ emptyText: departments.isError ? (departments.error as Error).message : '暂无科室' }}
          columns={[
            { title: '科室名称', dataIndex: 'name' },
            {
              title: '所属区划',
              dataIndex: 'divisionCode',
              render: (code: string) => `${names.get(code) ?? code}`,
            },
            {
              title: '区划代码',
              dataIndex: 'divisionCode',
              key: 'code',
              responsive: ['md'],
              render: (code: string) => <span className="mono">{code}</span>,
            },
          ]}
        />
      </Card>
      <Modal
        open={open}
        title="新建科室"
        okText="创建"
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={create.isPending}
        forceRender
      >
        <Form<TDepartmentForm> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label="科室名称" rules={[{ required: true, whitespace: true, message: '请输入科室名称' }, { max: 50 }]}>
            <Input placeholder="例如 安全生产执法科" autoComplete="off" />
          </Form.Item>
          <Form.Item name="divisionCode" label="所属区划" rules={[{ required: true, message: '请选择所属区划' }]}>
            <TreeSelect treeData={tree} showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll placeholder="选择市或镇街" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
