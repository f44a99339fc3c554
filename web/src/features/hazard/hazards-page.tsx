import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  HAZARD_CATEGORIES,
  HAZARD_CATEGORY_LABELS,
  HAZARD_LEVELS,
  HAZARD_SOURCE_LABELS,
  HAZARD_SORTS,
  HAZARD_SOURCES,
  HAZARD_STATES,
  type THazardItem,
  type THazardSort,
} from '@yingji/domain';
import { Button, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { hazardApi } from '../../api/hazard.api';
import { useCan, useCurrentMe } from '../../app/auth';
import {
  columnSort,
  DateRangeFilter,
  FlagFilter,
  ListPage,
  param,
  PhoneSort,
  SelectFilter,
  TownFilter,
  useIsPhone,
  useListParams,
  type TSortChoice,
} from '../../kit';
import {
  CATEGORY_OPTIONS,
  HAZARD_KEYS,
  HazardTags,
  LEVEL_OPTIONS,
  meEnterprise,
  SOURCE_OPTIONS,
  STATE_OPTIONS,
  useCampaigns,
} from './hazard-data';
import './hazard.css';

const FILTERS = {
  divisionCode: param.text(),
  enterpriseId: param.int(),
  state: param.oneOf(HAZARD_STATES),
  open: param.flag(),
  overdue: param.flag(),
  supervised: param.flag(),
  extensionPending: param.flag(),
  level: param.oneOf(HAZARD_LEVELS),
  category: param.oneOf(HAZARD_CATEGORIES),
  source: param.oneOf(HAZARD_SOURCES),
  campaignId: param.int(),
  from: param.date(),
  to: param.date(),
  q: param.text(),
  sort: param.oneOf(HAZARD_SORTS),
  order: param.oneOf(['asc', 'desc'] as const),
};

/** The orders a phone offers in place of the column arrows. */
const PHONE_SORTS: readonly TSortChoice<THazardSort>[] = [
  { sort: 'foundOn', order: 'desc', label: '发现日期（最新在前）' },
  { sort: 'deadline', order: 'asc', label: '整改期限（逾期在前）' },
  { sort: 'enterprise', order: 'asc', label: '企业名称' },
  { sort: 'town', order: 'asc', label: '镇街' },
];

/** 隐患台账: filters in the address, paginated; cards on a phone; Excel export of the filtered list. */
export function HazardsPage() {
  const can = useCan();
  const me = useCurrentMe();
  const firm = meEnterprise(me);
  const isEnterprise = me.user.role === 'enterprise_user';
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const campaigns = useCampaigns(!isEnterprise);
  const list = useListParams(FILTERS);
  const { filter, page, pageSize } = list;
  const query = useQuery({
    queryKey: HAZARD_KEYS.list({ ...filter, page, pageSize }),
    queryFn: () => hazardApi.list({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const sorting = columnSort(HAZARD_SORTS, filter, (next) => list.update(next));
  const columns: TableColumnsType<THazardItem> = [
    {
      title: '发现日期',
      key: 'foundOn',
      dataIndex: 'foundOn',
      width: 120,
      sorter: true,
      sortOrder: filter.sort === undefined ? 'descend' : sorting.sortOrder('foundOn'),
      render: (v: string) => <span className="mono nowrap">{v}</span>,
    },
    {
      title: '隐患',
      render: (_, h) => (
        <div className="cell-stack">
          <Link to={`/hazards/${h.id}`}>{h.description}</Link>
          <span className="cell-sub">
            {h.location} · {HAZARD_CATEGORY_LABELS[h.category]} · {HAZARD_SOURCE_LABELS[h.source]}
          </span>
        </div>
      ),
    },
    {
      title: '企业',
      key: 'enterprise',
      width: 220,
      sorter: true,
      sortOrder: sorting.sortOrder('enterprise'),
      render: (_, h) => (
        <div className="cell-stack">
          <span>{h.enterpriseName}</span>
          <span className="cell-sub">{h.townName ?? h.divisionCode}</span>
        </div>
      ),
    },
    {
      title: '整改期限',
      key: 'deadline',
      dataIndex: 'deadline',
      width: 120,
      sorter: true,
      sortOrder: sorting.sortOrder('deadline'),
      render: (v: string, h) => <span className={h.overdue ? 'mono nowrap hazard-overdue' : 'mono nowrap'}>{v}</span>,
    },
    { title: '状态', width: 200, render: (_, h) => <HazardTags h={h} /> },
  ];
  const card = (h: THazardItem) => (
    <Link to={`/hazards/${h.id}`} className="kit-card-link" aria-label={`隐患 ${h.description}`}>
      <div className="kit-card-body">
        <HazardTags h={h} />
        <div className="kit-card-title hazard-card-title">{h.description}</div>
        <div className="cell-sub">{isEnterprise ? h.location : `${h.enterpriseName} · ${h.location}`}</div>
        <div className={h.overdue ? 'cell-sub hazard-overdue' : 'cell-sub'}>
          {HAZARD_CATEGORY_LABELS[h.category]} · 整改期限 {h.deadline}
        </div>
      </div>
      <RightOutlined className="kit-card-arrow" />
    </Link>
  );

  return (
    <ListPage
      title={
        <>
          {isEnterprise ? '本企业隐患' : '隐患台账'}
          {firm && <span className="hazard-firm-sub">{firm.name}</span>}
        </>
      }
      exportHref={hazardApi.exportUrl(filter)}
      actions={
        can('hazard.report') && (
          <Button type="primary" icon={<PlusOutlined />} size={isPhone ? 'large' : 'middle'} onClick={() => void navigate('/hazards/new')}>
            {isEnterprise ? '上报隐患' : '登记隐患'}
          </Button>
        )
      }
      list={list}
      query={query}
      search={{ placeholder: isEnterprise ? '隐患描述或部位' : '企业名称、隐患描述或部位' }}
      filters={
        <>
          {!isEnterprise && <TownFilter value={filter.divisionCode} onChange={(divisionCode) => list.update({ divisionCode })} />}
          <SelectFilter list={list} name="state" placeholder="状态" width={150} options={STATE_OPTIONS} />
          <SelectFilter list={list} name="level" placeholder="隐患等级" width={120} options={LEVEL_OPTIONS} />
          <SelectFilter list={list} name="category" placeholder="隐患类别" width={170} options={CATEGORY_OPTIONS} />
          {!isEnterprise && <SelectFilter list={list} name="source" placeholder="隐患来源" width={120} options={SOURCE_OPTIONS} />}
          {!isEnterprise && (
            <SelectFilter
              list={list}
              name="campaignId"
              placeholder="专项行动"
              width={170}
              loading={campaigns.isPending}
              options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          )}
          <DateRangeFilter list={list} placeholder={['发现日期起', '发现日期止']} />
          {filter.enterpriseId !== undefined && !isEnterprise && (
            <Tag closable color="blue" onClose={() => list.update({ enterpriseId: undefined })}>
              {query.data?.items[0]?.enterpriseName ?? `企业 #${filter.enterpriseId}`}
            </Tag>
          )}
          {isPhone && <PhoneSort choices={PHONE_SORTS} sort={filter.sort} order={filter.order} onChange={(next) => list.update(next)} />}
          <FlagFilter list={list} name="open" label="仅未销号" />
          <FlagFilter list={list} name="overdue" label="仅逾期" />
          {!isEnterprise && <FlagFilter list={list} name="supervised" label="仅挂牌督办" />}
          {can('hazard.manage') && <FlagFilter list={list} name="extensionPending" label="仅延期待审批" />}
        </>
      }
      columns={columns}
      tableProps={{ onChange: sorting.onChange }}
      card={card}
      emptyText="没有隐患记录"
    />
  );
}
