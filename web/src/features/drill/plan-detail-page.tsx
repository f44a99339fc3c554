import { useQuery } from '@tanstack/react-query';
import {
  ACCIDENT_TYPE_LABELS,
  DRILL_STATUS_LABELS,
  EMERGENCY_PLAN_KIND_LABELS,
  EMERGENCY_PLAN_LEVEL_LABELS,
  EMERGENCY_PLAN_STATUS_LABELS,
  EMERGENCY_TYPES,
  attachmentEndpoints,
  emergencyPlanEndpoints,
} from '@yingji/domain';
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { call, endpointUrl } from '../../api/client';
import { useCan } from '../../app/auth';
import { enumLabel, useIsPhone } from '../../kit';
import { DRILL_KEYS, DutyTag, intervalText } from './drill-data';
import { PlanFormModal, RevisionModal } from './plan-form';
import { PlanResourceList } from './plan-resources';

const DISASTER_LABELS = Object.fromEntries(EMERGENCY_TYPES.map((t) => [t.code, t.label])) as Record<string, string>;

/** 预案详情: the drill duty at the top (why, last drill, next due), versions with the drills that revised them, drills. */
export function PlanDetailPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const isPhone = useIsPhone();
  const [revising, setRevising] = useState(false);
  const [editing, setEditing] = useState(false);
  const plan = useQuery({ queryKey: DRILL_KEYS.plan(id), queryFn: () => call(emergencyPlanEndpoints.get, { params: { id } }) });
  if (plan.isError) return <Alert type="error" message={(plan.error as Error).message} />;
  if (!plan.data) return <Spin />;
  const p = plan.data;
  // on a phone the buttons go under the title, which would otherwise shrink to one character
  const actions = (
    <Space wrap>
      {can('drill.record') && p.status !== 'repealed' ? (
        <Link to={`/drill/drills/new?planId=${p.id}`}>
          <Button type="primary">登记演练</Button>
        </Link>
      ) : null}
      {can('drill.plan') ? <Button onClick={() => setEditing(true)}>修改</Button> : null}
      {can('drill.plan') ? <Button onClick={() => setRevising(true)}>上传修订版本</Button> : null}
    </Space>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={<span style={{ whiteSpace: 'normal' }}>{p.name}</span>} extra={isPhone ? null : actions}>
        {isPhone ? <div style={{ marginBottom: 12 }}>{actions}</div> : null}
        {p.duty.overdue ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={`已逾期 ${-(p.duty.daysLeft ?? 0)} 天未演练：应在 ${p.duty.nextDueOn} 前组织演练`}
            description={p.duty.basis}
          />
        ) : null}
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label="层级">{EMERGENCY_PLAN_LEVEL_LABELS[p.level]}</Descriptions.Item>
          <Descriptions.Item label="类别">{EMERGENCY_PLAN_KIND_LABELS[p.kind]}</Descriptions.Item>
          <Descriptions.Item label="状态">{EMERGENCY_PLAN_STATUS_LABELS[p.status]}</Descriptions.Item>
          <Descriptions.Item label="编制单位">{p.enterpriseName ?? p.ownerUnit}</Descriptions.Item>
          <Descriptions.Item label="镇街">{p.townName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="发布日期">{p.issuedOn}</Descriptions.Item>
          <Descriptions.Item label="最近修订">{p.revisedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="下次评估">{p.reviewDueOn}</Descriptions.Item>
          <Descriptions.Item label="演练周期">{intervalText(p.duty.intervalMonths)}</Descriptions.Item>
          <Descriptions.Item label="上次演练">{p.duty.lastDrillOn ?? '未演练'}</Descriptions.Item>
          <Descriptions.Item label="应演练截止">
            <Space size={4}>
              {p.duty.nextDueOn ?? '—'}
              <DutyTag duty={p.duty} />
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="依据">{p.duty.basis ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="涉及事故/灾害" span={3}>
            <Space size={4} wrap>
              {p.workSafety ? <Tag color="volcano">生产安全事故预案</Tag> : null}
              {p.highRisk ? <Tag color="orange">高危/人员密集场所</Tag> : null}
              {p.accidentTypes.map((t) => (
                <Tag key={t}>{enumLabel(ACCIDENT_TYPE_LABELS, t)}</Tag>
              ))}
              {p.disasterTypes.map((t) => (
                <Tag key={t}>{enumLabel(DISASTER_LABELS, t)}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="依托资源" span={3}>
            <PlanResourceList linked={p.linkedResources} named={p.resources} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="演练记录" size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p.drills}
          locale={{ emptyText: '尚未登记演练' }}
          scroll={{ x: 560 }}
          columns={[
            { title: '演练', dataIndex: 'title', render: (v: string, r) => <Link to={`/drill/drills/${r.id}`}>{v}</Link> },
            { title: '计划日期', dataIndex: 'plannedOn', width: 110 },
            { title: '实施日期', dataIndex: 'heldOn', width: 110, render: (v: string | null) => v ?? '—' },
            { title: '状态', dataIndex: 'status', width: 90, render: (v: keyof typeof DRILL_STATUS_LABELS) => DRILL_STATUS_LABELS[v] },
          ]}
        />
      </Card>
      <Card title="预案文本版本" size="small">
        <Table
          rowKey="no"
          size="small"
          pagination={false}
          dataSource={p.versions}
          locale={{ emptyText: '未上传预案文本' }}
          scroll={{ x: 760 }}
          columns={[
            { title: '版本', dataIndex: 'no', width: 60, render: (v: number) => `第 ${v} 版` },
            {
              title: '文件',
              dataIndex: 'fileName',
              render: (v: string, r) => (
                <a href={endpointUrl(attachmentEndpoints.file, { params: { sha256: r.sha256 } })} target="_blank" rel="noreferrer">
                  {v}
                </a>
              ),
            },
            { title: '修订日期', dataIndex: 'revisedOn', width: 110 },
            { title: '修订说明', dataIndex: 'note' },
            {
              title: '引发修订的演练',
              width: 200,
              render: (_, r) => (r.drillId ? <Link to={`/drill/drills/${r.drillId}`}>{r.drillTitle}</Link> : '—'),
            },
          ]}
        />
      </Card>
      {revising ? <RevisionModal plan={p} onClose={() => setRevising(false)} /> : null}
      {editing ? <PlanFormModal plan={p} onClose={() => setEditing(false)} /> : null}
    </Space>
  );
}
