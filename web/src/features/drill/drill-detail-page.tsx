import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DRILL_FORM_LABELS, DRILL_NOTICE_LABELS, DRILL_STATUS_LABELS, drillEndpoints, type TTask } from '@yingji/domain';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { call, endpointUrl } from '../../api/client';
import { useCan } from '../../app/auth';
import { dayjs, formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { PhotoUpload } from '../attachment/photo-upload';
import { DRILL_KEYS, formatYuan } from './drill-data';
import { DrillRecordModal } from './drill-record-modal';
import { TaskActions, TaskStateTag } from './task-actions';

const hhmm = (iso: string | null) => (iso ? formatTime(iso).slice(11, 16) : '—');

type TFindingForm = { phase: string; finding: string; unit: string; ownerId: number; deadline: dayjs.Dayjs };

/** 复盘: a finding of one phase, with the unit at fault, becomes a task with an owner and a deadline. */
function FindingForm({ drillId, phases }: { drillId: number; phases: string[] }) {
  const [form] = Form.useForm<TFindingForm>();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const people = useQuery({ queryKey: ['drill', 'assignees'], queryFn: () => call(drillEndpoints.assignees) });
  const add = useMutation({
    mutationFn: (v: TFindingForm) =>
      call(drillEndpoints.finding, { params: { id: drillId }, body: { ...v, deadline: v.deadline.format('YYYY-MM-DD') } }),
    onSuccess: () => {
      void message.success('已生成整改任务');
      form.resetFields(['finding', 'unit']);
      void queryClient.invalidateQueries({ queryKey: DRILL_KEYS.all });
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} initialValues={{ deadline: dayjs().add(30, 'day') }}>
      <Space wrap align="start">
        <Form.Item name="phase" label="环节" rules={[{ required: true, message: '请选择环节' }]}>
          <Select style={{ width: 160 }} options={[...phases, '总体'].map((p) => ({ value: p, label: p }))} aria-label="环节" />
        </Form.Item>
        <Form.Item name="unit" label="责任单位" rules={[{ required: true, message: '请填写责任单位' }]}>
          <Input style={{ width: 200 }} maxLength={100} aria-label="责任单位" />
        </Form.Item>
        <Form.Item name="ownerId" label="整改责任人" rules={[{ required: true, message: '请选择责任人' }]}>
          <Select
            style={{ width: 180 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={(people.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            aria-label="整改责任人"
          />
        </Form.Item>
        <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
          <DatePicker aria-label="整改期限" />
        </Form.Item>
      </Space>
      <Form.Item name="finding" label="发现的问题" rules={[{ required: true, message: '请填写发现的问题' }]}>
        <Input.TextArea rows={2} maxLength={500} aria-label="发现的问题" />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={add.isPending}>
        登记问题并生成整改任务
      </Button>
    </Form>
  );
}

/** 演练详情: what was drilled and how (phases planned against actual), then the review's tasks to sign-off. */
export function DrillDetailPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const [recording, setRecording] = useState(false);
  const drill = useQuery({ queryKey: DRILL_KEYS.drill(id), queryFn: () => call(drillEndpoints.get, { params: { id } }) });
  if (drill.isError) return <Alert type="error" message={(drill.error as Error).message} />;
  if (!drill.data) return <Spin />;
  const d = drill.data;
  // the owner of a review task outside the drill's scope reads it and acts on his own task only
  const record = can('drill.record') && !d.readOnly;
  const planLink = (planId: number, name: string) => (d.readOnly ? name : <Link to={`/drill/plans/${planId}`}>{name}</Link>);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {d.readOnly ? (
        <Alert type="info" showIcon message="您是本次演练复盘整改任务的责任人：可查看演练情况，并在下方提交本人任务的完成情况。" />
      ) : null}
      <Card
        title={<span style={{ whiteSpace: 'normal' }}>{d.title}</span>}
        extra={
          <Space>
            <Tag color={d.status === 'done' ? 'green' : 'blue'}>{DRILL_STATUS_LABELS[d.status]}</Tag>
            {d.status === 'done' && !d.readOnly ? (
              <Button icon={<DownloadOutlined />} href={endpointUrl(drillEndpoints.review, { params: { id: d.id } })}>
                复盘报告
              </Button>
            ) : null}
            {d.status === 'planned' && record ? (
              <Button type="primary" onClick={() => setRecording(true)}>
                登记实施情况
              </Button>
            ) : null}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label="预案">{planLink(d.planId, d.planName)}</Descriptions.Item>
          <Descriptions.Item label={d.heldOn ? '实施日期' : '计划日期'}>{d.heldOn ?? d.plannedOn}</Descriptions.Item>
          <Descriptions.Item label="形式">
            <Space size={4}>
              {DRILL_FORM_LABELS[d.form]}
              <Tag color={d.notice === 'announced' ? 'default' : 'purple'}>{DRILL_NOTICE_LABELS[d.notice]}</Tag>
              {d.jointMilitary ? <Tag color="geekblue">军地联演</Tag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="组织单位">{d.organiser}</Descriptions.Item>
          <Descriptions.Item label="参演单位">{d.participants.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="观摩">
            {d.observers.length ? `${d.observers.join('、')}（${d.observerCount} 人）` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="费用">{formatYuan(d.costFen)}</Descriptions.Item>
          <Descriptions.Item label="自主组织">{d.selfRun ? '是' : '否（委托第三方）'}</Descriptions.Item>
          <Descriptions.Item label="所属区划">{d.townName ?? '—'}</Descriptions.Item>
        </Descriptions>
        {d.summary ? <p style={{ marginTop: 8 }}>{d.summary}</p> : null}
        {d.photos.length ? <PhotoUpload value={d.photos} disabled /> : null}
        {d.videoRefs.length ? <p style={{ marginTop: 8 }}>视频资料：{d.videoRefs.join('；')}</p> : null}
      </Card>
      <Card title="演练环节" size="small">
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={d.phases}
          locale={{ emptyText: '未登记环节' }}
          scroll={{ x: 600 }}
          columns={[
            { title: '#', width: 40, render: (_, __, i) => i + 1 },
            { title: '环节', dataIndex: 'name' },
            { title: '计划', width: 130, render: (_, p) => `${hhmm(p.plannedStart)} – ${hhmm(p.plannedEnd)}` },
            { title: '实际', width: 130, render: (_, p) => `${hhmm(p.actualStart)} – ${hhmm(p.actualEnd)}` },
            {
              title: '超时',
              width: 90,
              render: (_, p) =>
                p.overrunMinutes === null ? '—' : p.overrunMinutes > 0 ? <Tag color="red">+{p.overrunMinutes} 分钟</Tag> : '按时',
            },
          ]}
        />
      </Card>
      <Card title={`复盘问题与整改任务（未销号 ${d.openTasks} 项）`} size="small">
        <Table<TTask>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.tasks}
          locale={{ emptyText: '尚未登记复盘问题' }}
          scroll={{ x: 1000 }}
          columns={[
            { title: '环节', dataIndex: 'phase', width: 110 },
            { title: '问题', dataIndex: 'finding', width: 200 },
            { title: '责任单位', dataIndex: 'unit', width: 140 },
            { title: '责任人', dataIndex: 'ownerName', width: 100 },
            { title: '期限', dataIndex: 'deadline', width: 100 },
            { title: '状态', width: 130, render: (_, t) => <TaskStateTag task={t} /> },
            {
              title: '完成情况',
              dataIndex: 'evidence',
              width: 180,
              render: (v: string | null, t) =>
                v ? (
                  <>
                    {v}
                    {t.signedOffBy ? `（${t.signedOffBy} 验收）` : ''}
                    {t.evidenceFiles.length ? <PhotoUpload value={t.evidenceFiles} disabled /> : null}
                  </>
                ) : (
                  '—'
                ),
            },
            { title: '操作', width: 150, render: (_, t) => <TaskActions task={t} /> },
          ]}
        />
        {d.status === 'done' && record ? (
          <div style={{ marginTop: 16 }}>
            <FindingForm drillId={d.id} phases={d.phases.map((p) => p.name)} />
          </div>
        ) : null}
      </Card>
      {d.revisions.length ? (
        <Card title="据此修订的预案" size="small">
          {d.revisions.map((r) => (
            <div key={`${r.planId}-${r.no}`}>
              {planLink(r.planId, r.planName)} 第 {r.no} 版（{r.revisedOn}）：{r.note}
            </div>
          ))}
        </Card>
      ) : null}
      {recording ? <DrillRecordModal drill={d} onClose={() => setRecording(false)} /> : null}
    </Space>
  );
}
