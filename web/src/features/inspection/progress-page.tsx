import { useEffect, useState } from 'react';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Grid, Progress, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TOverdueTarget, TPlanProgress } from '@yingji/domain/inspection/stats.schema';
import { INSPECTION_REPORT_KEYS, inspectionReportApi } from '../../api/inspection-report.api';
import { FrequencyCard } from './progress-frequency';
import { StratumTag } from './stratum-tag';
import './inspection-report.css';

const PLAN_STATUS: Record<string, string> = { draft: '草稿', approved: '已批准', closed: '已结束' };

function ShareCell({ done, planned, share }: { done: number; planned: number; share: number }) {
  return (
    <div className="progress-cell" aria-label={`完成 ${done} / ${planned}`}>
      <Progress percent={Math.round(share * 1000) / 10} size="small" status={share >= 1 ? 'success' : 'normal'} />
      <span className="cell-sub">
        {done}/{planned}
      </span>
    </div>
  );
}

type TTownRow = TPlanProgress['byTown'][number];
type TGradeRow = TPlanProgress['byGrade'][number];

/** 计划执行进度: checks done against the plan's drawn targets, by town and grade, with the overdue ones. */
export function ProgressPage() {
  const isPhone = Grid.useBreakpoint().md === false;
  const plans = useQuery({ queryKey: INSPECTION_REPORT_KEYS.plans, queryFn: inspectionReportApi.plans });
  const [planId, setPlanId] = useState<number | null>(null);
  useEffect(() => {
    if (planId === null && plans.data?.[0]) setPlanId(plans.data[0].id);
  }, [planId, plans.data]);
  const progress = useQuery({
    queryKey: INSPECTION_REPORT_KEYS.progress(planId ?? 0),
    queryFn: () => inspectionReportApi.progress(planId!),
    enabled: planId !== null,
    placeholderData: keepPreviousData,
  });
  const p = progress.data;

  const townColumns: TableColumnsType<TTownRow> = [
    { title: '镇街', dataIndex: 'divisionName', key: 'town', width: 110 },
    { title: '计划（家）', dataIndex: 'planned', key: 'planned', align: 'right', width: 90 },
    { title: '已完成（家）', dataIndex: 'done', key: 'done', align: 'right', width: 100 },
    { title: '完成率', key: 'share', render: (_, r) => <ShareCell {...r} />, sorter: (a, b) => a.share - b.share },
  ];
  const townColumnsPhone: TableColumnsType<TTownRow> = [
    { title: '镇街', dataIndex: 'divisionName', key: 'town', width: 96 },
    { title: '完成情况', key: 'share', render: (_, r) => <ShareCell {...r} /> },
  ];
  const gradeColumns: TableColumnsType<TGradeRow> = [
    { title: '风险等级', key: 'grade', width: 90, render: (_, r) => <StratumTag stratum={r.stratum} /> },
    { title: '计划', dataIndex: 'planned', key: 'planned', align: 'right', width: 60 },
    { title: '完成率', key: 'share', render: (_, r) => <ShareCell {...r} /> },
  ];
  const overdueColumns: TableColumnsType<TOverdueTarget> = [
    {
      title: '企业',
      key: 'firm',
      render: (_, o) => (
        <div className="cell-stack">
          <span>{o.enterpriseName}</span>
          <span className="cell-sub">
            {o.divisionName} · <StratumTag stratum={o.stratum} />
          </span>
        </div>
      ),
    },
    {
      title: '逾期原因',
      key: 'reason',
      width: isPhone ? 120 : 200,
      render: (_, o) =>
        o.reason === 'period_ended' ? (
          <Tag color="red">计划期满未检查</Tag>
        ) : (
          <div className="cell-stack">
            <Tag color="orange">结果逾期未公示</Tag>
            <span className="cell-sub">检查于 {isPhone ? o.inspectedOn?.slice(5) : o.inspectedOn}</span>
          </div>
        ),
    },
    { title: '应完成', dataIndex: 'dueOn', key: 'due', width: 110, responsive: ['md'] },
    {
      title: '',
      key: 'doc',
      width: 90,
      responsive: ['md'],
      render: (_, o) =>
        o.inspectionId ? (
          <a href={inspectionReportApi.recordDocxUrl(o.inspectionId)} download>
            检查记录
          </a>
        ) : null,
    },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          计划执行进度
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void progress.refetch()} aria-label="刷新" disabled={!planId}>
            {isPhone ? null : '刷新'}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={planId ? inspectionReportApi.progressExportUrl(planId) : undefined}
            download
            disabled={!p}
            data-testid="progress-export"
          >
            导出 Excel
          </Button>
        </div>
      </div>

      <div className="stats-period">
        <Select
          className="plan-select"
          placeholder="选择检查计划"
          loading={plans.isLoading}
          value={planId ?? undefined}
          onChange={setPlanId}
          aria-label="检查计划"
          options={(plans.data ?? []).map((x) => ({
            value: x.id,
            label: `${x.title}（${x.periodStart} 至 ${x.periodEnd}，${PLAN_STATUS[x.status] ?? x.status}）`,
          }))}
          notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无检查计划" />}
        />
      </div>

      {plans.data && plans.data.length === 0 ? (
        <Empty description="暂无可查看的检查计划：计划下达并抽取检查对象后，在此查看执行进度" />
      ) : null}
      {progress.error ? <Alert type="error" showIcon message={progress.error.message} className="report-section" /> : null}

      {p ? (
        <>
          <div className="stats-cards progress-cards">
            <Card size="small">
              <Statistic title="计划检查" value={p.totals.planned} suffix="家" />
            </Card>
            <Card size="small">
              <Statistic title="已完成" value={p.totals.done} suffix="家" />
            </Card>
            <Card size="small">
              <Statistic title="完成率" value={Math.round(p.totals.share * 1000) / 10} suffix="%" precision={1} />
            </Card>
            <Card size="small">
              <Statistic
                title="逾期"
                value={p.overdueTotal}
                suffix="家"
                styles={{ content: p.overdueTotal > 0 ? { color: '#cf1322' } : undefined }}
              />
            </Card>
          </div>
          <div className="progress-grid">
            <Card title="按镇街" size="small">
              <Table<TTownRow>
                rowKey="divisionCode"
                size="small"
                columns={isPhone ? townColumnsPhone : townColumns}
                dataSource={p.byTown}
                pagination={false}
                loading={progress.isFetching}
              />
            </Card>
            <Card title="按风险等级" size="small">
              <Table<TGradeRow> rowKey="stratum" size="small" columns={gradeColumns} dataSource={p.byGrade} pagination={false} />
            </Card>
          </div>
          <Card
            title={`逾期目标（${p.overdueTotal}）`}
            size="small"
            className="report-section"
            extra={
              p.overdueTotal > p.overdue.length ? (
                <span className="cell-sub">显示最早到期的 {p.overdue.length} 家，完整名单请导出</span>
              ) : null
            }
          >
            <Table<TOverdueTarget>
              rowKey="targetId"
              size="small"
              columns={overdueColumns}
              dataSource={p.overdue}
              pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有逾期的检查目标" /> }}
            />
          </Card>
          <FrequencyCard planId={p.plan.id} year={p.plan.year} isPhone={isPhone} />
        </>
      ) : null}
    </div>
  );
}
