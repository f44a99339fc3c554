import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  EMERGENCY_PLAN_KINDS,
  EMERGENCY_PLAN_KIND_LABELS,
  EMERGENCY_PLAN_LEVELS,
  EMERGENCY_PLAN_LEVEL_LABELS,
  EMERGENCY_PLAN_STATUSES,
  EMERGENCY_PLAN_STATUS_LABELS,
  emergencyPlanEndpoints,
  type TEmergencyPlanItem,
} from '@yingji/domain';
import { Alert, Button, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { call, endpointUrl } from '../../api/client';
import { useCan } from '../../app/auth';
import { EnumTag, FlagFilter, ListPage, SelectFilter, TownFilter, enumOptions, param, useListParams } from '../../kit';
import { DRILL_KEYS, DutyTag, intervalText } from './drill-data';
import { PlanFormModal } from './plan-form';

const FILTERS = {
  q: param.text(),
  level: param.oneOf(EMERGENCY_PLAN_LEVELS),
  kind: param.oneOf(EMERGENCY_PLAN_KINDS),
  status: param.oneOf(EMERGENCY_PLAN_STATUSES),
  divisionCode: param.text(),
  overdue: param.flag(),
};

/** 应急预案台账: each plan with its drill duty (last drill, next due, overdue), filters in the address, Excel export. */
export function PlansPage() {
  const can = useCan();
  const list = useListParams(FILTERS);
  const { q, ...rest } = list.filter;
  const query = { ...rest, keyword: q };
  const [creating, setCreating] = useState(false);
  const plans = useQuery({
    queryKey: [...DRILL_KEYS.plans, query, list.page, list.pageSize],
    queryFn: () => call(emergencyPlanEndpoints.list, { query: { ...query, page: list.page, pageSize: list.pageSize } }),
    placeholderData: keepPreviousData,
  });
  const overdue = useQuery({
    queryKey: [...DRILL_KEYS.plans, 'compliance-total'],
    queryFn: () => call(emergencyPlanEndpoints.compliance, { query: { by: 'level' } }),
  });

  const columns: TableColumnsType<TEmergencyPlanItem> = [
    { title: '预案名称', dataIndex: 'name', width: 300, render: (v: string, r) => <Link to={`/drill/plans/${r.id}`}>{v}</Link> },
    { title: '层级', dataIndex: 'level', width: 70, render: (v) => EMERGENCY_PLAN_LEVEL_LABELS[v as TEmergencyPlanItem['level']] },
    { title: '类别', dataIndex: 'kind', width: 120, render: (v) => EMERGENCY_PLAN_KIND_LABELS[v as TEmergencyPlanItem['kind']] },
    { title: '编制单位', width: 200, render: (_, r) => r.enterpriseName ?? r.ownerUnit },
    { title: '区划', dataIndex: 'townName', width: 90 },
    { title: '演练周期', width: 130, render: (_, r) => intervalText(r.duty.intervalMonths) },
    { title: '上次演练', width: 110, render: (_, r) => r.duty.lastDrillOn ?? <Typography.Text type="secondary">未演练</Typography.Text> },
    { title: '应演练截止', width: 110, render: (_, r) => r.duty.nextDueOn ?? '—' },
    { title: '演练情况', width: 110, render: (_, r) => <DutyTag duty={r.duty} /> },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (v) => (
        <EnumTag
          value={v as TEmergencyPlanItem['status']}
          labels={EMERGENCY_PLAN_STATUS_LABELS}
          colors={{ repealed: 'default', revising: 'gold', in_force: 'blue' }}
        />
      ),
    },
  ];

  return (
    <ListPage
      title="应急预案"
      list={list}
      query={plans}
      refresh
      exportHref={endpointUrl(emergencyPlanEndpoints.export, { query })}
      search={{ placeholder: '预案名称、编制单位' }}
      actions={
        can('drill.plan') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            登记预案
          </Button>
        ) : null
      }
      banner={
        overdue.data && overdue.data.total.overdue > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={
              <Space wrap>
                <span>
                  {overdue.data.total.overdue} 项预案超过规定周期未演练（有演练要求的 {overdue.data.total.withDuty} 项中），另有{' '}
                  {overdue.data.total.dueIn30Days} 项 30 天内到期
                </span>
                <Link to="/drill/plans?overdue=true">只看逾期</Link>
                <Link to="/drill/compliance">履职统计</Link>
              </Space>
            }
          />
        ) : null
      }
      filters={
        <>
          <SelectFilter
            list={list}
            name="level"
            placeholder="全部层级"
            label="层级"
            options={enumOptions(EMERGENCY_PLAN_LEVELS, EMERGENCY_PLAN_LEVEL_LABELS)}
          />
          <SelectFilter
            list={list}
            name="kind"
            placeholder="全部类别"
            label="类别"
            width={150}
            options={enumOptions(EMERGENCY_PLAN_KINDS, EMERGENCY_PLAN_KIND_LABELS)}
          />
          <SelectFilter
            list={list}
            name="status"
            placeholder="全部状态"
            label="状态"
            options={enumOptions(EMERGENCY_PLAN_STATUSES, EMERGENCY_PLAN_STATUS_LABELS)}
          />
          <TownFilter value={list.filter.divisionCode} onChange={(v) => list.update({ divisionCode: v ?? null })} />
          <FlagFilter list={list} name="overdue" label="逾期未演练" />
        </>
      }
      columns={columns}
      card={(r) => (
        <Space direction="vertical" size={2}>
          <Link to={`/drill/plans/${r.id}`}>{r.name}</Link>
          <span>
            {EMERGENCY_PLAN_KIND_LABELS[r.kind]} · {r.enterpriseName ?? r.ownerUnit}
          </span>
          <Space size={4}>
            <DutyTag duty={r.duty} />
            <span>截止 {r.duty.nextDueOn ?? '—'}</span>
          </Space>
        </Space>
      )}
      tableProps={{ scroll: { x: 1320 } }}
      emptyText="没有符合条件的应急预案"
      unit="项"
    >
      {creating ? <PlanFormModal onClose={() => setCreating(false)} /> : null}
    </ListPage>
  );
}
