import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type DRILL_FORMS, type DRILL_NOTICES, drillEndpoints, emergencyPlanEndpoints } from '@yingji/domain';
import { Button, Card, DatePicker, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { call } from '../../api/client';
import { dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { DRILL_KEYS } from './drill-data';
import { FormNoticeFields, HeldFields, heldBody, markHeldError, type THeldForm } from './drill-fields';

type TDrillForm = THeldForm & {
  title: string;
  planId: number;
  status: 'done' | 'planned';
  date: dayjs.Dayjs;
  form: (typeof DRILL_FORMS)[number];
  notice: (typeof DRILL_NOTICES)[number];
  organiser: string;
};

/** 登记演练: an item of the annual plan or a held drill, with its phases' planned and actual times (the phone shows one column). */
export function DrillNewPage() {
  const [params] = useSearchParams();
  const planId = Number(params.get('planId')) || undefined;
  const [form] = Form.useForm<TDrillForm>();
  const [keyword, setKeyword] = useState('');
  const status = Form.useWatch('status', form);
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
          ...heldBody(day, v),
          jointMilitary: v.flags?.includes('jointMilitary') ?? false,
        },
      });
    },
    onSuccess: (d) => {
      void queryClient.invalidateQueries({ queryKey: DRILL_KEYS.all });
      navigate(`/drill/drills/${d.id}`);
    },
    onError: (e) => {
      markHeldError(form, e, 'date');
      showError(e, form);
    },
  });
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
        <FormNoticeFields>
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
        </FormNoticeFields>
        <Form.Item name="organiser" label="组织单位" rules={[{ required: true, message: '请填写组织单位' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <HeldFields joint />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
