import { ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type TRiskProposal } from '@yingji/domain/risk/risk.schema';
import { App, Button, Card, Grid, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { riskApi, type TProposalStatus } from '../../api/risk.api';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { DecisionModal, ProposalReasons } from './risk-decision';
import { RISK_KEYS, RiskColourTag } from './risk-data';
import './risk.css';

const STATUS: Record<TProposalStatus, { label: string; color: string }> = {
  pending: { label: '待审批', color: 'gold' },
  approved: { label: '已同意', color: 'green' },
  rejected: { label: '未同意', color: 'red' },
  superseded: { label: '已取代', color: 'default' },
};

/** 等级调整审批: what the dynamic rules propose, with every reason; an officer approves or rejects each. */
export function ProposalsPage() {
  const can = useCan();
  const mayDecide = can('risk.decide');
  const isPhone = Grid.useBreakpoint().md === false;
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const [status, setStatus] = useState<TProposalStatus>('pending');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<{ proposal: TRiskProposal; approve: boolean } | null>(null);

  const list = useQuery({
    queryKey: [...RISK_KEYS.proposals, status, page],
    queryFn: () => riskApi.proposals({ status, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const evaluate = useMutation({
    mutationFn: riskApi.evaluateAll,
    onSuccess: (r) => {
      void message.success(`已重新评估 ${r.evaluated} 家已定级企业：新建议 ${r.proposed} 条，撤回 ${r.withdrawn} 条`);
      void queryClient.invalidateQueries({ queryKey: RISK_KEYS.all });
    },
    onError: (e) => showError(e),
  });

  const change = (p: TRiskProposal) => (
    <Space size={4}>
      <RiskColourTag colour={p.fromColour} />
      <span>→</span>
      <RiskColourTag colour={p.toColour} />
      <Tag color={p.direction === 'up' ? 'volcano' : 'cyan'}>{p.direction === 'up' ? '上调' : '下调'}</Tag>
    </Space>
  );
  const firm = (p: TRiskProposal) => (
    <div className="cell-stack">
      <Link to={`/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</Link>
      <span className="cell-sub">
        {p.divisionName ?? p.divisionCode} · <span className="mono">{p.creditCode}</span>
      </span>
    </div>
  );
  const actions = (p: TRiskProposal) =>
    p.status === 'pending' && mayDecide ? (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setDeciding({ proposal: p, approve: true })} data-testid={`approve-${p.id}`}>
          同意
        </Button>
        <Button type="link" size="small" danger onClick={() => setDeciding({ proposal: p, approve: false })}>
          不同意
        </Button>
      </Space>
    ) : p.status !== 'pending' ? (
      <div className="cell-stack">
        <Tag color={STATUS[p.status].color}>{STATUS[p.status].label}</Tag>
        {p.decidedByName && <span className="cell-sub">{p.decidedByName}</span>}
        {p.comment && <span className="cell-sub">{p.comment}</span>}
      </div>
    ) : null;

  const columns: TableColumnsType<TRiskProposal> = isPhone
    ? [
        {
          title: '调整建议',
          key: 'card',
          render: (_, p) => (
            <div className="cell-stack">
              {firm(p)}
              {change(p)}
              <ProposalReasons proposal={p} />
              {actions(p)}
            </div>
          ),
        },
      ]
    : [
        { title: '企业', key: 'firm', width: 260, render: (_, p) => firm(p) },
        { title: '调整', key: 'change', width: 170, render: (_, p) => change(p) },
        { title: '理由', key: 'reasons', render: (_, p) => <ProposalReasons proposal={p} /> },
        {
          title: '生成时间',
          key: 'createdAt',
          width: 170,
          render: (_, p) => <span className="mono nowrap">{formatTime(p.createdAt)}</span>,
        },
        { title: status === 'pending' ? '审批' : '结果', key: 'actions', width: 150, render: (_, p) => actions(p) },
      ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          等级调整审批
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
            刷新
          </Button>
          {mayDecide && (
            <Popconfirm
              title="重新评估辖区内全部已定级企业？"
              description="按当前动态调整规则生成或撤回建议，不直接改变等级。"
              okText="评估"
              cancelText="取消"
              onConfirm={() => evaluate.mutateAsync().catch(() => undefined)}
            >
              <Button type="primary" icon={<SyncOutlined />} loading={evaluate.isPending}>
                重新评估
              </Button>
            </Popconfirm>
          )}
        </div>
      </div>
      <Card variant="borderless">
        <Segmented
          className="filter-bar"
          value={status}
          onChange={(v) => {
            setStatus(v as TProposalStatus);
            setPage(1);
          }}
          options={(Object.keys(STATUS) as TProposalStatus[]).map((s) => ({ value: s, label: STATUS[s].label }))}
        />
        <Table<TRiskProposal>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          locale={{ emptyText: list.isError ? (list.error as Error).message : status === 'pending' ? '没有待审批的调整建议' : '没有记录' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (t) => `共 ${t} 条`,
            simple: isPhone,
          }}
          data-testid="proposals-table"
        />
      </Card>
      <DecisionModal proposal={deciding?.proposal ?? null} approve={deciding?.approve ?? true} onClose={() => setDeciding(null)} />
    </div>
  );
}
