import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DUTY_LOG_KIND_LABELS,
  DUTY_POST_LABELS,
  DUTY_POSTS,
  type TDutyLogKind,
  type TDutyPost,
} from '@yingji/domain/accident/accident.data';
import type { TDutyDay } from '@yingji/domain/accident/duty.schema';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { dutyApi } from '../../api/accident.api';
import { useCan } from '../../app/auth';
import { bureauNow, dayjs, formatTime, toBureauIso } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';

const DUTY_KEYS = ['duty'] as const;
const names = (day: TDutyDay, post: TDutyPost) =>
  day.people
    .filter((p) => p.post === post)
    .map((p) => p.name)
    .join('、') || '—';

interface TDayValues {
  leader: string;
  leaderPhone?: string;
  chief?: string;
  officers: string;
}
interface TSwapValues {
  date: dayjs.Dayjs;
  post: TDutyPost;
  fromName: string;
  toName?: string;
  toDate?: dayjs.Dayjs;
  reason: string;
}
interface TLogValues {
  kind: TDutyLogKind;
  at: dayjs.Dayjs;
  content: string;
  accidentId?: number;
}

/** 值班值守: who is on duty now, the roster for two weeks (days short of a leader or an officer flagged), swaps and the log. */
export function DutyPage() {
  const can = useCan();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const [from, setFrom] = useState(() => bureauNow().format('YYYY-MM-DD'));
  const to = dayjs(from).add(13, 'day').format('YYYY-MM-DD');
  const [editing, setEditing] = useState<TDutyDay | null>(null);
  const [swapping, setSwapping] = useState(false);
  const [logDate, setLogDate] = useState<string | undefined>(undefined);
  const [dayForm] = Form.useForm<TDayValues>();
  const [swapForm] = Form.useForm<TSwapValues>();
  const [logForm] = Form.useForm<TLogValues>();
  const now = useQuery({ queryKey: [...DUTY_KEYS, 'now'], queryFn: dutyApi.now, refetchInterval: 60_000 });
  const roster = useQuery({ queryKey: [...DUTY_KEYS, 'roster', from], queryFn: () => dutyApi.roster(from, to) });
  const log = useQuery({ queryKey: [...DUTY_KEYS, 'log', logDate], queryFn: () => dutyApi.log(logDate ? { date: logDate } : {}) });
  const refresh = () => qc.invalidateQueries({ queryKey: DUTY_KEYS });

  const setDay = useMutation({
    mutationFn: (v: TDayValues) =>
      dutyApi.setDay(editing!.date, {
        people: [
          { post: 'leader' as const, name: v.leader, phone: v.leaderPhone ?? '' },
          ...(v.chief ? [{ post: 'chief' as const, name: v.chief, phone: '' }] : []),
          ...v.officers
            .split(/[、,，\s]+/)
            .filter(Boolean)
            .map((name) => ({ post: 'officer' as const, name, phone: '' })),
        ],
      }),
    onSuccess: () => {
      setEditing(null);
      void refresh();
    },
    onError: (e) => onError(e, dayForm),
  });
  const swap = useMutation({
    mutationFn: (v: TSwapValues) =>
      dutyApi.swap({
        date: v.date.format('YYYY-MM-DD'),
        post: v.post,
        fromName: v.fromName,
        toName: v.toName ?? '',
        toDate: v.toDate ? v.toDate.format('YYYY-MM-DD') : null,
        reason: v.reason,
      }),
    onSuccess: () => {
      setSwapping(false);
      swapForm.resetFields();
      void refresh();
    },
    onError: (e) => onError(e, swapForm),
  });
  const addLog = useMutation({
    mutationFn: (v: TLogValues) =>
      dutyApi.addLog({ kind: v.kind, at: toBureauIso(v.at), content: v.content, accidentId: v.accidentId ?? null }),
    onSuccess: () => {
      logForm.resetFields();
      void refresh();
    },
    onError: (e) => onError(e, logForm),
  });

  const gaps = (roster.data?.days ?? []).filter((d) => d.gaps.length > 0);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="当前在岗">
        {now.data ? (
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="值班日">{now.data.dutyDate}（08:30 交接班）</Descriptions.Item>
            {DUTY_POSTS.map((post) => (
              <Descriptions.Item key={post} label={DUTY_POST_LABELS[post]}>
                {now.data.people
                  .filter((p) => p.post === post)
                  .map((p) => `${p.name}${p.phone ? ` ${p.phone}` : ''}`)
                  .join('、') || <Typography.Text type="danger">无人</Typography.Text>}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : null}
      </Card>

      <Card
        title="值班表"
        extra={
          <Space wrap>
            <DatePicker
              value={dayjs(from)}
              onChange={(d) => d && setFrom(d.format('YYYY-MM-DD'))}
              allowClear={false}
              aria-label="起始日期"
            />
            {can('duty.manage') ? <Button onClick={() => setSwapping(true)}>换班</Button> : null}
          </Space>
        }
      >
        {gaps.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`${gaps.length} 天缺岗：${gaps.map((d) => `${d.date.slice(5)} ${d.gaps.join('、')}`).join('；')}`}
          />
        ) : null}
        <Table
          rowKey="date"
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          loading={roster.isPending}
          dataSource={roster.data?.days ?? []}
          columns={[
            { title: '日期', dataIndex: 'date', width: 110 },
            { title: '带班领导', render: (_, d) => names(d, 'leader') },
            { title: '值班长', render: (_, d) => names(d, 'chief') },
            { title: '值班员', render: (_, d) => names(d, 'officer') },
            {
              title: '提示',
              render: (_, d) => (
                <Space size={4} wrap>
                  {d.gaps.map((g) => (
                    <Tag key={g} color="red">
                      {g}
                    </Tag>
                  ))}
                  {d.swaps.map((s) => (
                    <Tag key={s.id} title={s.reason}>
                      换班：{s.fromName}→{s.toName || '（空）'}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            ...(can('duty.manage')
              ? [
                  {
                    title: '',
                    width: 70,
                    render: (_: unknown, d: TDutyDay) => (
                      <Button
                        size="small"
                        onClick={() => {
                          dayForm.setFieldsValue({
                            leader: d.people.find((p) => p.post === 'leader')?.name ?? '',
                            leaderPhone: d.people.find((p) => p.post === 'leader')?.phone ?? '',
                            chief: d.people.find((p) => p.post === 'chief')?.name ?? '',
                            officers: d.people
                              .filter((p) => p.post === 'officer')
                              .map((p) => p.name)
                              .join('、'),
                          });
                          setEditing(d);
                        }}
                      >
                        排班
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card
        title="值班日志"
        extra={
          <DatePicker value={logDate ? dayjs(logDate) : null} onChange={(d) => setLogDate(d?.format('YYYY-MM-DD'))} placeholder="当班" />
        }
      >
        {can('duty.manage') ? (
          <Form<TLogValues> form={logForm} layout="vertical" onFinish={(v) => addLog.mutate(v)} initialValues={{ kind: 'call' }}>
            <Space wrap align="start">
              <Form.Item name="kind" label="类型">
                <Select style={{ width: 100 }} options={Object.entries(DUTY_LOG_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="at" label="时间" rules={[{ required: true, message: '请选择时间' }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Form.Item name="accidentId" label="关联事故编号">
                <InputNumber min={1} precision={0} />
              </Form.Item>
            </Space>
            <Form.Item name="content" label="内容" rules={[{ required: true, min: 2, message: '请填写内容' }]}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={addLog.isPending} style={{ marginBottom: 16 }}>
              记录
            </Button>
          </Form>
        ) : null}
        <List
          loading={log.isPending}
          dataSource={log.data?.items ?? []}
          locale={{ emptyText: '本班次暂无日志' }}
          renderItem={(l) => (
            <List.Item>
              <Space wrap>
                <Tag>{DUTY_LOG_KIND_LABELS[l.kind]}</Tag>
                <span>{formatTime(l.at)}</span>
                <span>{l.content}</span>
                {l.accidentId ? <Link to={`/accidents/${l.accidentId}`}>{l.accidentTitle}</Link> : null}
                <Typography.Text type="secondary">{l.recordedBy}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <Modal
        open={editing !== null}
        title={`排班：${editing?.date ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={() => dayForm.submit()}
        confirmLoading={setDay.isPending}
      >
        <Form<TDayValues> form={dayForm} layout="vertical" onFinish={(v) => setDay.mutate(v)}>
          <Form.Item name="leader" label="带班领导" rules={[{ required: true, message: '请填写带班领导' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="leaderPhone" label="带班领导电话">
            <Input />
          </Form.Item>
          <Form.Item name="chief" label="值班长">
            <Input />
          </Form.Item>
          <Form.Item name="officers" label="值班员（多人用顿号分隔）" rules={[{ required: true, message: '请填写值班员' }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={swapping}
        title="换班"
        onCancel={() => setSwapping(false)}
        onOk={() => swapForm.submit()}
        confirmLoading={swap.isPending}
      >
        <Form<TSwapValues> form={swapForm} layout="vertical" onFinish={(v) => swap.mutate(v)}>
          <Form.Item name="date" label="值班日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="post" label="岗位" rules={[{ required: true, message: '请选择岗位' }]}>
            <Select options={DUTY_POSTS.map((p) => ({ value: p, label: DUTY_POST_LABELS[p] }))} />
          </Form.Item>
          <Form.Item name="fromName" label="原值班人" rules={[{ required: true, message: '请填写原值班人' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="toName" label="接替人" extra="不填表示只是撤下（若造成缺岗将被拒绝）">
            <Input />
          </Form.Item>
          <Form.Item name="toDate" label="对调日期" extra="两人对调值班日时填写接替人原来的值班日">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label="理由" rules={[{ required: true, min: 2, message: '请填写理由' }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
