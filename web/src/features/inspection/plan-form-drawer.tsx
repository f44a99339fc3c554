import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PLAN_STRATA, STRATUM_LABELS } from '@yingji/domain/inspection/inspection.settings';
import type { TPlan, TPlanCreate } from '@yingji/domain/inspection/plan.schema';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { useEffect } from 'react';
import { PLAN_KEYS, planApi } from '../../api/inspection-plan.api';
import { useCurrentMe } from '../../app/auth';
import { dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { CATEGORY_OPTIONS, TAG_OPTIONS } from '../enterprise/enterprise-data';
import { useTowns } from '../../kit';

interface TValues {
  year: number;
  title: string;
  period: [dayjs.Dayjs, dayjs.Dayjs];
  focus: string;
  categories: string[];
  tags: string[];
  towns: string[];
  colours: string[];
  /** Percentages in the form, ratios on the wire. */
  ratios: Record<string, number>;
  inspectorsPerTarget: number;
  rounds: number;
}

const FIELD_OF: Record<string, keyof TValues> = {
  periodStart: 'period',
  periodEnd: 'period',
  'pool.towns': 'towns',
  'pool.categories': 'categories',
  'pool.tags': 'tags',
  'pool.colours': 'colours',
};

/** Drafts or edits an annual plan: period, focus, who is in the pool, the share drawn per grade. */
export function PlanFormDrawer({
  plan,
  open,
  onClose,
  onSaved,
}: {
  plan: TPlan | null;
  open: boolean;
  onClose: () => void;
  onSaved: (p: TPlan) => void;
}) {
  const me = useCurrentMe();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const { options: townOptions } = useTowns();
  const [form] = Form.useForm<TValues>();
  const isTown = me.user.divisionCode.length === 9;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const year = plan?.year ?? dayjs().year();
    form.setFieldsValue({
      year,
      title: plan?.title ?? `${year}年度双随机抽查计划`,
      period: [dayjs(plan?.periodStart ?? `${year}-01-01`), dayjs(plan?.periodEnd ?? `${year}-12-31`)],
      focus: plan?.focus ?? '',
      categories: plan?.pool.categories ?? [],
      tags: plan?.pool.tags ?? [],
      towns: plan?.pool.towns ?? [],
      colours: plan?.pool.colours ?? [],
      ratios: Object.fromEntries(
        PLAN_STRATA.map((s) => [
          s,
          Math.round((plan?.ratios[s] ?? { red: 1, orange: 0.5, yellow: 0.3, blue: 0.1, none: 0.05 }[s]) * 10000) / 100,
        ]),
      ),
      inspectorsPerTarget: plan?.inspectorsPerTarget ?? 2,
      rounds: plan?.rounds ?? 4,
    });
  }, [open, plan, form]);

  const save = useMutation({
    mutationFn: (v: TValues) => {
      const body: TPlanCreate = {
        year: v.year,
        title: v.title,
        periodStart: v.period[0].format('YYYY-MM-DD'),
        periodEnd: v.period[1].format('YYYY-MM-DD'),
        focus: v.focus,
        pool: {
          categories: v.categories as TPlanCreate['pool']['categories'],
          tags: v.tags as TPlanCreate['pool']['tags'],
          towns: v.towns,
          colours: v.colours as TPlanCreate['pool']['colours'],
        },
        ratios: Object.fromEntries(PLAN_STRATA.map((s) => [s, (v.ratios[s] ?? 0) / 100])) as TPlanCreate['ratios'],
        inspectorsPerTarget: v.inspectorsPerTarget,
        rounds: v.rounds,
      };
      return plan ? planApi.update(plan.id, body) : planApi.create(body);
    },
    onSuccess: (p) => {
      void message.success(plan ? '计划已保存' : '计划草稿已建立，请由另一名人员审批');
      void queryClient.invalidateQueries({ queryKey: PLAN_KEYS.all });
      onSaved(p);
    },
    onError: (e) => {
      const field = (e as { field?: string }).field;
      if (field && FIELD_OF[field.replace(/\.\d+$/, '')]) {
        form.setFields([{ name: FIELD_OF[field.replace(/\.\d+$/, '')]!, errors: [(e as Error).message] }]);
      } else if (field?.startsWith('ratios.')) {
        form.setFields([{ name: ['ratios', field.slice(7)], errors: [(e as Error).message] }]);
      } else showError(e, form);
    },
  });

  return (
    <Drawer
      title={plan ? '修改检查计划' : '起草年度检查计划'}
      open={open}
      onClose={onClose}
      size={560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Space wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="period" label="实施期间" rules={[{ required: true, message: '请选择实施期间' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="计划名称" rules={[{ required: true, message: '请填写计划名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="focus" label="检查重点" rules={[{ required: true, message: '请填写检查重点' }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder="如：粉尘涉爆、有限空间作业、重大事故隐患排查治理" />
        </Form.Item>
        <Form.Item name="categories" label="监管类别（不选为全部）">
          <Select mode="multiple" allowClear options={CATEGORY_OPTIONS} />
        </Form.Item>
        <Form.Item name="tags" label="特殊标签（任一，不选为不限）">
          <Select mode="multiple" allowClear options={TAG_OPTIONS} />
        </Form.Item>
        {!isTown && (
          <Form.Item name="towns" label="镇街（不选为全市）">
            <Select mode="multiple" allowClear optionFilterProp="label" options={townOptions} />
          </Form.Item>
        )}
        <Form.Item name="colours" label="风险等级（不选为全部，含未定级）">
          <Select mode="multiple" allowClear options={PLAN_STRATA.map((s) => ({ value: s, label: STRATUM_LABELS[s] }))} />
        </Form.Item>
        <Form.Item label="每轮抽查比例（%）" required>
          <div className="ratio-grid">
            {PLAN_STRATA.map((s) => (
              <Form.Item
                key={s}
                name={['ratios', s]}
                label={STRATUM_LABELS[s]}
                rules={[{ required: true, message: '请填写' }]}
                style={{ marginBottom: 0 }}
              >
                <InputNumber min={0} max={100} step={5} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            ))}
          </div>
        </Form.Item>
        <Space wrap>
          <Form.Item name="rounds" label="每年抽查轮次" rules={[{ required: true, message: '请填写轮次' }]}>
            <InputNumber min={1} max={12} />
          </Form.Item>
          <Form.Item name="inspectorsPerTarget" label="每家企业执法人员数" rules={[{ required: true, message: '请填写人数' }]}>
            <InputNumber min={2} max={5} />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
