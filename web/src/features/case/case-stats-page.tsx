import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFineTotals } from '@yingji/domain/case/case.schema';
import { Card, DatePicker, Select, Space, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { caseApi, type TStageCount } from '../../api/case.api';
import { useCurrentMe } from '../../app/auth';
import { bureauNow, dayjs } from '../../app/locale';
import { CASE_KEYS, StageTag, wanYuan, yuan } from './case-data';
import './case.css';
import { useTowns } from '../../kit';

type TRow = TFineTotals['rows'][number];

/** 案件统计: open cases by stage with their clocks, and fines decided and collected by body and period. */
export function CaseStatsPage() {
  const me = useCurrentMe();
  const towns = useTowns();
  const [params, setParams] = useSearchParams();
  const year = bureauNow().format('YYYY');
  const from = params.get('from') ?? `${year}-01-01`;
  const to = params.get('to') ?? bureauNow().format('YYYY-MM-DD');
  const divisionCode = params.get('divisionCode') ?? undefined;
  const q = { from, to, divisionCode };
  const stages = useQuery({ queryKey: CASE_KEYS.stages, queryFn: caseApi.stages });
  const fines = useQuery({ queryKey: CASE_KEYS.fines(q), queryFn: () => caseApi.fines(q), placeholderData: keepPreviousData });
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const stageColumns: TableColumnsType<TStageCount> = [
    { title: '阶段', render: (_, s) => <StageTag stage={s.stage} /> },
    { title: '案件数', align: 'right', render: (_, s) => <Link to={`/cases?stage=${s.stage}`}>{s.count}</Link> },
    {
      title: '7 日内到期',
      align: 'right',
      render: (_, s) =>
        s.dueSoon ? (
          <Link className="clock-soon" to={`/cases?stage=${s.stage}&clock=due_in_7_days`}>
            {s.dueSoon}
          </Link>
        ) : (
          0
        ),
    },
    {
      title: '已逾期',
      align: 'right',
      render: (_, s) =>
        s.overdue ? (
          <Link className="clock-late" to={`/cases?stage=${s.stage}&clock=overdue`}>
            {s.overdue}
          </Link>
        ) : (
          0
        ),
    },
  ];
  const fineColumns: TableColumnsType<TRow> = [
    { title: '办案机关', render: (_, r) => r.divisionName ?? r.divisionCode },
    { title: '决定案件', dataIndex: 'cases', align: 'right', render: (v: number) => `${v} 件` },
    { title: '决定罚款', align: 'right', render: (_, r) => yuan(r.decidedFen) },
    { title: '已缴罚款', align: 'right', render: (_, r) => yuan(r.paidFen) },
    { title: '加处罚款', align: 'right', render: (_, r) => yuan(r.surchargeFen) },
  ];
  const total = fines.data?.total;
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          案件统计
        </Typography.Title>
      </div>
      <Card variant="borderless" title="罚没款统计（按决定日期）" style={{ marginBottom: 16 }}>
        <Space wrap className="filter-bar">
          <DatePicker.RangePicker
            value={[dayjs(from), dayjs(to)]}
            allowClear={false}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
          {me.user.divisionCode.length < 9 && (
            <Select
              allowClear
              placeholder="办案机关（全部）"
              style={{ width: 170 }}
              options={[{ value: me.user.divisionCode, label: `${me.user.divisionName ?? ''}（本级）` }, ...towns.options]}
              value={divisionCode}
              onChange={(v?: string) => update({ divisionCode: v })}
            />
          )}
        </Space>
        {total && (
          <>
            <div className="stat-row" data-testid="fine-totals">
              <Statistic title="作出处罚决定" value={total.cases} suffix="件" />
              <Statistic title="决定罚款" value={yuan(total.decidedFen)} />
              <Statistic title="已缴罚款" value={yuan(total.paidFen)} />
              <Statistic title="加处罚款" value={yuan(total.surchargeFen)} />
            </div>
            <p className="cell-sub">
              {from} 至 {to}：作出行政处罚 {total.cases} 件，罚款 {yuan(total.decidedFen)}（{wanYuan(total.decidedFen)}），已缴{' '}
              {yuan(total.paidFen)}。
            </p>
          </>
        )}
        <Table<TRow>
          rowKey="divisionCode"
          size="middle"
          pagination={false}
          columns={fineColumns}
          dataSource={fines.data?.rows}
          loading={fines.isFetching}
          locale={{ emptyText: '期间内没有作出处罚决定的案件' }}
        />
      </Card>
      <Card variant="borderless" title="各阶段案件及期限">
        <Table<TStageCount>
          rowKey="stage"
          size="middle"
          pagination={false}
          columns={stageColumns}
          dataSource={stages.data}
          loading={stages.isFetching}
          locale={{ emptyText: '没有案件' }}
        />
      </Card>
    </div>
  );
}
