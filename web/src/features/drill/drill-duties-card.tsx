/**
 * 应急预案演练周期 on the settings page: the `drillDuties` table (which plans, how many months, on what basis). The
 * server re-derives every plan's next due day when it is saved, so the compliance view follows at once.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DEFAULT_DRILL_DUTIES,
  EMERGENCY_PLAN_KINDS,
  EMERGENCY_PLAN_KIND_LABELS,
  EMERGENCY_PLAN_LEVELS,
  EMERGENCY_PLAN_LEVEL_LABELS,
  ZDrillDutiesSchema,
  type TDrillDutyRule,
} from '@yingji/domain';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { settingsApi } from '../../api/org.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { enumOptions } from '../../kit';
import { ORG_KEYS } from '../org/org-data';

type TRow = {
  levels?: TDrillDutyRule['levels'];
  kinds?: TDrillDutyRule['kinds'];
  only?: ('workSafety' | 'highRisk')[];
  months: number;
  basis: string;
};

const FIELD_LABELS: Record<string, string> = { levels: '适用层级', kinds: '适用类别', months: '演练周期', basis: '依据' };

const toRow = (r: TDrillDutyRule): TRow => ({
  levels: r.levels,
  kinds: r.kinds,
  only: [...(r.workSafetyOnly ? (['workSafety'] as const) : []), ...(r.highRiskOnly ? (['highRisk'] as const) : [])],
  months: r.months,
  basis: r.basis,
});

/** An empty choice means every level (or kind): the rule leaves it out. */
const toRule = (r: TRow): TDrillDutyRule => ({
  ...(r.levels?.length ? { levels: r.levels } : {}),
  ...(r.kinds?.length ? { kinds: r.kinds } : {}),
  ...(r.only?.includes('workSafety') ? { workSafetyOnly: true } : {}),
  ...(r.only?.includes('highRisk') ? { highRiskOnly: true } : {}),
  months: r.months,
  basis: r.basis ?? '',
});

export function DrillDutiesCard({ canManage }: { canManage: boolean }) {
  const [form] = Form.useForm<{ rules: TRow[] }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useErrorHandler();
  const settings = useQuery({ queryKey: ORG_KEYS.settings, queryFn: settingsApi.get });
  const reset = (rules: readonly TDrillDutyRule[]) => form.setFieldsValue({ rules: rules.map(toRow) });
  useEffect(() => {
    if (settings.data) reset(settings.data.drillDuties);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (rules: TDrillDutyRule[]) => settingsApi.save('drillDuties', rules),
    onSuccess: (answer) => {
      queryClient.setQueryData(ORG_KEYS.settings, answer);
      void queryClient.invalidateQueries({ queryKey: ['drill'] });
      void message.success('演练周期已保存，各预案的下次应演练日期已重新计算');
    },
    onError: (e) => showError(e),
  });
  const submit = ({ rules }: { rules: TRow[] }) => {
    const parsed = ZDrillDutiesSchema.safeParse((rules ?? []).map(toRule));
    if (!parsed.success) {
      // the same schema the server checks; the message names the row and the field
      const issue = parsed.error.issues[0]!;
      const [i, key] = issue.path as [number, string];
      if (typeof i !== 'number') return void message.error(issue.message);
      const name = (key === 'workSafetyOnly' || key === 'highRiskOnly' ? 'only' : key) as keyof TRow;
      return form.setFields([{ name: ['rules', i, name], errors: [`第 ${i + 1} 条${FIELD_LABELS[name] ?? ''}：${issue.message}`] }]);
    }
    save.mutate(parsed.data);
  };
  const cell = { style: { marginBottom: 0 } };
  return (
    <Card variant="borderless" title="应急预案演练周期" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        每条规则规定一类预案至少多久演练一次；一个预案同时适用多条时取最短的周期。层级、类别不选表示全部。保存后各预案的下次应演练日期与逾期统计随即更新。
      </Typography.Paragraph>
      {settings.isPending ? (
        <Skeleton active />
      ) : (
        <Form form={form} onFinish={submit} disabled={!canManage}>
          <Form.List name="rules">
            {(fields, { add, remove }) => (
              <>
                <Table
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={fields}
                  scroll={{ x: 1000 }}
                  columns={[
                    { title: '#', width: 40, render: (_, __, i) => i + 1 },
                    {
                      title: '适用层级',
                      width: 200,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'levels']} {...cell}>
                          <Select
                            mode="multiple"
                            placeholder="全部层级"
                            options={enumOptions(EMERGENCY_PLAN_LEVELS, EMERGENCY_PLAN_LEVEL_LABELS)}
                            aria-label={`第 ${f.name + 1} 条适用层级`}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '适用类别',
                      width: 240,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'kinds']} {...cell}>
                          <Select
                            mode="multiple"
                            placeholder="全部类别"
                            options={enumOptions(EMERGENCY_PLAN_KINDS, EMERGENCY_PLAN_KIND_LABELS)}
                            aria-label={`第 ${f.name + 1} 条适用类别`}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '仅限',
                      width: 150,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'only']} {...cell}>
                          <Checkbox.Group
                            style={{ flexDirection: 'column' }}
                            options={[
                              { value: 'workSafety', label: '生产安全事故预案' },
                              { value: 'highRisk', label: '高危/人员密集' },
                            ]}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '周期（月）',
                      width: 110,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'months']} {...cell}>
                          <InputNumber precision={0} style={{ width: 90 }} aria-label={`第 ${f.name + 1} 条演练周期`} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '依据',
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'basis']} {...cell}>
                          <Input.TextArea autoSize maxLength={200} aria-label={`第 ${f.name + 1} 条依据`} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '',
                      width: 50,
                      render: (_, f) => (
                        <Button icon={<DeleteOutlined />} aria-label={`删除第 ${f.name + 1} 条`} onClick={() => remove(f.name)} />
                      ),
                    },
                  ]}
                />
                {canManage ? (
                  <Space wrap style={{ marginTop: 12 }}>
                    <Button icon={<PlusOutlined />} onClick={() => add({ months: 12, basis: '' })}>
                      添加规则
                    </Button>
                    <Button type="primary" htmlType="submit" loading={save.isPending}>
                      保存演练周期
                    </Button>
                    <Button onClick={() => settings.data && reset(settings.data.drillDuties)}>撤销修改</Button>
                    <Button onClick={() => reset(DEFAULT_DRILL_DUTIES)}>恢复法定默认</Button>
                  </Space>
                ) : null}
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Card>
  );
}
