import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { RISK_BASIS_LABELS } from '@yingji/domain/risk/risk.schema';
import { Card, Grid, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { riskApi, type TExpiringGrade } from '../../api/risk.api';
import { RISK_KEYS, RiskColourTag } from './risk-data';
import './risk.css';

/** 评估到期: grades whose expert assessment lapses soon, or has lapsed (re-assessed every 3 years). */
export function ExpiringPage() {
  const isPhone = Grid.useBreakpoint().md === false;
  const [state, setState] = useState<'expiring' | 'expired'>('expiring');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: [...RISK_KEYS.expiring, state, page],
    queryFn: () => riskApi.expiring({ state, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<TExpiringGrade> = [
    {
      title: '企业',
      key: 'firm',
      width: 260,
      render: (_, g) => (
        <div className="cell-stack">
          <Link to={`/enterprises/${g.enterpriseId}`}>{g.enterpriseName}</Link>
          <span className="cell-sub mono">{g.creditCode}</span>
        </div>
      ),
    },
    { title: '镇街', key: 'town', width: 100, render: (_, g) => g.divisionName ?? '—' },
    { title: '等级', key: 'colour', width: 70, render: (_, g) => <RiskColourTag colour={g.colour} /> },
    { title: '依据', key: 'basis', width: 90, render: (_, g) => RISK_BASIS_LABELS[g.basis] },
    { title: '评估日期', dataIndex: 'assessedOn', width: 110 },
    { title: '有效期至', dataIndex: 'validUntil', width: 110 },
    {
      title: state === 'expiring' ? '剩余' : '已过期',
      key: 'days',
      width: 100,
      render: (_, g) =>
        g.daysLeft < 0 ? <Tag color="red">{-g.daysLeft} 天</Tag> : <Tag color={g.daysLeft <= 30 ? 'orange' : 'gold'}>{g.daysLeft} 天</Tag>,
    },
  ];
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          评估到期提醒
        </Typography.Title>
      </div>
      <Card variant="borderless">
        <Segmented
          className="filter-bar"
          value={state}
          onChange={(v) => {
            setState(v as 'expiring' | 'expired');
            setPage(1);
          }}
          options={[
            { value: 'expiring', label: `${list.data?.withinDays ?? 90} 天内到期` },
            { value: 'expired', label: '已过期' },
          ]}
        />
        <Table<TExpiringGrade>
          rowKey="enterpriseId"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={isPhone ? { x: 800 } : undefined}
          locale={{ emptyText: state === 'expiring' ? '近期没有到期的评估' : '没有过期的评估' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (t) => `共 ${t} 家`,
            simple: isPhone,
          }}
        />
      </Card>
    </div>
  );
}
