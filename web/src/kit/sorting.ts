import type { Key } from 'react';
import type { SortOrder } from 'antd/es/table/interface';

/** What antd's Table reports of a sorter click (any row type). */
type TSorterClick = { columnKey?: Key | undefined; order?: SortOrder | undefined };

/**
 * A list's sort kept in the address (its `sort` and `order` filters): the arrow each sortable column shows, and the
 * table's onChange that writes a click back (a third click clears it, back to the list's default order). A column
 * is sortable when its `key` is one of `keys`.
 */
export function columnSort<K extends string>(
  keys: readonly K[],
  current: { sort?: K | undefined; order?: 'asc' | 'desc' | undefined },
  update: (next: { sort: K | undefined; order: 'asc' | 'desc' | undefined }) => void,
) {
  const sortOrder = (key: K): SortOrder => (current.sort === key ? (current.order === 'asc' ? 'ascend' : 'descend') : null);
  const onChange = (_pagination: unknown, _filters: unknown, sorter: TSorterClick | TSorterClick[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.columnKey as K | undefined;
    const sort = s?.order && key && keys.includes(key) ? key : undefined;
    const order = sort ? (s?.order === 'ascend' ? 'asc' : 'desc') : undefined;
    if (sort !== current.sort || order !== current.order) update({ sort, order });
  };
  return { sortOrder, onChange };
}
