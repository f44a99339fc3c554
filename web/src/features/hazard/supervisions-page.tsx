import { PlusOutlined } from '@ant-design/icons';
import {
  LISTING_STATUS_LABELS,
  LISTING_STATUSES,
  SUPERVISION_TARGET_LABELS,
  SUPERVISION_TARGETS,
  type TSupervision,
} from '@yingji/domain/hazard/supervision.schema';
import { Button } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { enumOptions, ListPage, param, SelectFilter, TownFilter, useListParams } from '../../kit';
import { useSupervisions } from './hazard-views-data';
import { SupervisionFormDrawer } from './supervision-form-drawer';
import { SupervisionStatusTags, SupervisionTargetTag } from './supervision-tags';
import './hazard-views.css';

const FILTERS = { status: param.oneOf(LISTING_STATUSES), target: param.oneOf(SUPERVISION_TARGETS), divisionCode: param.text() };

/** 挂牌督办: listed major hazards and towns, filtered in the address; a new listing from the drawer. */
export function SupervisionsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useListParams(FILTERS);
  const { filter, page, pageSize } = list;
  const query = useSupervisions({ ...filter, page, pageSize });

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
  const card = (s: TSupervision) => (
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
  );

  return (
    <ListPage
      title="挂牌督办"
      refresh
      actions={
        can('hazard.supervise') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建挂牌督办
          </Button>
        )
      }
      list={list}
      query={query}
      filters={
        <>
          <SelectFilter
            list={list}
            name="status"
            placeholder="全部状态"
            label="状态"
            options={enumOptions(LISTING_STATUSES, LISTING_STATUS_LABELS)}
          />
          <SelectFilter
            list={list}
            name="target"
            placeholder="全部对象"
            label="督办对象"
            options={enumOptions(SUPERVISION_TARGETS, SUPERVISION_TARGET_LABELS)}
          />
          <TownFilter value={filter.divisionCode} onChange={(divisionCode) => list.update({ divisionCode })} />
        </>
      }
      columns={columns}
      card={card}
      emptyText="没有挂牌督办事项"
      unit="项"
      tableProps={{ size: 'small', scroll: { x: 900 } }}
    >
      <SupervisionFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(s) => void navigate(`/hazards/supervisions/${s.id}`)}
      />
    </ListPage>
  );
}
