import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFinding, TFindingSummary } from '@yingji/domain/inspection/inspection.schema';
import { Alert, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { findingApi } from '../../api/inspection.api';
import { DateRangeFilter, FlagTag, ListPage, param, SelectFilter, TownFilter, useListParams } from '../../kit';
import { INSPECTION_KEYS } from './inspection-data';

const FILTERS = { divisionCode: param.text(), from: param.date(), to: param.date(), major: param.flag(), converted: param.flag() };
const YES_NO = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];

const Converted = ({ f }: { f: TFinding }) => <FlagTag value={f.hazardId !== null} yes="已转" no="待转" />;

/** Live figures: how many findings (in the page's filters) still wait to become hazards, and how many did. */
function FindingsBanner({ s, onPending }: { s: TFindingSummary; onPending: () => void }) {
  const waiting = s.pending > 0;
  return (
    <Alert
      type={s.pendingMajor > 0 ? 'warning' : waiting ? 'info' : 'success'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="findings-banner"
      title={
        waiting ? (
          <span>
            待转为隐患 <a onClick={onPending}>{s.pending.toLocaleString('zh-CN')} 条</a>
            {s.pendingMajor > 0 && `（其中重大事故隐患 ${s.pendingMajor.toLocaleString('zh-CN')} 条）`}，最早发现于 {s.oldestPendingOn}
            ；已转为隐患 {s.converted.toLocaleString('zh-CN')} 条。请在检查记录中将问题转为隐患并下达整改。
          </span>
        ) : (
          `检查发现的问题均已转为隐患（${s.converted.toLocaleString('zh-CN')} 条），整改在隐患排查治理中跟踪。`
        )
      }
    />
  );
}

/** Problems found by inspections; the hazard module takes each over as a hazard. */
export function FindingsPage() {
  const list = useListParams(FILTERS);
  const { filter, page, pageSize } = list;
  const query = useQuery({
    queryKey: INSPECTION_KEYS.findings({ ...filter, page, pageSize }),
    queryFn: () => findingApi.list({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const summary = useQuery({
    queryKey: INSPECTION_KEYS.findingSummary({ ...filter, converted: undefined }),
    queryFn: () => findingApi.summary(filter),
    placeholderData: keepPreviousData,
  });

  const problem = (f: TFinding) => (
    <div className="cell-stack">
      <span>
        {f.majorHazard && <Tag color="red">重大事故隐患</Tag>}
        {f.description}
      </span>
      <span className="cell-sub">
        <Link to={`/inspections/${f.inspectionId}`}>检查记录 #{f.inspectionId}</Link>
        {f.photos.length > 0 && ` · 照片 ${f.photos.length} 张`}
      </span>
    </div>
  );
  const columns: TableColumnsType<TFinding> = [
    { title: '发现日期', dataIndex: 'foundOn', width: 110, render: (v: string) => <span className="mono nowrap">{v}</span> },
    { title: '企业', render: (_, f) => <Link to={`/enterprises/${f.enterpriseId}`}>{f.enterpriseName}</Link> },
    { title: '镇街', width: 100, render: (_, f) => f.divisionName ?? f.divisionCode },
    { title: '问题', render: (_, f) => problem(f) },
    { title: '转为隐患', width: 100, render: (_, f) => <Converted f={f} /> },
  ];
  const card = (f: TFinding) => (
    <div className="cell-stack">
      <div className="cell-head">
        <Link to={`/enterprises/${f.enterpriseId}`}>{f.enterpriseName}</Link>
        <Converted f={f} />
      </div>
      <span className="cell-sub">
        {f.foundOn} · {f.divisionName ?? f.divisionCode}
      </span>
      {problem(f)}
    </div>
  );

  return (
    <ListPage
      title="检查发现的问题"
      exportHref={findingApi.exportUrl(filter)}
      list={list}
      query={query}
      filters={
        <>
          <TownFilter value={filter.divisionCode} onChange={(divisionCode) => list.update({ divisionCode })} />
          <DateRangeFilter list={list} />
          <SelectFilter list={list} name="major" placeholder="重大事故隐患" options={YES_NO} />
          <SelectFilter list={list} name="converted" placeholder="已转为隐患" width={130} options={YES_NO} />
        </>
      }
      banner={summary.data && <FindingsBanner s={summary.data} onPending={() => list.update({ converted: 'false' })} />}
      columns={columns}
      card={card}
      emptyText="没有检查发现的问题"
    />
  );
}
