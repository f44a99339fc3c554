import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  INSPECTION_KIND_LABELS,
  INSPECTION_KINDS,
  INSPECTION_STATUS_LABELS,
  INSPECTION_SORTS,
  INSPECTION_STATUSES,
  type TInspection,
  type TInspectionSort,
  type TInspectionStatus,
} from '@yingji/domain/inspection/inspection.schema';
import { Button, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { inspectionApi } from '../../api/inspection.api';
import { useCan } from '../../app/auth';
import {
  columnSort,
  DateRangeFilter,
  EnumTag,
  enumOptions,
  ListPage,
  param,
  PhoneSort,
  SelectFilter,
  TownFilter,
  useIsPhone,
  useListParams,
  type TSortChoice,
} from '../../kit';
import { COLOUR_LABELS, INSPECTION_KEYS, KIND_COLORS, KIND_OPTIONS } from './inspection-data';
import './inspection-styles.css';

const FILTERS = {
  divisionCode: param.text(),
  kind: param.oneOf(INSPECTION_KINDS),
  status: param.oneOf(INSPECTION_STATUSES),
  from: param.date(),
  to: param.date(),
  q: param.text(),
  publication: param.oneOf(['overdue'] as const),
  sort: param.oneOf(INSPECTION_SORTS),
  order: param.oneOf(['asc', 'desc'] as const),
};
const PHONE_SORTS: readonly TSortChoice<TInspectionSort>[] = [
  { sort: 'inspectedOn', order: 'desc', label: '检查日期（最新在前）' },
  { sort: 'deadline', order: 'asc', label: '待公示（最早检查在前）' },
  { sort: 'enterprise', order: 'asc', label: '企业名称' },
  { sort: 'town', order: 'asc', label: '镇街' },
];
const STATUS_COLORS: Record<TInspectionStatus, string> = { draft: 'gold', submitted: 'green' };

const KindTag = ({ i }: { i: TInspection }) => <EnumTag value={i.kind} labels={INSPECTION_KIND_LABELS} colors={KIND_COLORS} />;
const StatusTag = ({ i }: { i: TInspection }) => <EnumTag value={i.status} labels={INSPECTION_STATUS_LABELS} colors={STATUS_COLORS} />;
/** 一公开: whether a submitted result is published yet. */
const Publication = ({ i }: { i: TInspection }) =>
  i.status === 'submitted' ? <span className="cell-sub">{i.publishedAt ? '结果已公示' : '结果待公示'}</span> : null;

/** The inspection ledger: filters in the address, paginated, 四不两直 counted apart, Excel export of the filtered set. */
export function InspectionsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const list = useListParams(FILTERS);
  const { filter, page, pageSize } = list;
  const sorting = columnSort(INSPECTION_SORTS, filter, (next) => list.update(next));
  const query = useQuery({
    queryKey: INSPECTION_KEYS.list({ ...filter, page, pageSize }),
    queryFn: () => inspectionApi.list({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<TInspection> = [
    {
      title: '检查日期',
      key: 'inspectedOn',
      dataIndex: 'inspectedOn',
      width: 110,
      sorter: true,
      sortOrder: filter.sort === undefined ? 'descend' : sorting.sortOrder('inspectedOn'),
      render: (v: string) => <span className="mono nowrap">{v}</span>,
    },
    {
      title: '企业',
      key: 'enterprise',
      sorter: true,
      sortOrder: sorting.sortOrder('enterprise'),
      render: (_, i) => (
        <div className="cell-stack">
          <Link to={`/inspections/${i.id}`}>{i.enterpriseName}</Link>
          <span className="cell-sub">{i.place}</span>
        </div>
      ),
    },
    {
      title: '镇街',
      key: 'town',
      width: 100,
      sorter: true,
      sortOrder: sorting.sortOrder('town'),
      render: (_, i) => i.divisionName ?? i.divisionCode,
    },
    { title: '方式', width: 110, render: (_, i) => <KindTag i={i} /> },
    {
      title: '风险等级',
      width: 90,
      render: (_, i) =>
        i.colour ? (
          <Tag color={COLOUR_LABELS[i.colour]?.color}>{COLOUR_LABELS[i.colour]?.label}</Tag>
        ) : (
          <span className="cell-sub">未定级</span>
        ),
    },
    { title: '执法人员', width: 150, render: (_, i) => i.inspectorNames.join('、') },
    { title: '发现问题', dataIndex: 'findingsCount', width: 90, align: 'right' },
    {
      title: '状态',
      key: 'deadline',
      width: 110,
      // sorted by the results' publication deadline: unpublished results first
      sorter: true,
      sortOrder: sorting.sortOrder('deadline'),
      render: (_, i) => (
        <div className="cell-stack">
          <StatusTag i={i} />
          <Publication i={i} />
        </div>
      ),
    },
  ];
  const card = (i: TInspection) => (
    <div className="cell-stack">
      <div className="cell-head">
        <Link to={`/inspections/${i.id}`}>{i.enterpriseName}</Link>
      </div>
      <span className="cell-sub">
        {i.inspectedOn} · {i.divisionName ?? i.divisionCode} · 发现问题 {i.findingsCount} 项
      </span>
      <div className="cell-head">
        <KindTag i={i} />
        <StatusTag i={i} />
        <Publication i={i} />
      </div>
    </div>
  );
  const byKind = query.data?.byKind;

  return (
    <ListPage
      title="监督检查记录"
      exportHref={inspectionApi.exportUrl(filter)}
      actions={
        can('inspection.record') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/inspections/new')}>
            新建检查
          </Button>
        )
      }
      list={list}
      query={query}
      search={{ placeholder: '企业名称或信用代码', width: 220 }}
      filters={
        <>
          <TownFilter value={filter.divisionCode} onChange={(divisionCode) => list.update({ divisionCode })} />
          <SelectFilter list={list} name="kind" placeholder="检查方式" options={KIND_OPTIONS} />
          <SelectFilter
            list={list}
            name="status"
            placeholder="状态"
            width={110}
            options={enumOptions(INSPECTION_STATUSES, INSPECTION_STATUS_LABELS)}
          />
          <SelectFilter
            list={list}
            name="publication"
            placeholder="结果公示"
            width={130}
            options={[{ value: 'overdue', label: '逾期未公示' }]}
          />
          <DateRangeFilter list={list} />
          {isPhone && <PhoneSort choices={PHONE_SORTS} sort={filter.sort} order={filter.order} onChange={(next) => list.update(next)} />}
        </>
      }
      banner={
        byKind && (
          <div className="cell-sub" style={{ marginBottom: 8 }}>
            双随机抽查 {byKind.planned} 次 · 日常检查 {byKind.ad_hoc} 次 · <Tag color="purple">四不两直 {byKind.unannounced} 次</Tag>
          </div>
        )
      }
      columns={columns}
      tableProps={{ onChange: sorting.onChange }}
      card={card}
      emptyText="没有检查记录"
    />
  );
}
