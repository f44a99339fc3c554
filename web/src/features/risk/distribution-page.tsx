import { EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { RISK_COLOUR_LABELS, RISK_COLOUR_NAMES, RISK_COLOURS, type TRiskColour } from '@yingji/domain/risk/risk.schema';
import { Button, Card, Col, Row, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { riskApi } from '../../api/risk.api';
import { categoryLabel } from '../enterprise/enterprise-data';
import { useIsPhone } from '../../kit';
import { RISK_COLOUR_HEX, RISK_KEYS } from './risk-data';
import './risk.css';

type TCounts = Record<TRiskColour, number> & { total: number };

/** A stacked bar of the four colours. */
function ColourBar({ row }: { row: TCounts }) {
  return (
    <div className="risk-bar" aria-hidden>
      {RISK_COLOURS.map((c) =>
        row[c] > 0 ? <div key={c} style={{ width: `${(row[c] / row.total) * 100}%`, background: RISK_COLOUR_HEX[c] }} /> : null,
      )}
    </div>
  );
}

/** Each colour count links to the registry filtered by it (and by the town when the row is one). */
function countColumns<T extends TCounts>(link: (row: T, c: TRiskColour) => string, phone: boolean): TableColumnsType<T> {
  const counts: TableColumnsType<T> = [
    ...RISK_COLOURS.map((c) => ({
      title: RISK_COLOUR_LABELS[c],
      key: c,
      width: phone ? 36 : 56,
      align: 'right' as const,
      render: (_: unknown, row: T) => (row[c] > 0 ? <Link to={link(row, c)}>{row[c]}</Link> : <span className="cell-sub">0</span>),
    })),
    {
      title: '合计',
      key: 'total',
      width: phone ? 44 : 64,
      align: 'right' as const,
      render: (_: unknown, row: T) => <strong>{row.total}</strong>,
    },
  ];
  // on a phone the counts carry the row: the 构成 bar would push the table past the screen
  return phone ? counts : [...counts, { title: '构成', key: 'bar', width: 140, render: (_: unknown, row: T) => <ColourBar row={row} /> }];
}

/** 风险分级总览: graded firms by colour, by town and by supervision category. */
export function DistributionPage() {
  const phone = useIsPhone();
  const dist = useQuery({ queryKey: RISK_KEYS.distribution, queryFn: riskApi.distribution });
  const d = dist.data;
  type TTown = NonNullable<typeof d>['byTown'][number];
  type TCategory = NonNullable<typeof d>['byCategory'][number];
  const townColumns: TableColumnsType<TTown> = [
    { title: d?.level === 'city' ? '地市' : '镇街', key: 'town', width: phone ? 84 : 120, render: (_, r) => r.name ?? r.divisionCode },
    ...countColumns<TTown>((r, c) => `/enterprises?divisionCode=${r.divisionCode}&riskColour=${c}`, phone),
  ];
  const categoryColumns: TableColumnsType<TCategory> = [
    { title: '监管类别', key: 'category', width: phone ? 96 : 180, render: (_, r) => categoryLabel(r.category) },
    ...countColumns<TCategory>((r, c) => `/enterprises?category=${r.category}&riskColour=${c}`, phone),
  ];
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          风险分级总览
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void dist.refetch()}>
            刷新
          </Button>
          <Link to="/risk/map">
            <Button icon={<EnvironmentOutlined />}>风险分布图</Button>
          </Link>
        </div>
      </div>
      <Card variant="borderless" loading={dist.isPending}>
        {d && (
          <div className="risk-totals" data-testid="risk-totals">
            <div className="risk-total">
              <div className="risk-total-value">{d.totals.total}</div>
              <div className="risk-total-label">已定级企业</div>
            </div>
            {RISK_COLOURS.map((c) => (
              <Link
                key={c}
                to={`/enterprises?riskColour=${c}`}
                className="risk-total"
                style={{ borderInlineStartColor: RISK_COLOUR_HEX[c] }}
                data-colour={c}
              >
                <div className="risk-total-value">{d.totals[c]}</div>
                <div className="risk-total-label">{RISK_COLOUR_NAMES[c]}</div>
              </Link>
            ))}
          </div>
        )}
      </Card>
      <Row gutter={[16, 16]} className="risk-tables">
        <Col xs={24} xxl={12}>
          <Card variant="borderless" title={d?.level === 'city' ? '按地市' : '按镇街'}>
            <Table<TTown>
              rowKey="divisionCode"
              size="small"
              columns={townColumns}
              dataSource={d?.byTown}
              pagination={false}
              scroll={phone ? undefined : { x: 560 }}
              locale={{ emptyText: '尚无定级企业' }}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={12}>
          <Card variant="borderless" title="按监管类别">
            <Table<TCategory>
              rowKey="category"
              size="small"
              columns={categoryColumns}
              dataSource={d?.byCategory}
              pagination={false}
              scroll={phone ? undefined : { x: 620 }}
              locale={{ emptyText: '尚无定级企业' }}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
