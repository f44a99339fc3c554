import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TCampaign } from '@yingji/domain/hazard/hazard.schema';
import { Alert, Button, Card, Grid, Progress, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../app/auth';
import { bureauNow } from '../../app/locale';
import { CampaignFormDrawer } from './campaign-form-drawer';
import { hazardListUrl, sharePercent, useCampaigns } from './hazard-views-data';
import './hazard-views.css';
import { useTowns } from '../../kit';

type TPhase = 'upcoming' | 'running' | 'ended';
const PHASES: Record<TPhase, { label: string; color: string }> = {
  upcoming: { label: '未开始', color: 'default' },
  running: { label: '进行中', color: 'processing' },
  ended: { label: '已结束', color: 'green' },
};
const phaseOf = (c: TCampaign, today: string): TPhase => (today < c.startsOn ? 'upcoming' : today > c.endsOn ? 'ended' : 'running');
const n = (v: number) => v.toLocaleString('zh-CN');

/** 专项行动: campaigns as tags with a start and an end; inspections, hazards and closed hazards counted from the records. */
export function CampaignsPage() {
  const can = useCan();
  const isPhone = Grid.useBreakpoint().md === false;
  const campaigns = useCampaigns();
  const towns = useTowns();
  const [editing, setEditing] = useState<TCampaign | null>(null);
  const [open, setOpen] = useState(false);
  const today = bureauNow().format('YYYY-MM-DD');
  const mayEdit = can('hazard.campaign');

  const columns: TableColumnsType<TCampaign> = [
    {
      title: '专项行动',
      key: 'name',
      render: (_, c) => (
        <div className="cell-stack">
          <strong>{c.name}</strong>
          {c.note ? <span className="cell-sub">{c.note.length > 60 ? `${c.note.slice(0, 60)}…` : c.note}</span> : null}
        </div>
      ),
    },
    {
      title: '起止日期',
      key: 'period',
      width: 230,
      render: (_, c) => (
        <span className="mono" style={{ whiteSpace: 'nowrap' }}>
          {c.startsOn} 至 {c.endsOn}
        </span>
      ),
    },
    {
      title: '范围',
      key: 'scope',
      width: 100,
      render: (_, c) => (c.divisionCode.length <= 4 ? '全市' : (towns.names.get(c.divisionCode) ?? c.divisionCode)),
    },
    {
      title: '状态',
      key: 'phase',
      width: 80,
      render: (_, c) => {
        const p = PHASES[phaseOf(c, today)];
        return <Tag color={p.color}>{p.label}</Tag>;
      },
    },
    { title: '检查（家次）', key: 'inspections', width: 110, align: 'right', render: (_, c) => n(c.inspections) },
    {
      title: '隐患（项）',
      key: 'hazards',
      width: 100,
      align: 'right',
      render: (_, c) =>
        c.hazards > 0 ? <Link to={hazardListUrl({ campaignId: c.id })}>{n(c.hazards)}</Link> : <span className="hv-zero">0</span>,
    },
    {
      title: '已整改销号（项）',
      key: 'closed',
      width: 200,
      render: (_, c) => (
        <div className="hv-share">
          {c.hazardsClosed > 0 ? (
            <Link to={hazardListUrl({ campaignId: c.id, state: 'closed' })}>{n(c.hazardsClosed)}</Link>
          ) : (
            <span className="hv-zero">0</span>
          )}
          <Progress percent={sharePercent(c.hazardsClosed, c.hazards)} size="small" showInfo={false} strokeColor="#389e0d" />
          <span className="hv-share-value">{c.hazards > 0 ? `${sharePercent(c.hazardsClosed, c.hazards).toFixed(1)}%` : '—'}</span>
        </div>
      ),
    },
    ...(mayEdit
      ? [
          {
            title: '操作',
            key: 'edit',
            width: 80,
            render: (_: unknown, c: TCampaign) => (
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => {
                  setEditing(c);
                  setOpen(true);
                }}
              >
                修改
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          专项行动
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void campaigns.refetch()} aria-label="刷新">
            {isPhone ? null : '刷新'}
          </Button>
          {mayEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setOpen(true);
              }}
            >
              新建专项行动
            </Button>
          )}
        </div>
      </div>
      {campaigns.error ? <Alert type="error" showIcon title={campaigns.error.message} className="hv-section" /> : null}
      <Card variant="borderless">
        <Table<TCampaign>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={campaigns.data ?? []}
          loading={campaigns.isFetching}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: '尚无专项行动' }}
        />
        <div className="hv-note" style={{ marginTop: 8 }}>
          检查家次为行动期间内已提交的监督检查；隐患为登记时标注了该行动的隐患。
        </div>
      </Card>
      <CampaignFormDrawer campaign={editing} open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
