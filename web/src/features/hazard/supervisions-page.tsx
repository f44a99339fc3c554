import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  LISTING_STATUS_LABELS,
  LISTING_STATUSES,
  SUPERVISION_TARGET_LABELS,
  SUPERVISION_TARGETS,
  type TListingStatus,
  type TSupervision,
  type TSupervisionTarget,
} from '@yingji/domain/hazard/supervision.schema';
import { Alert, Button, Card, Grid, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { useSupervisions } from './hazard-views-data';
import { SupervisionFormDrawer } from './supervision-form-drawer';
import { SupervisionStatusTags, SupervisionTargetTag } from './supervision-tags';
import './hazard-views.css';
import { TownFilter } from '../../kit';

/** 挂牌督办: listed major hazards and towns, filtered in the address; a new listing from the drawer. */
export function SupervisionsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const status = (LISTING_STATUSES as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as TListingStatus)
    : undefined;
  const target = (SUPERVISION_TARGETS as readonly string[]).includes(params.get('target') ?? '')
    ? (params.get('target') as TSupervisionTarget)
    : undefined;
  const divisionCode = params.get('divisionCode') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const list = useSupervisions({ status, target, divisionCode, page, pageSize });

  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const subject = (s: TSupervision) =>
    s.target === 'hazard' ? (
      <div className="cell-stack">
        <Link to={`/hazards/supervisions/${s.id}`}>{s.enterpriseName ?? `隐患 #${s.hazardId}`}</Link>
        <span className="cell-sub">{s.hazardDescription}</span>
      </div>
    ) : (
      <div className="cell-stack">
        <Link to={`/hazards/supervisions/${s.id}`}>{s.townName ?? s.divisionCode}</Link>
        <span className="cell-sub">{s.reason.length > 40 ? `${s.reason.slice(0, 40)}…` : s.reason}</span>
      </div>
    );

  const columns: TableColumnsType<TSupervision> = [
    { title: '对象', key: 'target', width: 90, render: (_, s) => <SupervisionTargetTag target={s.target} /> },
    { title: '督办事项', key: 'subject', render: (_, s) => subject(s) },
    { title: '镇街', key: 'town', width: 100, render: (_, s) => s.townName ?? s.divisionCode },
    { title: '督办单位', dataIndex: 'supervisingBody', key: 'body', width: 160 },
    { title: '责任领导', dataIndex: 'leaderName', key: 'leader', width: 90 },
    {
      title: '督办期限',
      key: 'deadline',
      width: 110,
      render: (_, s) => <span className={s.status === 'active' && s.overdue ? 'mono hv-overdue' : 'mono'}>{s.deadline}</span>,
    },
    { title: '状态', key: 'status', width: 130, render: (_, s) => <SupervisionStatusTags s={s} /> },
    {
      title: '挂牌时间',
      key: 'createdAt',
      width: 110,
      render: (_, s) => <span className="mono">{formatTime(s.createdAt).slice(0, 10)}</span>,
    },
  ];
  const phoneColumns: TableColumnsType<TSupervision> = [
    {
      title: '挂牌督办',
      key: 'all',
      render: (_, s) => (
        <div className="cell-stack">
          <div className="cell-head">
            <SupervisionTargetTag target={s.target} />
            <SupervisionStatusTags s={s} />
          </div>
          {subject(s)}
          <span className="cell-sub">
            {s.supervisingBody} · 期限 {s.deadline}
          </span>
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          挂牌督办
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label="刷新">
            {isPhone ? null : '刷新'}
          </Button>
          {can('hazard.supervise') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建挂牌督办
            </Button>
          )}
        </div>
      </div>
      <Card variant="borderless">
        <div className="hv-filter">
          <Select
            allowClear
            placeholder="全部状态"
            value={status}
            onChange={(v) => update({ status: v })}
            options={LISTING_STATUSES.map((s) => ({ value: s, label: LISTING_STATUS_LABELS[s] }))}
            aria-label="状态"
          />
          <Select
            allowClear
            placeholder="全部对象"
            value={target}
            onChange={(v) => update({ target: v })}
            options={SUPERVISION_TARGETS.map((t) => ({ value: t, label: SUPERVISION_TARGET_LABELS[t] }))}
            aria-label="督办对象"
          />
          <TownFilter value={divisionCode} onChange={(v) => update({ divisionCode: v })} style={{}} />
        </div>
        {list.error ? <Alert type="error" showIcon title={list.error.message} className="hv-section" /> : null}
        <Table<TSupervision>
          rowKey="id"
          size="small"
          columns={isPhone ? phoneColumns : columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={isPhone ? undefined : { x: 900 }}
          locale={{ emptyText: '没有挂牌督办事项' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (t) => `共 ${t} 项`,
            onChange: (p, ps) => update({ page: p, pageSize: ps }),
          }}
        />
      </Card>
      <SupervisionFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(s) => void navigate(`/hazards/supervisions/${s.id}`)}
      />
    </div>
  );
}
