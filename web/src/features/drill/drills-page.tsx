import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  DRILL_FORMS,
  DRILL_FORM_LABELS,
  DRILL_NOTICE_LABELS,
  DRILL_STATUSES,
  DRILL_STATUS_LABELS,
  EMERGENCY_PLAN_KIND_LABELS,
  drillEndpoints,
  type TDrillItem,
} from '@yingji/domain';
import { Button, Card, Col, Row, Space, Statistic, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { call, endpointUrl } from '../../api/client';
import { useCan } from '../../app/auth';
import { FlagFilter, ListPage, SelectFilter, TownFilter, enumOptions, param, useListParams } from '../../kit';
import { DRILL_KEYS, formatYuan } from './drill-data';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 7 }, (_, i) => String(THIS_YEAR + 1 - i));
const FILTERS = {
  year: param.oneOf(YEARS),
  status: param.oneOf(DRILL_STATUSES),
  form: param.oneOf(DRILL_FORMS),
  divisionCode: param.text(),
  jointMilitary: param.flag(),
};

function YearStats({ year }: { year: number }) {
  const stats = useQuery({
    queryKey: [...DRILL_KEYS.drills, 'stats', year],
    queryFn: () => call(drillEndpoints.stats, { query: { year } }),
  });
  const s = stats.data;
  if (!s) return null;
  const top = (rows: { label: string; count: number }[]) =>
    rows.slice(0, 6).map((r) => (
      <Tag key={r.label}>
        {r.label} {r.count}
      </Tag>
    ));
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Row gutter={16}>
        <Col xs={12} sm={6}>
          <Statistic title={`${year} 年已实施`} value={s.held} suffix="次" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="计划中" value={s.planned} suffix="次" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="单盲/双盲" value={s.blind} suffix="次" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="自主组织 / 军地联演" value={`${s.selfRun} / ${s.jointMilitary}`} />
        </Col>
      </Row>
      <Space direction="vertical" size={4} style={{ marginTop: 8 }}>
        <span>按形式：{top(s.byForm)}</span>
        <span>按预案类别：{top(s.byKind)}</span>
        <span>按镇街：{top(s.byTown)}</span>
        <span>费用合计：{formatYuan(s.costFen)}</span>
      </Space>
    </Card>
  );
}

/** 演练计划与记录: the annual drill plan and held drills, with the year's figures by form, plan kind and town. */
export function DrillsPage() {
  const can = useCan();
  const list = useListParams(FILTERS);
  const year = Number(list.filter.year ?? THIS_YEAR);
  const filter = { ...list.filter, year };
  const query = useQuery({
    queryKey: [...DRILL_KEYS.drills, filter, list.page, list.pageSize],
    queryFn: () => call(drillEndpoints.list, { query: { ...filter, page: list.page, pageSize: list.pageSize } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<TDrillItem> = [
    { title: '日期', width: 110, render: (_, d) => d.heldOn ?? d.plannedOn },
    { title: '演练', dataIndex: 'title', width: 280, render: (v: string, d) => <Link to={`/drill/drills/${d.id}`}>{v}</Link> },
    { title: '预案类别', width: 120, render: (_, d) => EMERGENCY_PLAN_KIND_LABELS[d.planKind] },
    {
      title: '形式',
      width: 170,
      render: (_, d) => (
        <Space size={2}>
          {DRILL_FORM_LABELS[d.form]}
          {d.notice !== 'announced' ? <Tag color="purple">{DRILL_NOTICE_LABELS[d.notice]}</Tag> : null}
          {d.jointMilitary ? <Tag color="geekblue">军地</Tag> : null}
        </Space>
      ),
    },
    { title: '组织单位', dataIndex: 'organiser', width: 180 },
    { title: '镇街', width: 90, render: (_, d) => d.townName ?? '市本级' },
    {
      title: '状态',
      width: 80,
      render: (_, d) => <Tag color={d.status === 'done' ? 'green' : 'blue'}>{DRILL_STATUS_LABELS[d.status]}</Tag>,
    },
    { title: '未销号整改', dataIndex: 'openTasks', width: 90, align: 'right' },
  ];
  return (
    <ListPage
      title="演练计划与记录"
      list={list}
      query={query}
      refresh
      exportHref={endpointUrl(drillEndpoints.export, { query: filter })}
      actions={
        can('drill.record') ? (
          <Link to="/drill/drills/new">
            <Button type="primary" icon={<PlusOutlined />}>
              登记演练
            </Button>
          </Link>
        ) : null
      }
      banner={<YearStats year={year} />}
      filters={
        <>
          <SelectFilter
            list={list}
            name="year"
            placeholder={`${THIS_YEAR} 年`}
            label="年度"
            width={110}
            options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))}
          />
          <SelectFilter
            list={list}
            name="status"
            placeholder="全部状态"
            label="状态"
            options={enumOptions(DRILL_STATUSES, DRILL_STATUS_LABELS)}
          />
          <SelectFilter list={list} name="form" placeholder="全部形式" label="形式" options={enumOptions(DRILL_FORMS, DRILL_FORM_LABELS)} />
          <TownFilter value={list.filter.divisionCode} onChange={(v) => list.update({ divisionCode: v ?? null })} />
          <FlagFilter list={list} name="jointMilitary" label="军地联训联演" />
        </>
      }
      columns={columns}
      card={(d) => (
        <Space direction="vertical" size={2}>
          <Link to={`/drill/drills/${d.id}`}>{d.title}</Link>
          <span>
            {d.heldOn ?? d.plannedOn} · {DRILL_FORM_LABELS[d.form]} · {DRILL_STATUS_LABELS[d.status]}
          </span>
        </Space>
      )}
      tableProps={{ scroll: { x: 1200 } }}
      emptyText="该年度没有演练"
      unit="次"
    />
  );
}
