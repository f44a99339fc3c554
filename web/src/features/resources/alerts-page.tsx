import { useQuery } from '@tanstack/react-query';
import { ALERT_KIND_LABELS, ALERT_KINDS, ITEM_CATEGORY_LABELS, type TAlertKind } from '@yingji/domain/resources/resources.data';
import type { TAlert, TStockRow } from '@yingji/domain/resources/resources.schema';
import { Card, List, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { resourcesApi } from '../../api/resources.api';
import { EnumTag, TownFilter, param, useIsPhone, useListParams } from '../../kit';
import { RESOURCE_KEYS } from './loans-page';
import { StartStocktake } from './stocktake-page';

const KIND_COLORS: Record<TAlertKind, string> = {
  below_minimum: 'orange',
  expiring: 'gold',
  expired: 'red',
  maintenance_due: 'blue',
  loan_overdue: 'volcano',
};
const FILTERS = { kind: param.oneOf(ALERT_KINDS), divisionCode: param.text() };

/** 物资预警: below minimum, expiring, expired, maintenance due, loans overdue — counted by kind and town, listed by warehouse. */
export function AlertsPage() {
  const list = useListParams(FILTERS);
  const isPhone = useIsPhone();
  const query = useQuery({ queryKey: [...RESOURCE_KEYS.all, 'alerts', list.filter], queryFn: () => resourcesApi.alerts(list.filter) });
  const data = query.data;
  const what = (a: TAlert) => (a.loanId ? <Link to={`/resources/loans/${a.loanId}`}>{a.detail}</Link> : `${a.itemName}：${a.detail}`);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title="物资预警" extra={<TownFilter value={list.filter.divisionCode} onChange={(v) => list.update({ divisionCode: v })} />}>
        <Space wrap size="large">
          {ALERT_KINDS.map((k) => (
            <Statistic
              key={k}
              title={ALERT_KIND_LABELS[k]}
              value={data?.byKind[k] ?? 0}
              valueStyle={{ color: (data?.byKind[k] ?? 0) > 0 ? '#cf1322' : undefined }}
            />
          ))}
        </Space>
        <div style={{ marginTop: 16 }}>
          <Segmented
            value={list.filter.kind ?? 'all'}
            onChange={(v) => list.update({ kind: v === 'all' ? undefined : (v as TAlertKind) })}
            options={[{ value: 'all', label: '全部' }, ...ALERT_KINDS.map((k) => ({ value: k, label: ALERT_KIND_LABELS[k] }))]}
          />
        </div>
      </Card>
      <Card title="按镇街">
        <Space wrap>
          {(data?.byTown ?? []).map((t) => (
            <Tag key={t.divisionCode}>
              {t.divisionName} {t.count}
            </Tag>
          ))}
          {data && data.byTown.length === 0 && <span>没有预警</span>}
        </Space>
      </Card>
      <Card title="预警明细">
        {isPhone ? (
          <List
            loading={query.isPending}
            dataSource={data?.items ?? []}
            renderItem={(a) => (
              <List.Item>
                <div className="cell-stack">
                  <EnumTag value={a.kind} labels={ALERT_KIND_LABELS} colors={KIND_COLORS} />
                  <span>{what(a)}</span>
                  <span className="cell-sub">
                    {a.warehouseName} · {a.divisionName}
                  </span>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<TAlert>
            rowKey={(a) => `${a.kind}-${a.warehouseId}-${a.lotId ?? ''}-${a.loanId ?? ''}-${a.itemName}`}
            size="small"
            loading={query.isPending}
            dataSource={data?.items ?? []}
            pagination={{ pageSize: 50 }}
            columns={[
              { title: '类型', width: 130, render: (_, a) => <EnumTag value={a.kind} labels={ALERT_KIND_LABELS} colors={KIND_COLORS} /> },
              { title: '仓库', dataIndex: 'warehouseName', width: 180 },
              { title: '镇街', dataIndex: 'divisionName', width: 100 },
              { title: '内容', render: (_, a) => what(a) },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}

/** 库存台账: balance per warehouse and item against the minimum, with the earliest expiry of what is left. */
export function StockPage() {
  const list = useListParams({ q: param.text(), divisionCode: param.text() });
  const query = useQuery({
    queryKey: [...RESOURCE_KEYS.all, 'stock', list.filter, list.page],
    queryFn: () => resourcesApi.stock({ ...list.filter, page: list.page, pageSize: 50 }),
  });
  return (
    <Card
      title="应急物资库存台账"
      extra={
        <Space wrap>
          <StartStocktake />
          <TownFilter value={list.filter.divisionCode} onChange={(v) => list.update({ divisionCode: v })} />
        </Space>
      }
    >
      <Table<TStockRow>
        rowKey={(r) => `${r.warehouseId}-${r.itemId}`}
        size="small"
        loading={query.isPending}
        dataSource={query.data?.items ?? []}
        scroll={{ x: 800 }}
        pagination={{ current: list.page, pageSize: 50, total: query.data?.total ?? 0, onChange: (page) => list.update({ page }) }}
        columns={[
          { title: '仓库', render: (_, r) => `${r.warehouseName}（${r.divisionName}）` },
          { title: '物资', render: (_, r) => `${r.itemName} ${r.spec}`.trim() },
          { title: '类别', width: 110, render: (_, r) => ITEM_CATEGORY_LABELS[r.category] },
          {
            title: '结存',
            width: 120,
            render: (_, r) => (
              <span style={{ color: r.minimum !== null && r.balance < r.minimum ? '#cf1322' : undefined }}>
                {r.balance}
                {r.unit}
              </span>
            ),
          },
          { title: '最低储备', width: 90, render: (_, r) => (r.minimum === null ? '—' : `${r.minimum}${r.unit}`) },
          { title: '最早有效期', dataIndex: 'earliestExpiry', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '批次', dataIndex: 'lots', width: 60 },
        ]}
      />
    </Card>
  );
}
