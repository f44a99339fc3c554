import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { TRAINING_KINDS, TRAINING_KIND_LABELS, trainingEndpoints, type TTrainingItem } from '@yingji/domain';
import { Button, Card, DatePicker, Form, Input, InputNumber, Radio, Segmented, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { call, endpointUrl } from '../../api/client';
import { useCan } from '../../app/auth';
import type { dayjs } from '../../app/locale';
import { DateRangeFilter, ListPage, SelectFilter, enumOptions, param, useListParams } from '../../kit';
import { DRILL_KEYS, FormModal, useDrillSave } from './drill-data';
import { AttendanceDrawer } from './training-attendance';

const FILTERS = { kind: param.oneOf(TRAINING_KINDS), from: param.date(), to: param.date() };
const COUNTS = [
  ['officers', '执法人员'],
  ['principals', '主要负责人'],
  ['safetyManagers', '安全管理人员'],
  ['sanfangStaff', '三防工作人员'],
  ['publicPeople', '群众及一线员工'],
] as const;

function Totals({ from, to }: { from?: string; to?: string }) {
  const [by, setBy] = useState<'kind' | 'year' | 'mode'>('kind');
  const q = useQuery({
    queryKey: [...DRILL_KEYS.training, 'totals', by, from, to],
    queryFn: () => call(trainingEndpoints.totals, { query: { by, from, to } }),
  });
  const rows = q.data ? [...q.data.rows, q.data.total] : [];
  return (
    <Card
      size="small"
      title="培训合计（由培训记录求和）"
      style={{ marginBottom: 12 }}
      extra={
        <Segmented
          size="small"
          value={by}
          onChange={(v) => setBy(v as typeof by)}
          options={[
            { value: 'kind', label: '按类别' },
            { value: 'year', label: '按年度' },
            { value: 'mode', label: '按方式' },
          ]}
        />
      }
    >
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        loading={q.isLoading}
        dataSource={rows}
        scroll={{ x: 760 }}
        columns={[
          { title: '', dataIndex: 'label', width: 200 },
          { title: '场次', dataIndex: 'sessions', align: 'right' },
          { title: '合计人次', dataIndex: 'participants', align: 'right' },
          ...COUNTS.map(([k, label]) => ({ title: label, dataIndex: k, align: 'right' as const })),
          { title: '考核合格', dataIndex: 'passed', align: 'right' },
        ]}
      />
    </Card>
  );
}

type TTrainingForm = {
  topic: string;
  kind: (typeof TRAINING_KINDS)[number];
  mode: 'onsite' | 'online';
  organiser: string;
  heldOn: dayjs.Dayjs;
  days: number;
  passed?: number;
} & Partial<Record<(typeof COUNTS)[number][0], number>>;

function TrainingModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<TTrainingForm>();
  const save = useDrillSave(
    (v: TTrainingForm) =>
      call(trainingEndpoints.create, {
        body: {
          ...v,
          heldOn: v.heldOn.format('YYYY-MM-DD'),
          passed: v.passed ?? null,
          ...Object.fromEntries(COUNTS.map(([k]) => [k, v[k] ?? 0])),
        },
      }),
    { form, success: '培训已登记', done: onClose },
  );
  return (
    <FormModal
      title="登记培训"
      okText="登记"
      form={form}
      pending={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
      initialValues={{ kind: 'principal', mode: 'onsite', days: 1 }}
      width={640}
    >
      <Form.Item name="topic" label="培训主题" rules={[{ required: true, message: '请填写培训主题' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="kind" label="类别">
          <Select style={{ width: 240 }} options={enumOptions(TRAINING_KINDS, TRAINING_KIND_LABELS)} aria-label="培训类别" />
        </Form.Item>
        <Form.Item name="mode" label="方式">
          <Radio.Group
            options={[
              { value: 'onsite', label: '线下' },
              { value: 'online', label: '线上' },
            ]}
          />
        </Form.Item>
        <Form.Item name="heldOn" label="培训日期" rules={[{ required: true, message: '请选择培训日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="days" label="天数">
          <InputNumber min={1} max={60} precision={0} />
        </Form.Item>
      </Space>
      <Form.Item name="organiser" label="组织单位" rules={[{ required: true, message: '请填写组织单位' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Space wrap>
        {COUNTS.map(([k, label]) => (
          <Form.Item key={k} name={k} label={`${label}（人）`}>
            <InputNumber min={0} precision={0} aria-label={label} />
          </Form.Item>
        ))}
        <Form.Item name="passed" label="考核合格（人）">
          <InputNumber min={0} precision={0} />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

/** The attendance list of a session, and its import: unknown headers come back to be mapped, as the registry import does. */
/** 培训记录: sessions with their participants by audience, totals from the rows, attendance import, Excel export. */
export function TrainingPage() {
  const can = useCan();
  const list = useListParams(FILTERS);
  const [params, setParams] = useSearchParams();
  const open = Number(params.get('open')) || null;
  const [creating, setCreating] = useState(false);
  const query = useQuery({
    queryKey: [...DRILL_KEYS.training, list.filter, list.page, list.pageSize],
    queryFn: () => call(trainingEndpoints.list, { query: { ...list.filter, page: list.page, pageSize: list.pageSize } }),
    placeholderData: keepPreviousData,
  });
  const setOpen = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('open', String(id));
    else next.delete('open');
    setParams(next, { replace: true });
  };
  const columns: TableColumnsType<TTrainingItem> = [
    { title: '日期', dataIndex: 'heldOn', width: 110 },
    { title: '培训主题', dataIndex: 'topic', render: (v: string, r) => <a onClick={() => setOpen(r.id)}>{v}</a> },
    { title: '类别', dataIndex: 'kind', width: 200, render: (v: TTrainingItem['kind']) => TRAINING_KIND_LABELS[v] },
    { title: '方式', dataIndex: 'mode', width: 60, render: (v: string) => (v === 'online' ? '线上' : '线下') },
    { title: '组织单位', dataIndex: 'organiser', width: 180 },
    { title: '人次', dataIndex: 'participants', width: 80, align: 'right' },
    { title: '考核合格', dataIndex: 'passed', width: 90, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: '签到名单', dataIndex: 'attendees', width: 90, align: 'right', render: (v: number) => (v ? `${v} 人` : '—') },
  ];
  return (
    <ListPage
      title="培训记录"
      list={list}
      query={query}
      refresh
      exportHref={endpointUrl(trainingEndpoints.export, { query: list.filter })}
      actions={
        can('drill.training') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            登记培训
          </Button>
        ) : null
      }
      banner={<Totals from={list.filter.from} to={list.filter.to} />}
      filters={
        <>
          <SelectFilter
            list={list}
            name="kind"
            placeholder="全部类别"
            label="类别"
            width={220}
            options={enumOptions(TRAINING_KINDS, TRAINING_KIND_LABELS)}
          />
          <DateRangeFilter list={list} from="from" to="to" />
        </>
      }
      columns={columns}
      card={(r) => (
        <Space direction="vertical" size={2}>
          <a onClick={() => setOpen(r.id)}>{r.topic}</a>
          <span>
            {r.heldOn} · {TRAINING_KIND_LABELS[r.kind]} · {r.participants} 人次
          </span>
        </Space>
      )}
      emptyText="没有培训记录"
      unit="场"
    >
      {creating ? <TrainingModal onClose={() => setCreating(false)} /> : null}
      {open ? <AttendanceDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </ListPage>
  );
}
