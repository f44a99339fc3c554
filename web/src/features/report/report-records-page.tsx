/**
 * 指标穿透: the records that make up one figure (cases by handling body, by sector, fines by decision date), for the
 * figures whose own list page cannot filter that way. Each row opens its record.
 */
import { useQuery } from '@tanstack/react-query';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Skeleton, Space, Table, Typography, theme } from 'antd';
import type { TFigureRecord } from '@yingji/domain/report/report.schema';
import { FIGURE_RECORDS_LIMIT } from '@yingji/domain/report/report.schema';
import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { reportApi } from '../../api/report.api';
import { useIsPhone, useTowns } from '../../kit';
import { queryFromParams } from './report-query';

const yuan = (v: number) => `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

export function ReportRecordsPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const q = useMemo(() => queryFromParams(params), [params]);
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const { token } = theme.useToken();
  const towns = useTowns();
  const list = useQuery({ queryKey: ['report', 'records', id, q], queryFn: () => reportApi.records(id, q), retry: false });
  const d = list.data;
  const money = d?.unit === '元';
  const scope = d ? (d.scope.length === 4 ? '全市' : (towns.names.get(d.scope) ?? d.scope)) : '';
  return (
    <Card
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label="返回统计表" />
          <span>{d ? `${d.name}：构成记录` : '指标穿透'}</span>
        </Space>
      }
    >
      {list.isPending ? <Skeleton active /> : null}
      {list.isError ? <Alert type="error" showIcon title={list.error.message} /> : null}
      {d ? (
        <>
          <Typography.Paragraph>
            {scope}，{d.from} 至 {d.to}：{money ? yuan(d.value) : `${d.value} ${d.unit}`}，共 {d.total} 件案件。
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">口径：{d.counts}</Typography.Paragraph>
          {d.total > d.items.length ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`记录较多，此处列出最近的 ${FIGURE_RECORDS_LIMIT} 件；请缩短报告期或选择镇街查看其余记录`}
            />
          ) : null}
          {isPhone ? (
            <List<TFigureRecord>
              size="small"
              dataSource={d.items}
              locale={{ emptyText: '本期没有构成该指标的记录' }}
              renderItem={(r) => (
                <List.Item extra={money && r.amount !== null ? yuan(r.amount) : null}>
                  <List.Item.Meta
                    title={
                      <Link to={r.link} style={{ color: token.colorLink }}>
                        {r.label}
                      </Link>
                    }
                    description={`${r.date ?? ''} · ${r.detail}`}
                  />
                </List.Item>
              )}
            />
          ) : (
            <Table<TFigureRecord>
              rowKey="id"
              size="middle"
              dataSource={d.items}
              pagination={d.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              locale={{ emptyText: '本期没有构成该指标的记录' }}
              columns={[
                { title: '案件', dataIndex: 'label', render: (v: string, r) => <Link to={r.link}>{v}</Link> },
                { title: '当事人 · 办案机关', dataIndex: 'detail' },
                { title: money ? '决定日期' : '立案日期', dataIndex: 'date', width: 120 },
                ...(money
                  ? [{ title: '罚款金额', dataIndex: 'amount', width: 140, align: 'right' as const, render: (v: number) => yuan(v) }]
                  : []),
              ]}
            />
          )}
        </>
      ) : null}
    </Card>
  );
}
