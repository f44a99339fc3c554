/**
 * 最低储备 of one warehouse: for each catalogue item, the minimum that applies (the reserve guidance for the
 * warehouse's level, or the warehouse's own, which overrides it), where it comes from, and the override set or removed.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MINIMUM_ORIGIN_LABELS, type TMinimumOrigin } from '@yingji/domain/resources/minimum.rules';
import type { TStockRow, TWarehouse } from '@yingji/domain/resources/resources.schema';
import { App, Button, Drawer, InputNumber, Space, Table, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { suppliesApi } from '../../api/supplies.api';
import { useIsPhone } from '../../kit';
import { SUPPLY_KEYS, useFieldErrors, useItems } from './supplies-kit';

/** 指导标准 (with its document on hover) or 本库设定, beside a minimum. */
export function MinimumOrigin({ row }: { row: Pick<TStockRow, 'minimumFrom' | 'minimumSource'> }) {
  if (!row.minimumFrom) return null;
  const tag = <Tag color={row.minimumFrom === 'guidance' ? 'geekblue' : 'default'}>{MINIMUM_ORIGIN_LABELS[row.minimumFrom]}</Tag>;
  return row.minimumSource ? <Tooltip title={`依据：${row.minimumSource}`}>{tag}</Tooltip> : tag;
}

type TMinimumRow = {
  itemId: number;
  name: string;
  unit: string;
  minimum: number | null;
  from: TMinimumOrigin | null;
  source: string | null;
  balance: number;
};

export function MinimumsDrawer({ warehouse, onClose }: { warehouse: Pick<TWarehouse, 'id' | 'name'>; onClose: () => void }) {
  const isPhone = useIsPhone();
  const items = useItems();
  const queryClient = useQueryClient();
  const showError = useFieldErrors();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Record<number, number | null>>({});
  const stock = useQuery({
    queryKey: [...SUPPLY_KEYS.all, 'stock', { warehouseId: warehouse.id, pageSize: 200 }],
    queryFn: () => suppliesApi.stock({ warehouseId: warehouse.id, page: 1, pageSize: 200 }),
  });
  const rows = useMemo<TMinimumRow[]>(() => {
    const byItem = new Map((stock.data?.items ?? []).map((s) => [s.itemId, s]));
    return (items.data?.items ?? []).map((i) => {
      const s = byItem.get(i.id);
      return {
        itemId: i.id,
        name: `${i.name} ${i.spec}`.trim(),
        unit: i.unit,
        minimum: s?.minimum ?? null,
        from: s?.minimumFrom ?? null,
        source: s?.minimumSource ?? null,
        balance: s?.balance ?? 0,
      };
    });
  }, [items.data, stock.data]);
  const save = useMutation({
    mutationFn: (v: { itemId: number; quantity: number | null }) => suppliesApi.setMinimum(warehouse.id, v.itemId, v.quantity),
    onSuccess: (_, v) => {
      void message.success(v.quantity === null ? '已取消本库设定，按指导标准执行' : '已保存本库最低储备');
      setDraft((d) => {
        const { [v.itemId]: _saved, ...rest } = d;
        return rest;
      });
      void queryClient.invalidateQueries({ queryKey: SUPPLY_KEYS.all });
    },
    onError: (e) => showError(e),
  });
  const busy = (r: TMinimumRow) => save.isPending && save.variables?.itemId === r.itemId;
  const input = (r: TMinimumRow) => {
    // the guidance's figure is shown as a hint: typing a number records this warehouse's own
    const own = r.from === 'warehouse' ? r.minimum : null;
    const value = r.itemId in draft ? draft[r.itemId] : own;
    const changed = r.itemId in draft && draft[r.itemId] !== own && draft[r.itemId] !== null;
    return (
      <Space wrap size={4}>
        <Space.Compact>
          <InputNumber
            min={0}
            precision={0}
            value={value}
            placeholder={r.from === 'guidance' ? `标准 ${r.minimum}` : '未设定'}
            aria-label={`${r.name}最低储备`}
            onChange={(v) => setDraft((d) => ({ ...d, [r.itemId]: v }))}
            suffix={r.unit}
            style={{ width: 140 }}
          />
          <Button
            type={changed ? 'primary' : 'default'}
            disabled={!changed}
            loading={busy(r) && save.variables?.quantity !== null}
            onClick={() => save.mutate({ itemId: r.itemId, quantity: draft[r.itemId]! })}
          >
            保存
          </Button>
        </Space.Compact>
        {r.from === 'warehouse' && (
          <Button
            type="link"
            size="small"
            loading={busy(r) && save.variables?.quantity === null}
            onClick={() => save.mutate({ itemId: r.itemId, quantity: null })}
          >
            改按指导标准
          </Button>
        )}
      </Space>
    );
  };
  const applies = (r: TMinimumRow) =>
    r.minimum === null ? (
      <span className="cell-sub">无</span>
    ) : (
      <Space size={4}>
        <span style={{ color: r.balance < r.minimum ? '#cf1322' : undefined }}>
          {r.minimum}
          {r.unit}
        </span>
        <MinimumOrigin row={{ minimumFrom: r.from, minimumSource: r.source }} />
      </Space>
    );
  return (
    <Drawer open title={`最低储备：${warehouse.name}`} width={isPhone ? '100%' : 760} onClose={onClose}>
      <p className="cell-sub">
        未设定时按市应急管理局在系统设置中录入的省级储备指导标准（按仓库层级）执行；在此填写即为本库设定，优先于指导标准。结存中未过期的部分低于最低储备时进入物资预警。
      </p>
      <Table<TMinimumRow>
        rowKey="itemId"
        size="small"
        loading={items.isPending || stock.isPending}
        dataSource={rows}
        pagination={false}
        showHeader={!isPhone}
        columns={
          isPhone
            ? [
                {
                  key: 'card',
                  render: (_, r) => (
                    <div className="cell-stack">
                      <strong>{r.name}</strong>
                      <span className="cell-sub">
                        结存 {r.balance}
                        {r.unit} · 执行 {applies(r)}
                      </span>
                      {input(r)}
                    </div>
                  ),
                },
              ]
            : [
                { title: '物资', dataIndex: 'name' },
                { title: '结存', width: 80, render: (_, r) => `${r.balance}${r.unit}` },
                { title: '执行的最低储备', width: 170, render: (_, r) => applies(r) },
                { title: '本库设定', width: 260, render: (_, r) => input(r) },
              ]
        }
      />
    </Drawer>
  );
}
