/**
 * The list-page scaffold every ledger uses: title and actions (Excel export of the filtered list, refresh), a keyword
 * and filters kept in the address (see url-params), the table with its page and page size in the address, and the
 * loading, empty and error (with 重试) states. On a phone (< 576 px) each row is a card and the filters fold under 筛选,
 * so nothing is cut off at 390 px.
 */
import { DownloadOutlined, FilterOutlined, ReloadOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Grid, Input, Space, Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useState, type Key, type ReactNode } from 'react';
import { PAGE_SIZES, type TListParams, type TParamSpec } from './url-params';
import './kit.css';

/** A phone in portrait: below antd's `sm` breakpoint (576 px), where a table no longer fits. */
export function useIsPhone(): boolean {
  return Grid.useBreakpoint().sm === false;
}

export interface TListPageProps<T extends object, S extends TParamSpec> {
  title: ReactNode;
  /** Buttons in the header, after 刷新 and 导出 Excel (新建 …). */
  actions?: ReactNode;
  /** The export of the filtered list (the API's `exportUrl(filter)`); shows 导出 Excel. */
  exportHref?: string;
  exportTestId?: string;
  /** Shows 刷新. */
  refresh?: boolean;
  /** The filters in the address (`useListParams`). */
  list: TListParams<S>;
  /** The page of rows: `{ items, total }`. */
  query: UseQueryResult<{ items: T[]; total: number }>;
  /** A keyword box writing the `q` filter. */
  search?: { placeholder: string; width?: number };
  /** The filter controls; on a phone they fold under 筛选 unless `foldFilters` is false. */
  filters?: ReactNode;
  foldFilters?: boolean;
  /** Between the filters and the table: a summary, a hint. */
  banner?: ReactNode;
  columns: TableColumnsType<T>;
  /** One row as a phone card. */
  card: (row: T) => ReactNode;
  rowKey?: TableProps<T>['rowKey'];
  /** 没有… shown when nothing matches. */
  emptyText: string;
  /** The counting word of 共 N 条. */
  unit?: string;
  pageSizeChanger?: boolean;
  /** More table settings (scroll, size, onRow, a sorter's onChange). */
  tableProps?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'pagination' | 'rowKey' | 'loading' | 'locale'>;
  /** Drawers and dialogs of the page. */
  children?: ReactNode;
}

export function ListPage<T extends object, S extends TParamSpec>({
  title,
  actions,
  exportHref,
  exportTestId,
  refresh,
  list,
  query,
  search,
  filters,
  foldFilters = true,
  banner,
  columns,
  card,
  rowKey = 'id',
  emptyText,
  unit = '条',
  pageSizeChanger = true,
  tableProps,
  children,
}: TListPageProps<T, S>) {
  const isPhone = useIsPhone();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const q = (list.filter as { q?: string }).q;
  const fold = isPhone && foldFilters && filters !== undefined;
  const searchBox = search && (
    <Input.Search
      key={q ?? ''}
      allowClear
      placeholder={search.placeholder}
      aria-label={search.placeholder}
      defaultValue={q}
      onSearch={(v) => list.update({ q: v.trim() || undefined } as Parameters<typeof list.update>[0])}
      style={{ width: isPhone ? undefined : (search.width ?? 240), flex: isPhone ? 1 : undefined }}
    />
  );
  const total = query.data?.total ?? 0;
  const phoneColumns: TableColumnsType<T> = [{ key: 'card', render: (_: unknown, row: T) => <div className="kit-card">{card(row)}</div> }];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          {title}
        </Typography.Title>
        <div className="page-actions">
          {refresh && (
            <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} aria-label="刷新">
              {isPhone ? null : '刷新'}
            </Button>
          )}
          {exportHref !== undefined && (
            <Button icon={<DownloadOutlined />} href={exportHref} download aria-label="导出 Excel" data-testid={exportTestId}>
              {isPhone ? '导出' : '导出 Excel'}
            </Button>
          )}
          {actions}
        </div>
      </div>
      <Card variant="borderless">
        {(fold || (isPhone && searchBox)) && (
          <div className="kit-phone-search">
            {searchBox}
            {fold && (
              <Button
                icon={<FilterOutlined />}
                onClick={() => setFiltersOpen((o) => !o)}
                type={list.activeCount > 0 ? 'primary' : 'default'}
                ghost={list.activeCount > 0}
              >
                筛选{list.activeCount > 0 ? `（${list.activeCount}）` : ''}
              </Button>
            )}
          </div>
        )}
        {!search && !foldFilters
          ? filters
          : ((!isPhone && (searchBox || filters)) || (isPhone && filters && (!fold || filtersOpen))) && (
              <Space wrap className="filter-bar kit-filters">
                {!isPhone && searchBox}
                {filters}
              </Space>
            )}
        {banner}
        {query.isError && (
          <Alert
            type="error"
            showIcon
            className="kit-error"
            title={`加载失败：${query.error.message}`}
            action={
              <Button size="small" onClick={() => void query.refetch()}>
                重试
              </Button>
            }
          />
        )}
        <Table<T>
          rowKey={rowKey as string | ((row: T) => Key)}
          size="middle"
          showHeader={!isPhone}
          className={isPhone ? 'kit-cards' : undefined}
          columns={isPhone ? phoneColumns : columns}
          dataSource={query.data?.items}
          loading={query.isFetching}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={query.isError ? '未能加载' : emptyText} /> }}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total,
            showSizeChanger: pageSizeChanger && !isPhone,
            pageSizeOptions: [...PAGE_SIZES],
            simple: isPhone,
            showTotal: (t) => `共 ${t} ${unit}`,
            hideOnSinglePage: false,
          }}
          {...tableProps}
          scroll={isPhone ? undefined : tableProps?.scroll}
          onChange={(pagination, tableFilters, sorter, extra) => {
            if (extra.action === 'paginate') {
              const size = pagination.pageSize ?? list.pageSize;
              list.update({ page: size !== list.pageSize ? 1 : (pagination.current ?? 1), pageSize: size } as Parameters<
                typeof list.update
              >[0]);
            }
            tableProps?.onChange?.(pagination, tableFilters, sorter, extra);
          }}
        />
      </Card>
      {children}
    </div>
  );
}
