import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Segmented, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFrequencyPage } from '@yingji/domain/inspection/stats.schema';
import { INSPECTION_REPORT_KEYS, inspectionReportApi } from '../../api/inspection-report.api';
import { StratumTag } from './stratum-tag';

type TRow = TFrequencyPage['items'][number];

/** Firms of the plan's pool checked fewer times than their grade's minimum this year, or more than its cap. */
export function FrequencyCard({ planId, year, isPhone }: { planId: number; year: number; isPhone: boolean }) {
  const [which, setWhich] = useState<'below' | 'above'>('below');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: INSPECTION_REPORT_KEYS.frequency(planId, which, page),
    queryFn: () => inspectionReportApi.frequency(planId, which, page),
    placeholderData: keepPreviousData,
  });
  const switcher = (
    <Segmented<'below' | 'above'>
      size="small"
      value={which}
      onChange={(v) => {
        setWhich(v);
        setPage(1);
      }}
      options={[
        { label: '低于最少次数', value: 'below' },
        { label: '超过最多次数', value: 'above' },
      ]}
    />
  );
  const firm = (r: TRow) => (
    <div className="cell-stack">
      <span>{r.name}</span>
      <span className="cell-sub">{r.divisionName}</span>
    </div>
  );
  const columns: TableColumnsType<TRow> = isPhone
    ? [
        {
          title: '企业',
          key: 'firm',
          render: (_, r) => (
            <div className="cell-stack">
              {firm(r)}
              <span className="cell-sub">
                <StratumTag stratum={r.stratum} />
                本年检查 {r.checks} 次，应检 {r.min}–{r.max} 次
              </span>
            </div>
          ),
        },
      ]
    : [
        { title: '企业', key: 'firm', render: (_, r) => firm(r) },
        { title: '风险等级', key: 'grade', width: 90, render: (_, r) => <StratumTag stratum={r.stratum} /> },
        { title: '本年检查', dataIndex: 'checks', key: 'checks', width: 90, align: 'right' },
        { title: '应检次数', key: 'bounds', width: 100, align: 'right', render: (_, r) => `${r.min}–${r.max}` },
      ];
  return (
    <Card title={`${year} 年检查频次`} size="small" className="report-section" extra={isPhone ? null : switcher}>
      {isPhone ? <div className="frequency-switch">{switcher}</div> : null}
      <Table<TRow>
        rowKey="enterpriseId"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          size: 'small',
          showTotal: (t) => `共 ${t} 家`,
        }}
        columns={columns}
      />
    </Card>
  );
}
