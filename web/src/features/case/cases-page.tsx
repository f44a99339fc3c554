import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CASE_SOURCE_LABELS, CASE_STAGES, CLOCK_FILTERS, type TCaseItem, type TClockFilter } from '@yingji/domain/case/case.schema';
import { Button, Segmented, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { caseApi } from '../../api/case.api';
import { useCan, useCurrentMe } from '../../app/auth';
import { DateRangeFilter, ListPage, param, SelectFilter, TownFilter, useIsPhone, useListParams } from '../../kit';
import { CaseExchangeExportButton } from './case-exchange-export';
import { CASE_KEYS, ClockLine, runningClocks, STAGE_OPTIONS, StageTag, yuan } from './case-data';
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
};
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

  const clocks = (c: TCaseItem) => {
    const running = runningClocks(c.clocks);
    return running.length ? running.map((k) => <ClockLine key={k.kind} clock={k} />) : <span className="cell-sub">—</span>;
  };
  const columns: TableColumnsType<TCaseItem> = [
    {
      title: '案件',
      render: (_, c) => (
        <div className="cell-stack">
          <Link to={`/cases/${c.id}`}>{c.partyName}</Link>
          <span className="cell-sub">
            {c.caseNo ?? '未立案'} · {CASE_SOURCE_LABELS[c.sourceKind]}
          </span>
        </div>
      ),
    },
    { title: '办案机关', width: 110, render: (_, c) => c.divisionName ?? c.divisionCode },
    { title: '阶段', width: 110, render: (_, c) => <StageTag stage={c.stage} /> },
    { title: '法定期限', width: 290, render: (_, c) => <div className="case-clocks">{clocks(c)}</div> },
    { title: '立案日期', width: 110, render: (_, c) => <span className="mono nowrap">{c.filedOn ?? '—'}</span> },
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
        {c.caseNo ?? '未立案'} · {c.divisionName ?? c.divisionCode}
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
        </>
      }
      columns={columns}
      card={card}
      emptyText="没有案件"
      unit="件"
    />
  );
}
