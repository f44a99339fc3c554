import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DRILL_FORMS, DRILL_FORM_LABELS, DRILL_NOTICES, DRILL_NOTICE_LABELS, drillEndpoints, emergencyPlanEndpoints } from '@yingji/domain';
import { Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { call } from '../../api/client';
import { dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { enumOptions, useIsPhone } from '../../kit';
import { DRILL_KEYS } from './drill-data';

type TPhaseRow = { name: string; plannedStart?: string; plannedEnd?: string; actualStart?: string; actualEnd?: string };
type TDrillForm = {
  title: string;
  planId: number;
  status: 'done' | 'planned';
  date: dayjs.Dayjs;
  form: (typeof DRILL_FORMS)[number];
  notice: (typeof DRILL_NOTICES)[number];
  organiser: string;
  participants?: string[];
  observers?: string[];
  observerCount?: number;
  participantCount?: number;
  flags?: ('jointMilitary' | 'selfRun')[];
  costYuan?: number;
  phases?: TPhaseRow[];
  videoRefs?: string[];
  summary?: string;
};

/** `HH:mm` on the drill's day, in the bureau's time. */
const at = (date: string, hhmm: string | undefined) => (hhmm ? `${date}T${hhmm}:00+08:00` : null);

/** 登记演练: an item of the annual plan or a held drill, with its phases' planned and actual times (the phone shows one column). */
export function DrillNewPage() {
  const [params] = useSearchParams();
  const planId = Number(params.get('planId')) || undefined;
  const [form] = Form.useForm<TDrillForm>();
  const [keyword, setKeyword] = useState('');
  const status = Form.useWatch('status', form);
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const plans = useQuery({
    queryKey: [...DRILL_KEYS.plans, 'pick', keyword, planId],
    queryFn: () => call(emergencyPlanEndpoints.list, { query: { keyword: keyword || undefined, pageSize: 50, status: 'in_force' } }),
  });
  const picked = useQuery({
    queryKey: DRILL_KEYS.plan(planId ?? 0),
    queryFn: () => call(emergencyPlanEndpoints.get, { params: { id: planId! } }),
    enabled: !!planId,
  });
  const options = [...(picked.data ? [picked.data] : []), ...(plans.data?.items ?? []).filter((p) => p.id !== planId)].map((p) => ({
    value: p.id,
    label: p.name,
  }));
  const save = useMutation({
    mutationFn: (v: TDrillForm) => {
      const day = v.date.format('YYYY-MM-DD');
      return call(drillEndpoints.create, {
        body: {
          title: v.title,
          planId: v.planId,
          status: v.status,
          plannedOn: day,
          heldOn: v.status === 'done' ? day : null,
          form: v.form,
          notice: v.notice,
          organiser: v.organiser,
          participants: v.participants ?? [],
          observers: v.observers ?? [],
          observerCount: v.observerCount ?? 0,
          participantCount: v.participantCount ?? 0,
          jointMilitary: v.flags?.includes('jointMilitary') ?? false,
          selfRun: v.flags?.includes('selfRun') ?? false,
          costFen: Math.round((v.costYuan ?? 0) * 100),
          phases: (v.phases ?? []).map((p) => ({
            name: p.name,
            plannedStart: at(day, p.plannedStart),
            plannedEnd: at(day, p.plannedEnd),
            actualStart: at(day, p.actualStart),
            actualEnd: at(day, p.actualEnd),
          })),
          videoRefs: v.videoRefs ?? [],
          summary: v.summary ?? '',
        },
      });
    },
    onSuccess: (d) => {
      void queryClient.invalidateQueries({ queryKey: DRILL_KEYS.all });
      navigate(`/drill/drills/${d.id}`);
    },
    onError: (e) => {
      const err = e as { field?: string; message: string };
      const m = err.field?.match(/^phases\.(\d+)$/);
      if (m) form.setFields([{ name: ['phases', Number(m[1]), 'name'], errors: [err.message] }]);
      if (err.field === 'heldOn' || err.field === 'plannedOn') form.setFields([{ name: 'date', errors: [err.message] }]);
      showError(e, form);
    },
  });
  const time = (label: string) => <Input type="time" aria-label={label} style={{ width: 120 }} />;
  return (
    <Card title="登记演练">
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ planId, status: 'done', form: 'live', notice: 'announced', flags: ['selfRun'], date: dayjs() }}
        style={{ maxWidth: 980 }}
      >
        <Form.Item name="planId" label="演练的预案" rules={[{ required: true, message: '请选择预案' }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setKeyword }}
            options={options}
            loading={plans.isLoading}
            aria-label="演练的预案"
          />
        </Form.Item>
        <Form.Item name="title" label="演练名称" rules={[{ required: true, message: '请填写演练名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="status" label="登记为">
            <Radio.Group
              options={[
                { value: 'done', label: '已实施的演练' },
                { value: 'planned', label: '年度计划' },
              ]}
            />
          </Form.Item>
          <Form.Item name="date" label={status === 'planned' ? '计划日期' : '实施日期'} rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker aria-label="演练日期" />
          </Form.Item>
          <Form.Item name="form" label="形式">
            <Radio.Group options={enumOptions(DRILL_FORMS, DRILL_FORM_LABELS)} />
          </Form.Item>
          <Form.Item name="notice" label="通知方式">
            <Radio.Group options={enumOptions(DRILL_NOTICES, DRILL_NOTICE_LABELS)} />
          </Form.Item>
        </Space>
        <Form.Item name="organiser" label="组织单位" rules={[{ required: true, message: '请填写组织单位' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="participants" label="参演单位">
          <Select mode="tags" open={false} placeholder="输入单位名称后回车" aria-label="参演单位" />
        </Form.Item>
        <Form.Item name="observers" label="观摩单位">
          <Select mode="tags" open={false} placeholder="输入单位名称后回车" aria-label="观摩单位" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="participantCount" label="参演人数">
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="observerCount" label="观摩人数">
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="costYuan" label="费用（元）">
            <InputNumber min={0} precision={2} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="flags" label=" ">
            <Checkbox.Group
              options={[
                { value: 'jointMilitary', label: '军地联训联演' },
                { value: 'selfRun', label: '自主组织（未委托第三方）' },
              ]}
            />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>演练环节</Typography.Title>
        <Form.List name="phases">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="start" direction={isPhone ? 'vertical' : 'horizontal'} data-testid={`phase-${i}`}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写环节名称' }]} style={{ marginBottom: 8 }}>
                    <Input placeholder={`环节 ${i + 1}`} aria-label={`环节 ${i + 1} 名称`} style={{ width: 160 }} />
                  </Form.Item>
                  <Space size={4}>
                    <span>计划</span>
                    <Form.Item name={[f.name, 'plannedStart']} noStyle>
                      {time(`环节 ${i + 1} 计划开始`)}
                    </Form.Item>
                    <span>–</span>
                    <Form.Item name={[f.name, 'plannedEnd']} noStyle>
                      {time(`环节 ${i + 1} 计划结束`)}
                    </Form.Item>
                  </Space>
                  <Space size={4}>
                    <span>实际</span>
                    <Form.Item name={[f.name, 'actualStart']} noStyle>
                      {time(`环节 ${i + 1} 实际开始`)}
                    </Form.Item>
                    <span>–</span>
                    <Form.Item name={[f.name, 'actualEnd']} noStyle>
                      {time(`环节 ${i + 1} 实际结束`)}
                    </Form.Item>
                  </Space>
                  <Button icon={<DeleteOutlined />} aria-label={`删除环节 ${i + 1}`} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                添加环节
              </Button>
            </Space>
          )}
        </Form.List>
        <Form.Item name="videoRefs" label="视频资料（地址或存档编号）" style={{ marginTop: 16 }}>
          <Select mode="tags" open={false} aria-label="视频资料" />
        </Form.Item>
        <Form.Item name="summary" label="演练小结">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
