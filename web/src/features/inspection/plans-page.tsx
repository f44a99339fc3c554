import { GlobalOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { PLAN_STATUS_LABELS, type TPlan } from '@yingji/domain/inspection/plan.schema';
import { Button, Card, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PLAN_KEYS, planApi } from '../../api/inspection-plan.api';
import { useCan } from '../../app/auth';
import { PLAN_STATUS_COLORS } from './draw-data';
import { PlanFormDrawer } from './plan-form-drawer';
import './plan-draw.css';

/** 年度监督检查计划: the plans of my body (the bureau, or my town), newest year first. */
export function PlansPage() {
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const [year, setYear] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const plans = useQuery({ queryKey: [...PLAN_KEYS.plans, year, page], queryFn: () => planApi.list({ year, page, pageSize: 20 }) });
  const thisYear = new Date().getFullYear();

  const status = (p: TPlan) => <Tag color={PLAN_STATUS_COLORS[p.status]}>{PLAN_STATUS_LABELS[p.status]}</Tag>;
  const columns: TableColumnsType<TPlan> = [
    { title: '年度', dataIndex: 'year', width: 80 },
    { title: '计划名称', key: 'title', render: (_, p) => <Link to={`/inspection/plans/${p.id}`}>{p.title}</Link> },
    { title: '制定单位', dataIndex: 'divisionName', width: 140 },
    { title: '实施期间', key: 'period', width: 230, render: (_, p) => `${p.periodStart} 至 ${p.periodEnd}` },
    { title: '轮次', dataIndex: 'rounds', width: 70 },
    { title: '状态', key: 'status', width: 90, render: (_, p) => status(p) },
    {
      title: '起草 / 审批',
      key: 'people',
      width: 180,
      render: (_, p) => (
        <span className="cell-sub">
          {p.createdByName ?? '—'} / {p.approvedByName ?? '待审批'}
        </span>
      ),
    },
  ];
  const phoneColumns: TableColumnsType<TPlan> = [
    {
      title: '计划',
      key: 'plan',
      render: (_, p) => (
        <div className="cell-stack">
          <div className="cell-head">
            <Link to={`/inspection/plans/${p.id}`}>{p.title}</Link>
            {status(p)}
          </div>
          <span className="cell-sub">
            {p.divisionName} · {p.periodStart} 至 {p.periodEnd}
          </span>
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          双随机抽查计划
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<GlobalOutlined />} href="/public/draws" target="_blank">
            公示页面
          </Button>
          {can('inspection.inspectors') && (
            <Button icon={<TeamOutlined />} onClick={() => void navigate('/inspection/inspectors')}>
              执法人员名录
            </Button>
          )}
          {can('inspection.plan') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-new">
              起草计划
            </Button>
          )}
        </div>
      </div>
      <Card>
        <Space className="filter-bar">
          <Select
            allowClear
            placeholder="年度"
            style={{ width: 120 }}
            value={year}
            onChange={(y?: number) => (setPage(1), setYear(y))}
            options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y} 年` }))}
          />
        </Space>
        <Table
          rowKey="id"
          size={isPhone ? 'small' : 'middle'}
          loading={plans.isPending}
          dataSource={plans.data?.items ?? []}
          columns={isPhone ? phoneColumns : columns}
          pagination={{ current: page, pageSize: 20, total: plans.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
          locale={{ emptyText: '还没有检查计划' }}
        />
      </Card>
      <PlanFormDrawer
        plan={null}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(p) => void navigate(`/inspection/plans/${p.id}`)}
      />
    </div>
  );
}
