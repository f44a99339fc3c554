import { BarChartOutlined, CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CASE_SOURCE_LABELS, type TCaseItem, type TCaseStage, type TClockFilter } from '@yingji/domain/case/case.schema';
import { App, Button, Card, DatePicker, Dropdown, Grid, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useState } from 'react';
import { caseApi, caseExchangeApi, type TCaseFilter } from '../../api/case.api';
import { useCan, useCurrentMe } from '../../app/auth';
import { bureauNow, dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { CASE_KEYS, ClockLine, runningClocks, STAGE_OPTIONS, StageTag, yuan } from './case-data';
import './case.css';
import { useTowns } from '../../kit';

const KEYS = ['stage', 'open', 'divisionCode', 'clock', 'mine', 'reviewable', 'from', 'to', 'q'] as const;
const CLOCK_OPTIONS = [
  { value: '', label: '全部' },
  { value: 'due_in_7_days', label: '7 日内到期' },
  { value: 'overdue', label: '已逾期' },
];

const CURSOR_KEY = 'yingji.case-export.cursor';

/**
 * 省执法平台导出: a CSV page of the documented layout (docs/case-exchange.md), from the start or from where the last
 * export of this browser ended (the server's cursor, kept here), so the next export carries only what changed.
 */
function ExportButton() {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const run = async (incremental: boolean) => {
    setBusy(true);
    try {
      const { csv, nextCursor } = await caseExchangeApi.exportCsv(
        incremental ? (localStorage.getItem(CURSOR_KEY) ?? undefined) : undefined,
      );
      const url = URL.createObjectURL(csv);
      const a = document.createElement('a');
      a.href = url;
      a.download = `cases-${bureauNow().format('YYYYMMDD-HHmmss')}.csv`;
      a.click();
      URL.revokeObjectURL(url);
      if (nextCursor) localStorage.setItem(CURSOR_KEY, nextCursor);
      void message.success(incremental ? '已导出自上次导出以来变更的案件' : '已导出案件');
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'all', label: '全部导出（CSV）' },
          { key: 'inc', label: '增量导出（自上次导出）' },
        ],
        onClick: ({ key }) => void run(key === 'inc'),
      }}
    >
      <Button icon={<CloudUploadOutlined />} loading={busy}>
        省平台导出
      </Button>
    </Dropdown>
  );
}

/** 案件台账: filters in the address, each running statutory clock with its deadline and the days left (red when overdue). */
export function CasesPage() {
  const can = useCan();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const towns = useTowns();
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)) as TCaseFilter;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const list = useQuery({
    queryKey: CASE_KEYS.list({ ...filter, page, pageSize }),
    queryFn: () => caseApi.list({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

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
  const phoneColumns: TableColumnsType<TCaseItem> = [
    {
      title: '案件',
      render: (_, c) => (
        <div className="cell-stack">
          <div className="cell-head">
            <Link to={`/cases/${c.id}`}>{c.partyName}</Link> <StageTag stage={c.stage} />
          </div>
          <span className="cell-sub">
            {c.caseNo ?? '未立案'} · {c.divisionName ?? c.divisionCode}
          </span>
          {runningClocks(c.clocks).length > 0 && <div className="case-clocks">{clocks(c)}</div>}
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          案件台账
        </Typography.Title>
        <div className="page-actions">
          {!isPhone && <ExportButton />}
          <Button icon={<BarChartOutlined />} onClick={() => void navigate('/cases/stats')}>
            {isPhone ? null : '案件统计'}
          </Button>
          {can('case.handle') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')}>
              立案登记
            </Button>
          )}
        </div>
      </div>
      <Card variant="borderless">
        <Space wrap className="filter-bar">
          {filter.mine === 'true' && (
            <Tag closable color="blue" onClose={() => update({ mine: undefined })}>
              本人承办
            </Tag>
          )}
          {filter.reviewable === 'true' && (
            <Tag closable color="purple" onClose={() => update({ reviewable: undefined })}>
              待我法制审核
            </Tag>
          )}
          <Segmented
            options={CLOCK_OPTIONS}
            value={filter.clock ?? ''}
            onChange={(v) => update({ clock: (v as TClockFilter | '') || undefined })}
          />
          <Select
            allowClear
            placeholder="案件阶段"
            style={{ width: 140 }}
            options={STAGE_OPTIONS}
            value={filter.stage}
            onChange={(v?: TCaseStage) => update({ stage: v })}
          />
          <Select
            allowClear
            placeholder="办结情况"
            style={{ width: 120 }}
            options={[
              { value: 'true', label: '未结案' },
              { value: 'false', label: '已结案/撤销' },
            ]}
            value={filter.open}
            onChange={(v?: string) => update({ open: v })}
          />
          {me.user.divisionCode.length < 9 && (
            <Select
              allowClear
              placeholder="办案机关"
              style={{ width: 150 }}
              options={[{ value: me.user.divisionCode, label: `${me.user.divisionName ?? '市局'}（本级）` }, ...towns.options]}
              value={filter.divisionCode}
              onChange={(v?: string) => update({ divisionCode: v })}
            />
          )}
          <DatePicker.RangePicker
            placeholder={['立案日期起', '立案日期止']}
            value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <Input.Search
            allowClear
            placeholder="案号、当事人或案情"
            defaultValue={filter.q}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            style={{ width: 220 }}
          />
        </Space>
        <Table<TCaseItem>
          rowKey="id"
          size="middle"
          columns={isPhone ? phoneColumns : columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: !isPhone,
            simple: isPhone,
            showTotal: (t) => `共 ${t} 件`,
          }}
          onChange={(p) => update({ page: p.current, pageSize: p.pageSize })}
          locale={{ emptyText: list.isError ? (list.error as Error).message : '没有案件' }}
        />
      </Card>
    </div>
  );
}
