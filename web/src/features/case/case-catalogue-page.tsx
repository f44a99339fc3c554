import { EditOutlined, PlusOutlined } from '@ant-design/icons';

import {
  CIRCUMSTANCE_LABELS,
  FINE_TIER_LABELS,
  OTHER_PENALTY_LABELS,
  PENALTY_TARGET_LABELS,
  type TViolation,
} from '@yingji/domain/case/case.schema';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';

import { useCan } from '../../app/auth';
import { useViolations, yuan } from './case-data';
import './case.css';
import { EditDrawer, range } from './case-violation-drawer';

/** 违法行为与裁量基准: each violation with its articles, statutory ranges and the bureau's bands (轻微/一般/较重/严重). */
export function CaseCataloguePage() {
  const can = useCan();
  const list = useViolations();
  const [editing, setEditing] = useState<TViolation | null | undefined>(undefined);
  const editable = can('case.catalogue');
  const columns: TableColumnsType<TViolation> = [
    {
      title: '违法行为',
      render: (_, v) => (
        <div className="cell-stack">
          <span>
            {v.title} {!v.active && <Tag>已停用</Tag>}
          </span>
          <span className="cell-sub mono">{v.code}</span>
        </div>
      ),
    },
    {
      title: '依据',
      render: (_, v) => (
        <div className="cell-stack">
          <span className="cell-sub">违反：{v.violatedProvision}</span>
          <span className="cell-sub">处罚：{v.penaltyProvision}</span>
        </div>
      ),
    },
    {
      title: '法定罚款幅度',
      width: 260,
      render: (_, v) => (
        <div className="cell-stack">
          {v.tier2 && <span className="cell-sub">{FINE_TIER_LABELS[1]}</span>}
          <span>单位：{range(v.unitRange)}</span>
          <span>个人：{range(v.personRange)}</span>
          {v.tier2 && (
            <>
              <span className="cell-sub">{FINE_TIER_LABELS[2]}</span>
              <span>单位：{range(v.tier2.unitRange)}</span>
              <span>个人：{range(v.tier2.personRange)}</span>
            </>
          )}
          {v.otherPenalties.length > 0 && (
            <span className="cell-sub">{v.otherPenalties.map((p) => OTHER_PENALTY_LABELS[p]).join('、')}</span>
          )}
        </div>
      ),
    },
    {
      title: '裁量基准',
      width: 300,
      render: (_, v) =>
        v.bands.length === 0 ? (
          <span className="cell-sub">未设置</span>
        ) : (
          <div className="cell-stack">
            {v.bands.map((b) => (
              <span key={`${b.tier}-${b.target}-${b.circumstance}`} title={b.description}>
                {v.tier2 ? `${b.tier === 2 ? '第二档' : '第一档'} · ` : ''}
                {PENALTY_TARGET_LABELS[b.target]} ·{' '}
                <Tag color={{ minor: 'green', general: 'blue', serious: 'orange', grave: 'red' }[b.circumstance]}>
                  {CIRCUMSTANCE_LABELS[b.circumstance]}
                </Tag>
                {yuan(b.minFen)}–{yuan(b.maxFen)}
              </span>
            ))}
          </div>
        ),
    },
    ...(editable
      ? [
          {
            title: '',
            width: 80,
            render: (_: unknown, v: TViolation) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(v)}>
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
          违法行为与裁量基准
        </Typography.Title>
        <div className="page-actions">
          {editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              新增违法行为
            </Button>
          )}
        </div>
      </div>
      <Card variant="borderless">
        <Space direction="vertical" style={{ width: '100%' }}>
          <span className="cell-sub">
            拟处罚时按违法情节（轻微、一般、较重、严重）适用裁量幅度；超出幅度的，须书面说明理由并经法制审核。
          </span>
          <Table<TViolation>
            rowKey="code"
            size="middle"
            columns={columns}
            dataSource={list.data}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 900 }}
          />
        </Space>
      </Card>
      <EditDrawer editing={editing} onClose={() => setEditing(undefined)} />
    </div>
  );
}
