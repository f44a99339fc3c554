import { SyncOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type TRiskProposal } from '@yingji/domain/risk/risk.schema';
import { App, Button, Popconfirm, Segmented, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { riskApi, type TProposalStatus } from '../../api/risk.api';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { ListPage, param, useListParams } from '../../kit';
import { DecisionModal, ProposalReasons } from './risk-decision';
import { RISK_KEYS, RiskColourTag } from './risk-data';
import './risk.css';

const STATUS: Record<TProposalStatus, { label: string; color: string }> = {
  pending: { label: '待审批', color: 'gold' },
  approved: { label: '已同意', color: 'green' },
  rejected: { label: '未同意', color: 'red' },
  superseded: { label: '已取代', color: 'default' },
};

const STATUSES = Object.keys(STATUS) as TProposalStatus[];
const FILTERS = { status: param.oneOf(STATUSES) };

/** 等级调整审批: what the dynamic rules propose, with every reason; an officer approves or rejects each. */
export function ProposalsPage() {
  const can = useCan();
  const mayDecide = can('risk.decide');
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const list = useListParams(FILTERS);
  const { page, pageSize } = list;
  const status = list.filter.status ?? 'pending';
  const [deciding, setDeciding] = useState<{ proposal: TRiskProposal; approve: boolean } | null>(null);

  const query = useQuery({
    queryKey: [...RISK_KEYS.proposals, status, page, pageSize],
    queryFn: () => riskApi.proposals({ status, page, pageSize }),
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

  const columns: TableColumnsType<TRiskProposal> = [
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
  const card = (p: TRiskProposal) => (
    <div className="cell-stack">
      {firm(p)}
      {change(p)}
      <ProposalReasons proposal={p} />
      {actions(p)}
    </div>
  );

  return (
    <ListPage
      title="等级调整审批"
      refresh
      actions={
        mayDecide && (
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
        )
      }
      list={list}
      query={query}
      filters={
        <Segmented
          className="filter-bar"
          value={status}
          onChange={(v) => list.update({ status: v === 'pending' ? undefined : (v as TProposalStatus) })}
          options={STATUSES.map((s) => ({ value: s, label: STATUS[s].label }))}
        />
      }
      foldFilters={false}
      columns={columns}
      card={card}
      emptyText={status === 'pending' ? '没有待审批的调整建议' : '没有记录'}
      pageSizeChanger={false}
    >
      <DecisionModal proposal={deciding?.proposal ?? null} approve={deciding?.approve ?? true} onClose={() => setDeciding(null)} />
    </ListPage>
  );
}
