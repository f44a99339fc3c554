import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { MEASURE_STATE_LABELS, MEASURE_STATES } from '@yingji/domain/findings/findings.rules';
import type { TMeasure } from '@yingji/domain/findings/findings.schema';
import { Select, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { findingsApi, FINDINGS_KEYS } from '../../api/findings.api';
import { enumOptions, ListPage, param, useListParams } from '../../kit';
import { DueTag, MeasureStateTag } from './findings-data';

const FILTERS = {
  q: param.text(),
  mine: param.oneOf(['owner', 'reviewer'] as const),
  due: param.oneOf(['overdue', 'due_soon', 'open'] as const),
  state: param.oneOf(MEASURE_STATES),
  roundId: param.int(),
};

const columns: TableColumnsType<TMeasure> = [
  { title: '问题', width: 220, render: (_, m) => `${m.itemNo}. ${m.findingTitle}` },
  { title: '整改措施', dataIndex: 'content', render: (v: string, m) => <Link to={`/rectification/measures/${m.id}`}>{v}</Link> },
  { title: '责任部门', dataIndex: 'department', width: 130 },
  { title: '责任人', dataIndex: 'ownerName', width: 100 },
  {
    title: '整改时限',
    width: 150,
    render: (_, m) => (
      <Space size={4}>
        {m.deadline}
        <DueTag due={m.due} />
      </Space>
    ),
  },
  { title: '状态', dataIndex: 'state', width: 90, render: (s: TMeasure['state']) => <MeasureStateTag state={s} /> },
  { title: '审核人', dataIndex: 'reviewerName', width: 100, render: (v: string | null) => v ?? '—' },
];

/** 整改措施清单: mine, to sign off, overdue, due soon; the workbench's counts open this list with the same filter. */
export function MeasuresPage() {
  const list = useListParams(FILTERS);
  const { filter, page, pageSize } = list;
  const query = useQuery({
    queryKey: [...FINDINGS_KEYS.all, 'measures', filter, page, pageSize],
    queryFn: () => findingsApi.measures({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  return (
    <ListPage
      title="整改措施清单"
      list={list}
      query={query}
      refresh
      search={{ placeholder: '措施、问题、部门、牵头领导' }}
      filters={
        <>
          <Select
            allowClear
            placeholder="与我有关"
            style={{ width: 140 }}
            value={filter.mine}
            onChange={(v) => list.update({ mine: v ?? null })}
            options={[
              { value: 'owner', label: '我负责的' },
              { value: 'reviewer', label: '待我销号的' },
            ]}
          />
          <Select
            allowClear
            placeholder="时限"
            style={{ width: 120 }}
            value={filter.due}
            onChange={(v) => list.update({ due: v ?? null })}
            options={[
              { value: 'overdue', label: '已超期' },
              { value: 'due_soon', label: '7 日内到期' },
              { value: 'open', label: '未销号' },
            ]}
          />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 120 }}
            value={filter.state}
            onChange={(v) => list.update({ state: v ?? null })}
            options={enumOptions(MEASURE_STATES, MEASURE_STATE_LABELS)}
          />
        </>
      }
      columns={columns}
      card={(m) => (
        <Space direction="vertical" size={2}>
          <Link to={`/rectification/measures/${m.id}`}>{m.content}</Link>
          <Typography.Text type="secondary">
            {m.department} · {m.ownerName} · {m.deadline}
          </Typography.Text>
          <Space size={4}>
            <MeasureStateTag state={m.state} />
            <DueTag due={m.due} />
          </Space>
        </Space>
      )}
      rowKey="id"
      emptyText="没有符合条件的整改措施"
      unit="项"
      tableProps={{ scroll: { x: 1000 } }}
    />
  );
}
