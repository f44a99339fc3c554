import { ReloadOutlined } from '@ant-design/icons';
import { HAZARD_LEVEL_LABELS, HAZARD_LEVELS, type THazardLevel } from '@yingji/domain/hazard/hazard.schema';
import type { THazardSelfFound } from '@yingji/domain/hazard/stats.schema';
import { Alert, Button, Card, Progress, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TQueryValue } from '../../api/client';
import { usePeriod } from './dashboard-period';
import { hazardListUrl, sharePercent, useSelfFound } from './hazard-views-data';
import './hazard-views.css';
import { TownFilter } from '../../kit';

type TRow = THazardSelfFound['rows'][number];

/** The share as a figure and a bar; computed from the counts. */
function Share({ part, whole }: { part: number; whole: number }) {
  const pct = sharePercent(part, whole);
  return (
    <div className="hv-share">
      <Progress percent={pct} showInfo={false} size="small" strokeColor="#1557b0" />
      <span className="hv-share-value">{whole > 0 ? `${pct.toFixed(1)}%` : '—'}</span>
    </div>
  );
}

/** 企业自查自报占比: of the hazards found in a period, how many the enterprises found and reported themselves, by town. */
export function SelfFoundPage() {
  const { period, picker } = usePeriod();
  const [level, setLevel] = useState<THazardLevel | undefined>(undefined);
  const [divisionCode, setDivisionCode] = useState<string | undefined>(undefined);
  const sf = useSelfFound({ from: period.from, to: period.to, level, divisionCode });
  const d = sf.data;
  const from = d?.from ?? period.from;
  const to = d?.to ?? period.to;

  const link = (code: string | undefined, selfOnly: boolean) => {
    const f: Record<string, TQueryValue> = { divisionCode: code ?? divisionCode, level, from, to };
    if (selfOnly) f.source = 'self_check';
    return hazardListUrl(f);
  };
  const count = (n: number, href: string) =>
    n > 0 ? <Link to={href}>{n.toLocaleString('zh-CN')}</Link> : <span className="hv-zero">0</span>;

  const columns: TableColumnsType<TRow> = [
    { title: '镇街', dataIndex: 'label', key: 'label', width: 120 },
    {
      title: '发现隐患（项）',
      key: 'total',
      align: 'right',
      width: 120,
      sorter: (a, b) => a.total - b.total,
      render: (_, r) => count(r.total, link(r.key, false)),
    },
    {
      title: '企业自查自报（项）',
      key: 'selfFound',
      align: 'right',
      width: 140,
      sorter: (a, b) => a.selfFound - b.selfFound,
      render: (_, r) => count(r.selfFound, link(r.key, true)),
    },
    {
      title: '自查自报占比',
      key: 'share',
      width: 240,
      sorter: (a, b) => sharePercent(a.selfFound, a.total) - sharePercent(b.selfFound, b.total),
      render: (_, r) => <Share part={r.selfFound} whole={r.total} />,
    },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          企业自查自报占比
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<ReloadOutlined />} onClick={() => void sf.refetch()}>
            刷新
          </Button>
        </div>
      </div>

      <div className="hv-toolbar">
        {picker}
        <div className="hv-toolbar-right">
          <TownFilter value={divisionCode} onChange={setDivisionCode} />
          <Select
            allowClear
            placeholder="全部等级"
            options={HAZARD_LEVELS.map((l) => ({ value: l, label: HAZARD_LEVEL_LABELS[l] }))}
            value={level}
            onChange={(v) => setLevel(v)}
            style={{ width: 120 }}
            aria-label="隐患等级"
          />
        </div>
      </div>

      {sf.error ? <Alert type="error" showIcon title={sf.error.message} className="hv-section" /> : null}

      <div className="hv-figures" style={{ gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' }} data-testid="self-found-totals">
        <Link to={link(undefined, false)} className="hv-figure">
          <div className="hv-figure-value">{d ? d.total.total.toLocaleString('zh-CN') : '—'}</div>
          <div className="hv-figure-label">发现隐患（项）</div>
        </Link>
        <Link to={link(undefined, true)} className="hv-figure hv-figure-ok">
          <div className="hv-figure-value">{d ? d.total.selfFound.toLocaleString('zh-CN') : '—'}</div>
          <div className="hv-figure-label">企业自查自报（项）</div>
        </Link>
        <div className="hv-figure hv-figure-ok">
          <div className="hv-figure-value">
            {d ? (d.total.total > 0 ? `${sharePercent(d.total.selfFound, d.total.total).toFixed(1)}%` : '—') : '—'}
          </div>
          <div className="hv-figure-label">自查自报占比</div>
        </div>
      </div>

      <Card
        title="按镇街"
        size="small"
        className="hv-section"
        extra={<span className="hv-note">按发现日期统计；点击数字查看隐患清单</span>}
      >
        <Table<TRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={d?.rows ?? []}
          loading={sf.isFetching}
          pagination={false}
          scroll={{ x: 620 }}
          locale={{ emptyText: '本期没有隐患记录' }}
          summary={() =>
            d ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <strong>合计</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <strong>{count(d.total.total, link(undefined, false))}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <strong>{count(d.total.selfFound, link(undefined, true))}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3}>
                  <Share part={d.total.selfFound} whole={d.total.total} />
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </div>
  );
}
