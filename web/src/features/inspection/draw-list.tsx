import { useQuery } from '@tanstack/react-query';
import { DRAW_STATUS_LABELS, type TDraw } from '@yingji/domain/inspection/draw.schema';
import { Card, Grid, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { drawApi, PLAN_KEYS } from '../../api/inspection-plan.api';
import { formatTime } from '../../app/locale';
import { DRAW_STATUS_COLORS, shortHash } from './draw-data';

/** The draws of a plan, superseded ones included (a redraw never hides the draw it replaced). */
export function DrawList({ planId }: { planId: number }) {
  const isPhone = Grid.useBreakpoint().md === false;
  const draws = useQuery({ queryKey: PLAN_KEYS.draws(planId), queryFn: () => drawApi.ofPlan(planId) });
  const label = (d: TDraw) => (
    <Link to={`/inspection/draws/${d.id}`}>
      {d.label}
      {d.redrawOf ? '（重新抽取）' : ''}
    </Link>
  );
  const status = (d: TDraw) => <Tag color={DRAW_STATUS_COLORS[d.status]}>{DRAW_STATUS_LABELS[d.status]}</Tag>;
  const published = (d: TDraw) => (d.publishedAt ? <Tag color="blue">已公开</Tag> : <Tag>未公开</Tag>);
  const columns: TableColumnsType<TDraw> = [
    { title: '批次', key: 'label', render: (_, d) => label(d) },
    { title: '状态', key: 'status', width: 170, render: (_, d) => status(d) },
    { title: '候选 / 抽中', key: 'n', width: 110, align: 'right', render: (_, d) => `${d.candidateCount} / ${d.targetCount}` },
    {
      title: '承诺值',
      key: 'commitment',
      width: 200,
      responsive: ['md'],
      render: (_, d) => (
        <span className="hash" title={d.commitment}>
          {shortHash(d.commitment)}
        </span>
      ),
    },
    { title: '生成承诺', dataIndex: 'committedAt', width: 170, responsive: ['lg'], render: formatTime },
    { title: '公开', key: 'pub', width: 90, render: (_, d) => published(d) },
  ];
  // on a phone the four narrow columns squeezed the batch name to one character a line: one stacked cell instead
  const phoneColumns: TableColumnsType<TDraw> = [
    {
      title: '抽取批次',
      key: 'draw',
      render: (_, d) => (
        <div className="cell-stack">
          <div className="cell-head">
            {label(d)}
            <span>
              {status(d)}
              {published(d)}
            </span>
          </div>
          <span className="cell-sub">
            候选 {d.candidateCount} 家 / 抽中 {d.targetCount} 家 · {formatTime(d.committedAt)}
          </span>
        </div>
      ),
    },
  ];
  return (
    <Card title="抽取批次">
      <Table
        rowKey="id"
        size="small"
        loading={draws.isPending}
        dataSource={draws.data ?? []}
        columns={isPhone ? phoneColumns : columns}
        pagination={false}
        locale={{ emptyText: '计划审批后即可开始抽取' }}
      />
    </Card>
  );
}
