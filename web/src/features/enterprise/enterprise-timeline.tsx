/** The firm's page: its timeline (企业动态, what every module announced about it) and its inspections, each paged and linked. */

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { HAZARD_ACTION_LABELS, type THazardAction } from '@yingji/domain/hazard/hazard.schema';
import { INSPECTION_KIND_LABELS, INSPECTION_STATUS_LABELS, type TInspection } from '@yingji/domain/inspection/inspection.schema';
import { Card, List, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { enterpriseApi, type TTimelineModule, type TTimelinePage } from '../../api/enterprise.api';
import { inspectionApi } from '../../api/inspection.api';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { useTowns, withTownNames } from '../../kit';
import { ENTERPRISE_KEYS } from './enterprise-data';

const KIND_LABELS: Record<string, string> = {
  create: '纳入台账',
  import_new: '名单导入',
  update: '信息修改',
  import_change: '名单导入',
  status: '监管状态',
  import_missing: '名单核对',
  transfer: '属地变更',
  risk_grade: '风险等级',
  risk_proposal: '等级调整建议',
  accident: '生产安全事故',
  penalty: '行政处罚',
  directive_refused: '拒不执行指令',
  major_hazard_opened: '重大隐患',
  major_hazard_closed: '重大隐患销号',
  hazard_found: '事故隐患',
  hazard_closed: '隐患闭环',
  filing: '立案',
};
const MODULE_LABELS: Record<TTimelineModule, string> = {
  enterprise: '台账',
  inspection: '检查',
  hazard: '隐患',
  case: '案件',
  risk: '风险',
  accident: '事故',
};
const MODULE_COLORS: Record<string, string> = {
  enterprise: 'blue',
  inspection: 'cyan',
  hazard: 'orange',
  case: 'red',
  risk: 'gold',
  accident: 'magenta',
};
/** Where an event's record lives: `hazard:12` is /hazards/12. */
const REF_ROUTES: Record<string, (id: string) => string> = {
  inspection: (id) => `/inspections/${id}`,
  hazard: (id) => `/hazards/${id}`,
  case: (id) => `/cases/${id}`,
  accident: (id) => `/accidents/${id}`,
  risk_proposal: () => '/risk/proposals',
};

type TEntry = TTimelinePage['items'][number];

/** An event's kind in words: the inspection's kind, the hazard's step, or the timeline's own kinds. */
export function timelineKindLabel(e: Pick<TEntry, 'module' | 'kind'>): string {
  if (e.module === 'inspection' && e.kind in INSPECTION_KIND_LABELS) return INSPECTION_KIND_LABELS[e.kind as TInspection['kind']];
  if (e.module === 'hazard' && e.kind in HAZARD_ACTION_LABELS) return HAZARD_ACTION_LABELS[e.kind as THazardAction];
  return KIND_LABELS[e.kind] ?? MODULE_LABELS[e.module as TTimelineModule] ?? '动态';
}

function refHref(ref: string | null): string | null {
  if (!ref) return null;
  const [prefix, id] = ref.split(':');
  const route = prefix ? REF_ROUTES[prefix] : undefined;
  return route && id && /^\d+$/.test(id) ? route(id) : null;
}

const PAGE_SIZE = 10;

/** 企业动态: every module's events about the firm, newest first, a tab per module, each row opening its record. */
export function FirmTimeline({ enterpriseId, first }: { enterpriseId: number; first: TEntry[] }) {
  const [module, setModule] = useState<TTimelineModule | 'all'>('all');
  const [page, setPage] = useState(1);
  const { names } = useTowns();
  const query = { ...(module === 'all' ? {} : { module }), page, pageSize: PAGE_SIZE };
  const timeline = useQuery({
    queryKey: [...ENTERPRISE_KEYS.all, 'timeline', enterpriseId, query],
    queryFn: () => enterpriseApi.timeline(enterpriseId, query),
    placeholderData: keepPreviousData,
    // The firm's page brings its latest events: shown at once, the count follows from the server.
    initialData: module === 'all' && page === 1 ? { items: first.slice(0, PAGE_SIZE), total: first.length } : undefined,
    initialDataUpdatedAt: 0,
  });
  const tabs = [
    { value: 'all', label: '全部' },
    ...(['inspection', 'hazard', 'case', 'risk'] as const).map((m) => ({ value: m, label: MODULE_LABELS[m] })),
  ];
  return (
    <Card variant="borderless" title="企业动态" className="detail-card" data-testid="timeline">
      <Segmented
        size="small"
        block
        options={tabs}
        value={module}
        onChange={(v) => {
          setModule(v as TTimelineModule | 'all');
          setPage(1);
        }}
      />
      <List<TEntry>
        size="small"
        loading={timeline.isFetching && !timeline.data}
        dataSource={timeline.data?.items ?? []}
        locale={{ emptyText: timeline.isError ? (timeline.error as Error).message : '暂无记录' }}
        pagination={
          (timeline.data?.total ?? 0) > PAGE_SIZE
            ? {
                current: page,
                pageSize: PAGE_SIZE,
                total: timeline.data?.total,
                onChange: setPage,
                size: 'small',
                simple: true,
                align: 'center',
              }
            : false
        }
        renderItem={(e) => {
          const href = refHref(e.ref);
          const summary = withTownNames(e.summary, names);
          return (
            <List.Item className="timeline-row">
              <div className="cell-stack">
                <span className="cell-sub">
                  <Tag color={MODULE_COLORS[e.module] ?? 'default'}>{MODULE_LABELS[e.module as TTimelineModule] ?? '其他'}</Tag>
                  <span className="mono">{formatTime(e.at)}</span> · {timelineKindLabel(e)}
                </span>
                {href ? <Link to={href}>{summary}</Link> : <span>{summary}</span>}
              </div>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

/** 监督检查: the firm's inspections, newest first, each opening its record; the whole list in the inspections ledger. */
export function FirmInspections({ enterpriseId, creditCode }: { enterpriseId: number; creditCode: string }) {
  const can = useCan();
  const enabled = can('inspection.read');
  const [page, setPage] = useState(1);
  const filter = { enterpriseId, page, pageSize: 5 };
  const list = useQuery({
    queryKey: ['inspection', 'list', filter],
    queryFn: () => inspectionApi.list(filter),
    placeholderData: keepPreviousData,
    enabled,
  });
  if (!enabled) return null;
  return (
    <Card
      variant="borderless"
      title="监督检查"
      className="detail-card"
      data-testid="firm-inspections"
      extra={<Link to={`/inspections?q=${encodeURIComponent(creditCode)}`}>全部检查</Link>}
    >
      <List<TInspection>
        size="small"
        loading={list.isFetching && !list.data}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: list.isError ? (list.error as Error).message : '暂无检查记录' }}
        pagination={
          (list.data?.total ?? 0) > 5
            ? { current: page, pageSize: 5, total: list.data?.total, onChange: setPage, size: 'small', simple: true, align: 'center' }
            : false
        }
        renderItem={(i) => (
          <List.Item>
            <div className="cell-stack">
              <Link to={`/inspections/${i.id}`}>
                <span className="mono">{i.inspectedOn}</span> {INSPECTION_KIND_LABELS[i.kind]}
              </Link>
              <span className="cell-sub">
                {INSPECTION_STATUS_LABELS[i.status]} · 发现问题 {i.findingsCount} 项
                {i.inspectorNames.length > 0 && ` · ${i.inspectorNames.join('、')}`}
              </span>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
