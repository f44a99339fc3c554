import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { MOVEMENT_KIND_LABELS, type TMovementKind } from '@yingji/domain/resources/resources.data';
import type { TMovement } from '@yingji/domain/resources/resources.schema';
import { Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { suppliesApi } from '../../api/supplies.api';
import { formatTime } from '../../app/locale';
import { EnumTag, useIsPhone } from '../../kit';
import { cardColumns } from './stock-table';
import { SUPPLY_KEYS } from './supplies-kit';

const MOVEMENT_COLORS: Partial<Record<TMovementKind, string>> = {
  receipt: 'green',
  transfer_in: 'cyan',
  loan_return: 'cyan',
  issue: 'orange',
  transfer_out: 'purple',
  loan_out: 'gold',
  write_off: 'red',
  adjust: 'default',
};

/** 出入库流水 of one warehouse, newest first, 20 a page; as cards on a phone. */
export function MovementsTable({ warehouseId }: { warehouseId: number }) {
  const isPhone = useIsPhone();
  const [movePage, setMovePage] = useState(1);
  const moves = useQuery({
    queryKey: [...SUPPLY_KEYS.all, 'movements', warehouseId, movePage],
    queryFn: () => suppliesApi.movements(warehouseId, movePage, 20),
    placeholderData: keepPreviousData,
  });
  const moveColumns: TableColumnsType<TMovement> = [
    { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatTime(v) },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 100,
      render: (v: TMovementKind) => <EnumTag value={v} labels={MOVEMENT_KIND_LABELS} colors={MOVEMENT_COLORS} />,
    },
    { title: '物资', dataIndex: 'itemName' },
    { title: '批次', dataIndex: 'lotId', width: 70, render: (v: number) => `#${v}` },
    {
      title: '数量',
      width: 90,
      render: (_, m) => (
        <span style={{ color: m.quantity < 0 ? '#cf1322' : '#389e0d' }}>
          {m.quantity > 0 ? `+${m.quantity}` : m.quantity}
          {m.unit}
        </span>
      ),
    },
    {
      title: '对方单位',
      dataIndex: 'counterparty',
      render: (v: string | null, m) => (m.loanId ? <Link to={`/resources/loans/${m.loanId}`}>{v ?? '出借'}</Link> : (v ?? '—')),
    },
    { title: '用途或说明', dataIndex: 'note', render: (v: string) => v || '—' },
    { title: '经办', dataIndex: 'byName', width: 90, render: (v: string | null) => v ?? '—' },
  ];
  const moveCard = (m: TMovement) => (
    <div className="cell-stack">
      <Space wrap size={4}>
        <EnumTag value={m.kind} labels={MOVEMENT_KIND_LABELS} colors={MOVEMENT_COLORS} />
        <strong>
          {m.itemName} {m.quantity > 0 ? `+${m.quantity}` : m.quantity}
          {m.unit}
        </strong>
      </Space>
      <span className="cell-sub">
        {formatTime(m.at)} · 批次 #{m.lotId}
        {m.counterparty ? ` · ${m.counterparty}` : ''}
        {m.byName ? ` · ${m.byName}` : ''}
      </span>
      {m.note && <span className="cell-sub">{m.note}</span>}
    </div>
  );
  const cards = cardColumns;
  return (
    <Table<TMovement>
      rowKey="id"
      size="small"
      loading={moves.isFetching}
      dataSource={moves.data?.items ?? []}
      showHeader={!isPhone}
      columns={isPhone ? cards(moveCard) : moveColumns}
      pagination={{
        current: movePage,
        pageSize: 20,
        total: moves.data?.total ?? 0,
        simple: isPhone,
        showTotal: (t) => `共 ${t} 笔`,
        onChange: setMovePage,
      }}
      locale={{ emptyText: '没有出入库记录' }}
    />
  );
}
