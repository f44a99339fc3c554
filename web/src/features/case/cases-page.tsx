import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  CASE_SORTS,
  CASE_SOURCE_LABELS,
  CASE_STAGES,
  CLOCK_FILTERS,
  type TCaseItem,
  type TCaseSort,
  type TClockFilter,
} from '@yingji/domain/case/case.schema';
import { Button, Segmented, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { caseApi } from '../../api/case.api';
import { useCan, useCurrentMe } from '../../app/auth';
import {
  columnSort,
  DateRangeFilter,
  ListPage,
  param,
  PhoneSort,
  SelectFilter,
  TownFilter,
  useIsPhone,
  useListParams,
  type TSortChoice,
} from '../../kit';
import { CaseExchangeExportButton } from './case-exchange-export';
import { CASE_KEYS, caseNoText, ClockLine, runningClocks, STAGE_OPTIONS, StageTag, yuan } from './case-data';
import './case.css';

const FILTERS = {
  stage: param.oneOf(CASE_STAGES),
  open: param.flag(),
  divisionCode: param.text(),
  clock: param.oneOf(CLOCK_FILTERS),
  mine: param.flag(),
  reviewable: param.flag(),
  from: param.date(),
  to: param.date(),
  q: param.text(),
  sort: param.oneOf(CASE_SORTS),
  order: param.oneOf(['asc', 'desc'] as const),
};
const PHONE_SORTS: readonly TSortChoice<TCaseSort>[] = [
  { sort: 'filedOn', order: 'desc', label: '立案日期（最新在前）' },
  { sort: 'deadline', order: 'asc', label: '办案期限（最近到期在前）' },
  { sort: 'party', order: 'asc', label: '当事人' },
  { sort: 'town', order: 'asc', label: '办案机关' },
];
const CLOCK_OPTIONS = [
  { value: '', label: '全部' },
  { value: 'due_in_7_days', label: '7 日内到期' },
  { value: 'overdue', label: '已逾期' },
];
const OPEN_OPTIONS = [
  { value: 'true', label: '未结案' },
  { value: 'false', label: '已结案/撤销' },
];

/** 案件台账: filters in the address, each running statutory clock with its deadline and the days left (red when overdue). */
export function CasesPage() {
  const can = useCan();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const list = useListParams(FILTERS);
  const { filter, page, pageSize } = list;
  const query = useQuery({
    queryKey: CASE_KEYS.list({ ...filter, page, pageSize }),
    queryFn: () => caseApi.list({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const sorting = columnSort(CASE_SORTS, filter, (next) => list.update(next));
  const clocks = (c: TCaseItem) => {
    const running = runningClocks(c.clocks);
    return running.length ? running.map((k) => <ClockLine key={k.kind} clock={k} />) : <span className="cell-sub">—</span>;
  };
  const columns: TableColumnsType<TCaseItem> = [
    {
      title: '案件',
      key: 'party',
      sorter: true,
      sortOrder: sorting.sortOrder('party'),
      render: (_, c) => (
        <div className="cell-stack">
          <Link to={`/cases/${c.id}`}>{c.partyName}</Link>
          <span className="cell-sub">
            {caseNoText(c)} · {CASE_SOURCE_LABELS[c.sourceKind]}
          </span>
        </div>
      ),
    },
    {
      title: '办案机关',
      key: 'town',
      width: 110,
      sorter: true,
      sortOrder: sorting.sortOrder('town'),
      render: (_, c) => c.divisionName ?? c.divisionCode,
    },
    { title: '阶段', width: 110, render: (_, c) => <StageTag stage={c.stage} /> },
    {
      title: '法定期限',
      key: 'deadline',
      width: 290,
      // sorted by the 90-day decision clock (办案期限): cases awaiting a decision first
      sorter: true,
      sortOrder: sorting.sortOrder('deadline'),
      render: (_, c) => <div className="case-clocks">{clocks(c)}</div>,
    },
    {
      title: '立案日期',
      key: 'filedOn',
      width: 110,
      sorter: true,
      sortOrder: sorting.sortOrder('filedOn'),
      render: (_, c) => <span className="mono nowrap">{c.filedOn ?? '—'}</span>,
    },
    {
      title: '罚款（决定 / 已缴）',
      width: 170,
      align: 'right',
      render: (_, c) =>
        c.decidedOn ? (
          <span className="nowrap">{`${yuan(c.fineDecidedFen)} / ${yuan(c.finePaidFen)}`}</span>
        ) : (
          <span className="cell-sub">未决定</span>
        ),
    },
  ];
  const card = (c: TCaseItem) => (
    <div className="cell-stack">
      <div className="cell-head">
        <Link to={`/cases/${c.id}`}>{c.partyName}</Link> <StageTag stage={c.stage} />
      </div>
      <span className="cell-sub">
        {caseNoText(c)} · {c.divisionName ?? c.divisionCode}
      </span>
      {runningClocks(c.clocks).length > 0 && <div className="case-clocks">{clocks(c)}</div>}
    </div>
  );

  return (
    <ListPage
      title="案件台账"
      actions={
        <>
          {!isPhone && <CaseExchangeExportButton />}
          <Button icon={<BarChartOutlined />} onClick={() => void navigate('/cases/stats')}>
            {isPhone ? null : '案件统计'}
          </Button>
          {can('case.handle') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')}>
              立案登记
            </Button>
          )}
        </>
      }
      list={list}
      query={query}
      search={{ placeholder: '案号、当事人或案情', width: 220 }}
      filters={
        <>
          {filter.mine === 'true' && (
            <Tag closable color="blue" onClose={() => list.update({ mine: undefined })}>
              本人承办
            </Tag>
          )}
          {filter.reviewable === 'true' && (
            <Tag closable color="purple" onClose={() => list.update({ reviewable: undefined })}>
              待我法制审核
            </Tag>
          )}
          <Segmented
            options={CLOCK_OPTIONS}
            value={filter.clock ?? ''}
            onChange={(v) => list.update({ clock: (v as TClockFilter | '') || undefined })}
          />
          <SelectFilter list={list} name="stage" placeholder="案件阶段" options={STAGE_OPTIONS} />
          <SelectFilter list={list} name="open" placeholder="办结情况" width={120} options={OPEN_OPTIONS} />
          <TownFilter
            value={filter.divisionCode}
            onChange={(divisionCode) => list.update({ divisionCode })}
            placeholder="办案机关"
            style={{ width: 150 }}
            extra={[{ value: me.user.divisionCode, label: `${me.user.divisionName ?? '市局'}（本级）` }]}
          />
          <DateRangeFilter list={list} placeholder={['立案日期起', '立案日期止']} />
          {isPhone && <PhoneSort choices={PHONE_SORTS} sort={filter.sort} order={filter.order} onChange={(next) => list.update(next)} />}
        </>
      }
      columns={columns}
      tableProps={{ onChange: sorting.onChange }}
      card={card}
      emptyText="没有案件"
      unit="件"
    />
  );
}
