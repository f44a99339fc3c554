import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { TASK_STATES, TASK_STATE_LABELS, drillTaskEndpoints, type TTask } from '@yingji/domain';
import { Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { call, endpointUrl } from '../../api/client';
import { ListPage, SelectFilter, enumOptions, param, useListParams } from '../../kit';
import { DRILL_KEYS } from './drill-data';
import { TaskActions, TaskStateTag } from './task-actions';

const FILTERS = { state: param.oneOf(TASK_STATES), mine: param.oneOf(['owner', 'signer'] as const) };

/** 演练整改任务: every review task in scope, or mine to complete, or others' to sign off. */
export function TasksPage() {
  const list = useListParams(FILTERS);
  const query = useQuery({
    queryKey: [...DRILL_KEYS.tasks, list.filter, list.page, list.pageSize],
    queryFn: () => call(drillTaskEndpoints.list, { query: { ...list.filter, page: list.page, pageSize: list.pageSize } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<TTask> = [
    { title: '演练', dataIndex: 'drillTitle', width: 180, render: (v: string, t) => <Link to={`/drill/drills/${t.drillId}`}>{v}</Link> },
    { title: '环节', dataIndex: 'phase', width: 90 },
    { title: '问题', dataIndex: 'finding' },
    { title: '责任单位', dataIndex: 'unit', width: 130 },
    { title: '责任人', dataIndex: 'ownerName', width: 80 },
    { title: '期限', dataIndex: 'deadline', width: 100 },
    { title: '状态', width: 120, render: (_, t) => <TaskStateTag task={t} /> },
    { title: '操作', width: 150, render: (_, t) => <TaskActions task={t} /> },
  ];
  return (
    <ListPage
      title="演练复盘整改任务"
      list={list}
      query={query}
      refresh
      exportHref={endpointUrl(drillTaskEndpoints.export, { query: list.filter })}
      filters={
        <>
          <SelectFilter
            list={list}
            name="state"
            placeholder="全部状态"
            label="状态"
            options={enumOptions(TASK_STATES, TASK_STATE_LABELS)}
          />
          <SelectFilter
            list={list}
            name="mine"
            placeholder="全部任务"
            label="我的任务"
            width={160}
            options={[
              { value: 'owner', label: '我负责整改的' },
              { value: 'signer', label: '待我验收的' },
            ]}
          />
        </>
      }
      columns={columns}
      card={(t) => (
        <Space direction="vertical" size={2}>
          <Link to={`/drill/drills/${t.drillId}`}>{t.drillTitle}</Link>
          <span>
            【{t.phase}】{t.finding}
          </span>
          <Space size={4}>
            <TaskStateTag task={t} /> {t.ownerName} · 期限 {t.deadline}
          </Space>
          <TaskActions task={t} />
        </Space>
      )}
      emptyText="没有整改任务"
      unit="项"
    />
  );
}
