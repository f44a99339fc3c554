import { useQuery } from '@tanstack/react-query';
import { emergencyPlanEndpoints } from '@yingji/domain';
import { Alert, Card, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../api/client';

const BY = [
  { value: 'town', label: '按镇街' },
  { value: 'kind', label: '按类别' },
  { value: 'level', label: '按层级' },
  { value: 'owner', label: '按编制单位' },
] as const;

/** 预案演练履职: per town, kind, level or owner, how many plans owe a drill and how many are overdue, from the plans' stored last drill. */
export function CompliancePage() {
  const [by, setBy] = useState<(typeof BY)[number]['value']>('town');
  const q = useQuery({ queryKey: ['drill', 'compliance', by], queryFn: () => call(emergencyPlanEndpoints.compliance, { query: { by } }) });
  const filterLink = (key: string) =>
    by === 'town'
      ? `/drill/plans?overdue=true&divisionCode=${key}`
      : by === 'kind'
        ? `/drill/plans?overdue=true&kind=${key}`
        : by === 'level'
          ? `/drill/plans?overdue=true&level=${key}`
          : `/drill/plans?overdue=true&q=${encodeURIComponent(key)}`;
  return (
    <Card title="预案演练履职情况" extra={<Segmented options={[...BY]} value={by} onChange={(v) => setBy(v as typeof by)} />}>
      {q.isError ? <Alert type="error" message={(q.error as Error).message} /> : null}
      <Typography.Paragraph type="secondary">
        截至 {q.data?.today ?? '—'}；由每项预案登记的最近一次演练和演练周期计算，已废止的预案不计。
      </Typography.Paragraph>
      <Table
        rowKey="key"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        summary={() =>
          q.data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {q.data.total.plans}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {q.data.total.withDuty}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {q.data.total.overdue}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {q.data.total.dueIn30Days}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {q.data.total.neverDrilled}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
        columns={[
          { title: BY.find((b) => b.value === by)!.label.slice(1), dataIndex: 'label' },
          { title: '预案数', dataIndex: 'plans', align: 'right', width: 90 },
          { title: '有演练要求', dataIndex: 'withDuty', align: 'right', width: 100 },
          {
            title: '逾期未演练',
            dataIndex: 'overdue',
            align: 'right',
            width: 110,
            render: (v: number, r) =>
              v > 0 ? (
                <Link to={filterLink(r.key)} style={{ color: '#cf1322' }}>
                  {v}
                </Link>
              ) : (
                0
              ),
          },
          { title: '30 天内到期', dataIndex: 'dueIn30Days', align: 'right', width: 110 },
          { title: '从未演练', dataIndex: 'neverDrilled', align: 'right', width: 100 },
        ]}
      />
    </Card>
  );
}
