import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TEnterprise } from '@yingji/domain/enterprise/enterprise.schema';
import { Badge, Button, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { enterpriseApi, type TEnterpriseSort } from '../../api/enterprise.api';
import { useCan } from '../../app/auth';
import { ListPage, PhoneSort, useIsPhone, useListParams, type TSortChoice } from '../../kit';
import { ENTERPRISE_KEYS } from './enterprise-data';
import { useEnterpriseColumns } from './enterprise-columns';
import { EnterpriseFilterBar, ENTERPRISE_FILTERS, SORTS } from './enterprise-filter-bar';
import { EnterpriseFormDrawer } from './enterprise-form-drawer';
import './enterprise.css';

const PHONE_SORTS: readonly TSortChoice<TEnterpriseSort>[] = [
  { sort: 'updatedAt', order: 'desc', label: '最近更新在前' },
  { sort: 'name', order: 'asc', label: '按企业名称' },
  { sort: 'divisionCode', order: 'asc', label: '按镇街' },
  { sort: 'employees', order: 'desc', label: '从业人数多的在前' },
];

/** 企业台账: filters, sort and page in the address, so going back from a firm returns to the same list. */
export function EnterprisesPage() {
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [creating, setCreating] = useState(false);
  const list = useListParams(ENTERPRISE_FILTERS);
  const { filter, page, pageSize } = list;
  const { sort, order } = filter;
  const { columns, scrollX, card, columnChooser } = useEnterpriseColumns(sort, order);

  const query = useQuery({
    queryKey: [...ENTERPRISE_KEYS.list, { ...filter, page, pageSize }],
    queryFn: () => enterpriseApi.list({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  // the town's confirmation queue: firms the regulator's list no longer has
  const pending = useQuery({
    queryKey: [...ENTERPRISE_KEYS.list, 'pending-count'],
    queryFn: () => enterpriseApi.list({ supervisionStatus: '待核实', page: 1, pageSize: 1 }),
  });
  const pendingCount = pending.data?.total ?? 0;
  const pendingOnly = filter.supervisionStatus === '待核实';

  const onSort = (_: TablePaginationConfig, __: unknown, sorter: SorterResult<TEnterprise> | SorterResult<TEnterprise>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.column?.key as string | undefined;
    const sortKey = (key === 'division' ? 'divisionCode' : key) as TEnterpriseSort | undefined;
    const nextSort = s?.order && sortKey && SORTS.includes(sortKey) ? sortKey : undefined;
    const nextOrder = nextSort ? (s?.order === 'ascend' ? 'asc' : 'desc') : undefined;
    if (nextSort !== sort || nextOrder !== order) list.update({ sort: nextSort, order: nextOrder });
  };

  return (
    <ListPage
      title="企业台账"
      refresh
      exportHref={enterpriseApi.exportUrl(filter)}
      exportTestId="enterprise-export"
      actions={
        <>
          {!isPhone && columnChooser}
          {can('enterprise.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新增企业
            </Button>
          )}
        </>
      }
      list={list}
      query={query}
      filters={<EnterpriseFilterBar filter={filter} onChange={list.update} onClear={list.clear} />}
      foldFilters={false}
      banner={
        <>
          <div className="quick-filters">
            <Button
              type={pendingOnly ? 'primary' : 'default'}
              onClick={() => list.update({ supervisionStatus: pendingOnly ? undefined : '待核实' })}
              data-testid="pending-filter"
            >
              待核实
              <Badge
                count={pendingCount}
                showZero
                overflowCount={99999}
                color={pendingCount > 0 ? '#faad14' : '#bfbfbf'}
                className="quick-badge"
              />
            </Button>
            <Typography.Text type="secondary" className="quick-hint">
              {pendingCount > 0 ? '市场监管名单中已无、需镇街核实是否仍在经营的企业' : '没有待核实的企业'}
            </Typography.Text>
          </div>
          {isPhone && <PhoneSort choices={PHONE_SORTS} sort={sort} order={order} onChange={(next) => list.update(next)} />}
        </>
      }
      columns={columns}
      card={card}
      emptyText="没有符合条件的企业"
      unit="家"
      tableProps={{
        scroll: { x: scrollX },
        onRow: (e) => ({ onDoubleClick: () => void navigate(`/enterprises/${e.id}`) }),
        onChange: onSort,
      }}
    >
      <EnterpriseFormDrawer open={creating} detail={null} onClose={() => setCreating(false)} />
    </ListPage>
  );
}
