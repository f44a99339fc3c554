import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUND_SOURCE_LABELS, ROUND_SOURCES, type TRound } from '@yingji/domain/findings/findings.schema';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { findingsApi, FINDINGS_KEYS } from '../../api/findings.api';
import { useCan } from '../../app/auth';
import { enumLabel, enumOptions } from '../../kit';

interface TRoundForm {
  title: string;
  source: TRound['source'];
  inspector: string;
  inspected: [Dayjs, Dayjs];
  feedbackOn: Dayjs;
  feedbackDocument?: string;
  lookBackOf?: number;
}

/** 整改轮次: each feedback (巡察、审计、上级检查、自查) with its progress to sign-off. */
export function RoundsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<TRoundForm>();
  const rounds = useQuery({ queryKey: [...FINDINGS_KEYS.all, 'rounds'], queryFn: findingsApi.rounds });
  const create = useMutation({
    mutationFn: (v: TRoundForm) =>
      findingsApi.createRound({
        title: v.title,
        source: v.source,
        inspector: v.inspector,
        inspectedFrom: v.inspected[0].format('YYYY-MM-DD'),
        inspectedTo: v.inspected[1].format('YYYY-MM-DD'),
        feedbackOn: v.feedbackOn.format('YYYY-MM-DD'),
        feedbackDocument: v.feedbackDocument ?? '',
        lookBackOf: v.lookBackOf ?? null,
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: FINDINGS_KEYS.all });
      message.success('已新建整改轮次');
      setOpen(false);
      navigate(`/rectification/rounds/${r.id}`);
    },
    onError: (e: Error) => message.error(e.message),
  });

  const columns: TableColumnsType<TRound> = [
    { title: '反馈日期', dataIndex: 'feedbackOn', width: 110 },
    {
      title: '轮次',
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space>
          <Link to={`/rectification/rounds/${r.id}`}>{v}</Link>
          {r.lookBackOf ? <Tag>回头看</Tag> : null}
        </Space>
      ),
    },
    { title: '来源', dataIndex: 'source', width: 90, render: (v: TRound['source']) => enumLabel(ROUND_SOURCE_LABELS, v) },
    { title: '检查组', dataIndex: 'inspector', width: 180 },
    { title: '问题', dataIndex: 'findingCount', width: 70, align: 'right' },
    {
      title: '措施（已销号）',
      width: 130,
      align: 'right',
      render: (_, r) => `${r.measureCount}（${r.signedOffCount}）`,
    },
    {
      title: '超期',
      dataIndex: 'overdueCount',
      width: 70,
      align: 'right',
      render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0),
    },
  ];

  return (
    <Card
      title="整改轮次"
      extra={
        <Space>
          <Link to="/rectification/measures">
            <Button>整改措施清单</Button>
          </Link>
          {can('findings.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              新建轮次
            </Button>
          ) : null}
        </Space>
      }
    >
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rounds.data?.items ?? []}
        loading={rounds.isLoading}
        pagination={false}
        locale={{ emptyText: '还没有整改轮次' }}
        scroll={{ x: 900 }}
      />
      <Modal
        title="新建整改轮次"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="保存"
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ source: 'party_inspection' }}>
          <Form.Item name="title" label="轮次名称" rules={[{ required: true, message: '请填写轮次名称' }]}>
            <Input placeholder="如：市委第三巡察组反馈问题整改" />
          </Form.Item>
          <Form.Item name="source" label="检查来源" rules={[{ required: true, message: '请选择检查来源' }]}>
            <Select options={enumOptions(ROUND_SOURCES, ROUND_SOURCE_LABELS)} />
          </Form.Item>
          <Form.Item name="inspector" label="检查组" rules={[{ required: true, message: '请填写检查组' }]}>
            <Input placeholder="如：市委第三巡察组" />
          </Form.Item>
          <Form.Item name="inspected" label="检查期间" rules={[{ required: true, message: '请选择检查期间' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="feedbackOn" label="反馈日期" rules={[{ required: true, message: '请选择反馈日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="feedbackDocument" label="反馈文件">
            <Input placeholder="文号或文件名" />
          </Form.Item>
          <Form.Item name="lookBackOf" label="回头看（针对的轮次）">
            <Select
              allowClear
              placeholder="不是回头看则不选"
              options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
