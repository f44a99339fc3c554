import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RESPONSE_LEVEL_LABELS, type TResponse } from '@yingji/domain/warning/response.contract';
import { RESPONSE_LEVELS } from '@yingji/domain/warning/warning.settings';
import { App, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { responseApi, WARNING_KEYS, warningApi } from '../../api/warning.api';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { useTowns } from '../../kit/towns';

export const RESPONSE_COLORS = { IV: 'blue', III: 'gold', II: 'orange', I: 'red' } as const;

/** When the next consultation is due, red when overdue. */
export function ConsultationDue({ r }: { r: Pick<TResponse, 'endedAt' | 'nextDueAt' | 'overdue' | 'missed'> }) {
  if (r.endedAt || !r.nextDueAt) return <span>—</span>;
  return (
    <Space size={4} wrap>
      <span>{formatTime(r.nextDueAt)}</span>
      {r.overdue ? (
        <Tag color="red" data-testid="consultation-overdue">
          会商已逾期
        </Tag>
      ) : null}
      {r.missed.length > 0 ? <Tag>漏会商 {r.missed.length} 次</Tag> : null}
    </Space>
  );
}

/** Flood-season response levels (应急响应): those on first, each with its next consultation; the bureau starts one here. */
export function ResponsesPage() {
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const queryClient = useQueryClient();
  const towns = useTowns();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ divisionCode: string; level: TResponse['level']; reason: string; warningIds: number[] }>();
  const list = useQuery({ queryKey: [...WARNING_KEYS.responses, page], queryFn: () => responseApi.list({ page, pageSize: 20 }) });
  const active = useQuery({
    queryKey: [...WARNING_KEYS.all, 'active-for-response'],
    queryFn: () => warningApi.list({ state: 'active', page: 1, pageSize: 50 }),
    enabled: open,
  });
  const start = useMutation({
    mutationFn: responseApi.start,
    onSuccess: (r) => {
      void message.success(`已启动${r.areaName}${RESPONSE_LEVEL_LABELS[r.level]}应急响应`);
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: WARNING_KEYS.responses });
      void navigate(`/warnings/responses/${r.id}`);
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Card
      title="应急响应与会商研判"
      extra={
        can('warning.response') ? (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="start-response">
            启动响应
          </Button>
        ) : null
      }
    >
      <Table<TResponse>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: '级别',
            dataIndex: 'level',
            width: 90,
            render: (l: TResponse['level']) => <Tag color={RESPONSE_COLORS[l]}>{RESPONSE_LEVEL_LABELS[l]}</Tag>,
          },
          {
            title: '范围',
            dataIndex: 'areaName',
            width: 100,
            render: (v: string, r) => <Link to={`/warnings/responses/${r.id}`}>{v}</Link>,
          },
          { title: '启动原因', dataIndex: 'reason', ellipsis: true },
          { title: '启动时间', dataIndex: 'startedAt', width: 160, render: (v: string) => formatTime(v) },
          {
            title: '状态',
            dataIndex: 'endedAt',
            width: 150,
            render: (v: string | null, r) =>
              v ? (
                <Tag>{r.endReason?.startsWith('提升') || r.endReason?.startsWith('降低') ? '已调整' : '已终止'}</Tag>
              ) : (
                <Tag color="processing">生效中</Tag>
              ),
          },
          { title: '会商', dataIndex: 'consultations', width: 70 },
          { title: '下次会商', key: 'due', width: 240, render: (_, r) => <ConsultationDue r={r} /> },
        ]}
      />
      <Modal
        open={open}
        title="启动应急响应"
        okText="启动"
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        okButtonProps={{ loading: start.isPending }}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ divisionCode: '4420', level: 'IV', warningIds: [] }}
          onFinish={(v) => start.mutate({ ...v, warningIds: v.warningIds ?? [] })}
        >
          <Form.Item name="level" label="响应级别" rules={[{ required: true, message: '请选择响应级别' }]}>
            <Radio.Group optionType="button" options={RESPONSE_LEVELS.map((l) => ({ value: l, label: RESPONSE_LEVEL_LABELS[l] }))} />
          </Form.Item>
          <Form.Item name="divisionCode" label="响应范围" rules={[{ required: true, message: '请选择响应范围' }]}>
            <Select options={[{ value: '4420', label: '全市' }, ...towns.cityOptions]} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="warningIds" label="触发的预警">
            <Select
              mode="multiple"
              loading={active.isPending}
              placeholder="选择生效中的预警（可不选）"
              options={(active.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.kind}预警 · ${formatTime(w.issuedAt)}` }))}
            />
          </Form.Item>
          <Form.Item name="reason" label="启动原因" rules={[{ required: true, min: 4, message: '原因至少 4 个字' }]}>
            <Input.TextArea rows={3} placeholder="如：气象台发布暴雨红色预警，我市将出现特大暴雨" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
