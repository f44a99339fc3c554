import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Grid, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { enterpriseApi, type TObligationAlert } from '../../api/enterprise.api';
import { ENTERPRISE_KEYS } from './enterprise-data';
import { RegistrationStatusTag, SupervisionStatusTag } from './enterprise-tags';
import './enterprise.css';

/**
 * 注销预警: firms that were deregistered, revoked or dropped from the regulator's list while they still owe
 * something (open hazards, cases), so that deregistration is not a way out of a penalty.
 */
export function AlertsPage() {
  const isPhone = Grid.useBreakpoint().md === false;
  const alerts = useQuery({ queryKey: ENTERPRISE_KEYS.alerts, queryFn: enterpriseApi.alerts });

  const firm = (a: TObligationAlert) => (
    <div className="cell-stack">
      <Link to={`/enterprises/${a.enterprise.id}`}>{a.enterprise.name}</Link>
      <span className="cell-sub mono">{a.enterprise.creditCode}</span>
    </div>
  );
  const obligations = (a: TObligationAlert) => (
    <div className="cell-stack">
      {a.obligations.map((o) => (
        <span key={`${o.module}-${o.kind}`}>
          <Tag color="red">{o.count}</Tag>
          {o.summary}
        </span>
      ))}
    </div>
  );
  const columns: TableColumnsType<TObligationAlert> = [
    { title: '企业', key: 'firm', width: 260, render: (_, a) => firm(a) },
    { title: '所属镇街', key: 'division', width: 110, render: (_, a) => a.enterprise.divisionName ?? a.enterprise.divisionCode },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, a) => (
        <>
          <RegistrationStatusTag status={a.enterprise.registrationStatus} />
          <SupervisionStatusTag status={a.enterprise.supervisionStatus} />
        </>
      ),
    },
    { title: '未了义务', key: 'obligations', render: (_, a) => obligations(a) },
  ];
  const phoneColumns: TableColumnsType<TObligationAlert> = [
    {
      title: '企业',
      key: 'alert',
      render: (_, a) => (
        <div className="cell-stack">
          {firm(a)}
          <div className="cell-head card-tags">
            <span className="cell-sub">{a.enterprise.divisionName ?? a.enterprise.divisionCode}</span>
            <RegistrationStatusTag status={a.enterprise.registrationStatus} />
            <SupervisionStatusTag status={a.enterprise.supervisionStatus} />
          </div>
          {obligations(a)}
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          注销预警
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void alerts.refetch()} aria-label="刷新">
            {isPhone ? null : '刷新'}
          </Button>
        </div>
      </div>
      <Card variant="borderless">
        <Typography.Paragraph type="secondary">
          列出已注销、吊销或已不在市场监管名单中，但仍有未整改隐患、未结案件等未了义务的企业，防止以注销逃避处罚。
        </Typography.Paragraph>
        <Table<TObligationAlert>
          rowKey={(a) => a.enterprise.id}
          size="middle"
          columns={isPhone ? phoneColumns : columns}
          dataSource={alerts.data}
          loading={alerts.isFetching}
          scroll={isPhone ? undefined : { x: 820 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, simple: isPhone }}
          locale={{
            emptyText: alerts.isError ? (
              (alerts.error as Error).message
            ) : (
              <Empty
                image={<SafetyCertificateOutlined className="empty-icon" />}
                description={
                  <div className="cell-stack">
                    <span>目前没有需要预警的企业</span>
                    <span className="cell-sub">
                      预警依据隐患、执法案件等模块中的未了事项；这些模块启用后，注销或失踪企业的未了义务将在这里列出。
                    </span>
                  </div>
                }
              />
            ),
          }}
        />
      </Card>
    </div>
  );
}
