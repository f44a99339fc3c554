import { useQuery } from '@tanstack/react-query';
import type { TShelter } from '@yingji/domain/resources/shelter.schema';
import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { shelterDetailApi } from '../../api/shelter.api';
import { useCan } from '../../app/auth';
import { RESOURCE_KEYS } from './loans-page';
import { StockTable, belowMinimum } from './stock-table';

/**
 * 储备物资 of a shelter: its stock points (warehouses linked to it) and their balances from the stock ledger, with
 * 临期 and 低于最低储备 marks and a link to each warehouse; the registry's free-text note below.
 */
export function ShelterStockCard({ shelter: s }: { shelter: TShelter }) {
  const can = useCan();
  const stock = useQuery({ queryKey: [...RESOURCE_KEYS.all, 'shelter-stock', s.id], queryFn: () => shelterDetailApi.stock(s.id) });
  const d = stock.data;
  const below = (d?.items ?? []).filter(belowMinimum).length;
  const linkToWarehouse = can('resources.read');
  return (
    <Card size="small" title="储备物资">
      <Space direction="vertical" style={{ width: '100%' }}>
        {d && d.warehouses.length === 0 && (
          <span className="cell-sub">本场所未设物资储备点（在“应急物资 → 仓库”中编辑仓库，选择“所在避难场所”即可关联）。</span>
        )}
        {d && d.warehouses.length > 0 && (
          <Space wrap size={[8, 4]}>
            <span>储备点：</span>
            {d.warehouses.map((w) => (
              <span key={w.id}>
                {linkToWarehouse ? <Link to={`/resources/warehouses/${w.id}`}>{w.name}</Link> : w.name}
                <span className="cell-sub">
                  （保管员 {w.keeper} {w.keeperPhone}）
                </span>
              </span>
            ))}
            {below > 0 && <Tag color="red">{below} 项低于最低储备</Tag>}
          </Space>
        )}
        {d && d.warehouses.length > 0 && (
          <StockTable
            rows={d.items}
            loading={stock.isPending}
            withWarehouse
            expiring={{ today: d.today, days: d.expiringDays }}
            empty="储备点目前没有库存"
          />
        )}
        {s.supplies && (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            <span className="cell-sub">登记说明：</span>
            {s.supplies}
          </Typography.Paragraph>
        )}
      </Space>
    </Card>
  );
}
