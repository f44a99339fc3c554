import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { REVIEW_CRITERION_LABELS, type TReviewProblem } from '@yingji/domain/case/case.schema';
import { App, Button, Card, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { caseReviewApi } from '../../api/case.api';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { useCaseErrorHandler } from './case-data';
import './case.css';

/** 评查整改任务: the problems a review sent back to the handling bodies, open first; the body marks each done. */
export function CaseReviewTasksPage() {
  const can = useCan();
  const client = useQueryClient();
  const { message } = App.useApp();
  const onError = useCaseErrorHandler();
  const [open, setOpen] = useState<'true' | 'false' | ''>('true');
  const tasks = useQuery({ queryKey: ['case', 'review-tasks', open], queryFn: () => caseReviewApi.tasks(open ? { open } : {}) });
  const resolve = useMutation({
    mutationFn: caseReviewApi.resolve,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['case', 'review-tasks'] });
      void message.success('已标记整改完成');
    },
    onError: (e) => onError(e),
  });
  const columns: TableColumnsType<TReviewProblem> = [
    { title: '案卷', width: 220, render: (_, t) => <Link to={`/cases/${t.caseId}`}>{t.caseNo ?? `案件 ${t.caseId}`}</Link> },
    { title: '评查项', width: 100, render: (_, t) => <Tag>{REVIEW_CRITERION_LABELS[t.criterion]}</Tag> },
    { title: '问题', dataIndex: 'description' },
    { title: '下发时间', width: 170, render: (_, t) => formatTime(t.createdAt) },
    {
      title: '状态',
      width: 150,
      render: (_, t) =>
        t.resolvedAt ? (
          <Tag color="green">已整改</Tag>
        ) : can('case.handle') ? (
          <Button size="small" loading={resolve.isPending && resolve.variables === t.id} onClick={() => resolve.mutate(t.id)}>
            整改完成
          </Button>
        ) : (
          <Tag color="orange">待整改</Tag>
        ),
    },
  ];
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          评查整改任务
        </Typography.Title>
      </div>
      <Card variant="borderless">
        <Segmented
          className="filter-bar"
          value={open}
          onChange={(v) => setOpen(v as typeof open)}
          options={[
            { value: 'true', label: '待整改' },
            { value: 'false', label: '已整改' },
            { value: '', label: '全部' },
          ]}
        />
        <Table<TReviewProblem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={tasks.data}
          loading={tasks.isFetching}
          pagination={false}
          locale={{ emptyText: '没有整改任务' }}
        />
      </Card>
    </div>
  );
}
