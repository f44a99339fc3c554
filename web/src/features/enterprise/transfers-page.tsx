import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Grid, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { transferApi, type TTransfer, type TTransferStatus } from '../../api/enterprise.api';
import { useCan, useCurrentMe } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { ENTERPRISE_KEYS } from './enterprise-data';
import './enterprise.css';
import { townName, useTowns } from '../../kit';

const STATUS: Record<TTransferStatus, { label: string; color: string }> = {
  pending: { label: '待接收', color: 'gold' },
  accepted: { label: '已接收', color: 'green' },
  rejected: { label: '已退回', color: 'red' },
};

/** 属地变更: requests into and out of my area; the receiving town (or the bureau) accepts or returns them. */
export function TransfersPage() {
  const me = useCurrentMe();
  const can = useCan();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const isPhone = Grid.useBreakpoint().md === false;
  const { names } = useTowns();
  const [status, setStatus] = useState<TTransferStatus | 'all'>('pending');
  const [deciding, setDeciding] = useState<{ transfer: TTransfer; accept: boolean } | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();
  const scope = me.user.divisionCode;

  const transfers = useQuery({
    queryKey: [...ENTERPRISE_KEYS.transfers, status],
    queryFn: () => transferApi.list(status === 'all' ? undefined : status),
  });
  const decide = useMutation({
    mutationFn: ({ transfer, accept, comment }: { transfer: TTransfer; accept: boolean; comment: string | null }) =>
      transferApi.decide(transfer.id, { accept, comment }),
    onSuccess: (t) => {
      void message.success(t.status === 'accepted' ? `已接收 ${t.enterpriseName ?? ''}` : `已退回 ${t.enterpriseName ?? ''}`);
      void queryClient.invalidateQueries({ queryKey: ENTERPRISE_KEYS.all });
      setDeciding(null);
    },
    onError: (e) => showError(e, form),
  });

  // the same rule the server applies: the receiving town, or the bureau, decides; never the asking town alone
  const mayDecide = (t: TTransfer) =>
    t.status === 'pending' && can('enterprise.manage') && t.toCode.startsWith(scope) && (scope.length <= 4 || scope === t.toCode);
  const open = (transfer: TTransfer, accept: boolean) => {
    form.resetFields();
    setDeciding({ transfer, accept });
  };

  const actions = (t: TTransfer) =>
    mayDecide(t) ? (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => open(t, true)}>
          接收
        </Button>
        <Button type="link" size="small" danger onClick={() => open(t, false)}>
          退回
        </Button>
      </Space>
    ) : t.status === 'pending' ? (
      <span className="cell-sub">等待{townName(names, t.toCode)}处理</span>
    ) : null;

  const firm = (t: TTransfer) => (
    <div className="cell-stack">
      <Link to={`/enterprises/${t.enterpriseId}`}>{t.enterpriseName ?? `企业 #${t.enterpriseId}`}</Link>
      {t.creditCode && <span className="cell-sub mono">{t.creditCode}</span>}
    </div>
  );
  const route = (t: TTransfer) => `${townName(names, t.fromCode)} → ${townName(names, t.toCode)}`;

  const columns: TableColumnsType<TTransfer> = [
    { title: '企业', key: 'firm', width: 240, render: (_, t) => firm(t) },
    { title: '属地变更', key: 'route', width: 190, render: (_, t) => route(t) },
    { title: '原因', dataIndex: 'reason' },
    { title: '申请时间', dataIndex: 'requestedAt', width: 170, render: (v: string) => <span className="mono">{formatTime(v)}</span> },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, t) => (
        <div className="cell-stack">
          <span>
            <Tag color={STATUS[t.status].color}>{STATUS[t.status].label}</Tag>
          </span>
          {t.comment && <span className="cell-sub">{t.comment}</span>}
        </div>
      ),
    },
    { title: '操作', key: 'actions', width: 150, render: (_, t) => actions(t) },
  ];
  const phoneColumns: TableColumnsType<TTransfer> = [
    {
      title: '申请',
      key: 'transfer',
      render: (_, t) => (
        <div className="cell-stack">
          <div className="cell-head">
            {firm(t)}
            <Tag color={STATUS[t.status].color}>{STATUS[t.status].label}</Tag>
          </div>
          <span>{route(t)}</span>
          <span className="cell-sub">
            {formatTime(t.requestedAt)} · {t.reason}
          </span>
          <div className="cell-actions">{actions(t)}</div>
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          属地变更
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void transfers.refetch()} aria-label="刷新">
            {isPhone ? null : '刷新'}
          </Button>
        </div>
      </div>
      <Card variant="borderless">
        <Segmented
          className="filter-bar"
          value={status}
          onChange={(v) => setStatus(v as TTransferStatus | 'all')}
          options={[
            { value: 'pending', label: '待接收' },
            { value: 'accepted', label: '已接收' },
            { value: 'rejected', label: '已退回' },
            { value: 'all', label: '全部' },
          ]}
        />
        <Table<TTransfer>
          rowKey="id"
          size="middle"
          columns={isPhone ? phoneColumns : columns}
          dataSource={transfers.data}
          loading={transfers.isFetching}
          scroll={isPhone ? undefined : { x: 1000 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, simple: isPhone }}
          locale={{
            emptyText: transfers.isError
              ? (transfers.error as Error).message
              : status === 'pending'
                ? '没有待处理的属地变更申请。在企业详情页可发起属地变更。'
                : '没有记录',
          }}
        />
      </Card>
      <Modal
        open={deciding !== null}
        title={deciding ? `${deciding.accept ? '接收' : '退回'}：${deciding.transfer.enterpriseName ?? ''}` : ''}
        okText={deciding?.accept ? '接收' : '退回'}
        okButtonProps={{ danger: deciding ? !deciding.accept : false }}
        onOk={() => form.submit()}
        onCancel={() => setDeciding(null)}
        confirmLoading={decide.isPending}
        forceRender
      >
        <Form
          form={form}
          name="transfer-decision"
          layout="vertical"
          className="modal-form"
          onFinish={(v) => deciding && decide.mutate({ ...deciding, comment: v.comment?.trim() || null })}
        >
          {deciding && (
            <Typography.Paragraph type="secondary">
              {route(deciding.transfer)}。原因：{deciding.transfer.reason}
              {deciding.accept ? '。接收后企业即归入接收镇街监管。' : '。退回后企业仍归原镇街。'}
            </Typography.Paragraph>
          )}
          <Form.Item
            name="comment"
            label="意见"
            rules={[{ required: deciding ? !deciding.accept : false, whitespace: true, message: '退回时请写明理由' }, { max: 500 }]}
          >
            <Input.TextArea rows={3} placeholder={deciding?.accept ? '可不填' : '如 经核实企业仍在原址经营'} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
