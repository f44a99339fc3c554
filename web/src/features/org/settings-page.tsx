import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DEFAULT_PASSWORD_POLICY as DEFAULTS, ZPasswordPolicySchema, type TPasswordPolicy } from '@yingji/domain/org/settings.schema';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { settingsApi } from '../../api/org.api';
import { useCan } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { ORG_KEYS } from './org-data';
import { WorkCalendarCard } from './work-calendar-card';
import { DrillDutiesCard } from '../drill/drill-duties-card';
import { ReportSettingsCard } from '../report/report-settings-card';
import { ReserveGuidanceCard } from '../resources/reserve-guidance-card';
import { CaseHearingSettingsCard } from '../case/case-hearing-settings-card';

type TNumberKey = Exclude<keyof TPasswordPolicy, 'forbidUsername'>;

const NUMBER_FIELDS: { key: TNumberKey; label: string; min: number; max: number; unit: string; help: string }[] = [
  { key: 'minLength', label: '密码最短长度', min: 8, max: 64, unit: '个字符', help: `默认 ${DEFAULTS.minLength}` },
  {
    key: 'minClasses',
    label: '至少包含的字符类别',
    min: 1,
    max: 4,
    unit: '类',
    help: `大写字母、小写字母、数字、符号四类中的几类，默认 ${DEFAULTS.minClasses}`,
  },
  {
    key: 'historyCount',
    label: '不得与最近几次密码相同',
    min: 0,
    max: 24,
    unit: '次',
    help: `0 表示不限制，默认 ${DEFAULTS.historyCount}`,
  },
  {
    key: 'maxAgeDays',
    label: '密码有效期',
    min: 1,
    max: 3650,
    unit: '天',
    help: `到期后须修改密码才能继续使用，默认 ${DEFAULTS.maxAgeDays}`,
  },
  {
    key: 'maxFailedAttempts',
    label: '连续登录失败上限',
    min: 1,
    max: 100,
    unit: '次',
    help: `达到上限即锁定账号，默认 ${DEFAULTS.maxFailedAttempts}`,
  },
  { key: 'lockoutMinutes', label: '锁定时长', min: 1, max: 1440, unit: '分钟', help: `默认 ${DEFAULTS.lockoutMinutes}` },
  {
    key: 'sessionIdleMinutes',
    label: '会话空闲超时',
    min: 1,
    max: 1440,
    unit: '分钟',
    help: `无操作超过此时长须重新登录，默认 ${DEFAULTS.sessionIdleMinutes}`,
  },
];

export function SettingsPage() {
  const can = useCan();
  const canManage = can('settings.manage');
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useErrorHandler();
  const [form] = Form.useForm<TPasswordPolicy>();
  const settings = useQuery({ queryKey: ORG_KEYS.settings, queryFn: settingsApi.get });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.passwordPolicy);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: settingsApi.savePasswordPolicy,
    onSuccess: (answer) => {
      queryClient.setQueryData(ORG_KEYS.settings, answer);
      void message.success('密码与会话策略已保存');
    },
    onError: (e) => showError(e, form),
  });

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          系统设置
        </Typography.Title>
      </div>
      <Card variant="borderless" title="密码与会话策略">
        {settings.isPending ? (
          <Skeleton active />
        ) : settings.isError ? (
          <Alert type="error" showIcon title={(settings.error as Error).message} />
        ) : (
          <Form<TPasswordPolicy>
            form={form}
            layout="vertical"
            className="settings-form"
            disabled={!canManage}
            onFinish={(values) => {
              // the same schema the server validates with, so a bad value is caught here first
              const parsed = ZPasswordPolicySchema.safeParse(values);
              if (!parsed.success) {
                form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]) as keyof TPasswordPolicy, errors: [i.message] })));
                return;
              }
              save.mutate(parsed.data);
            }}
          >
            <Row gutter={24}>
              {NUMBER_FIELDS.map((f) => (
                <Col key={f.key} xs={24} md={12} xl={8}>
                  <Form.Item name={f.key} label={f.label} extra={f.help} rules={[{ required: true, message: `请填写${f.label}` }]}>
                    <InputNumber min={f.min} max={f.max} precision={0} suffix={f.unit} />
                  </Form.Item>
                </Col>
              ))}
              <Col xs={24} md={12} xl={8}>
                <Form.Item
                  name="forbidUsername"
                  label="禁止密码包含用户名"
                  valuePropName="checked"
                  extra={`默认${DEFAULTS.forbidUsername ? '开启' : '关闭'}`}
                >
                  <Switch checkedChildren="禁止" unCheckedChildren="允许" />
                </Form.Item>
              </Col>
            </Row>
            {canManage && (
              <Form.Item style={{ marginBottom: 0 }}>
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  保存
                </Button>
                <Button style={{ marginLeft: 8 }} onClick={() => settings.data && form.setFieldsValue(settings.data.passwordPolicy)}>
                  撤销修改
                </Button>
              </Form.Item>
            )}
          </Form>
        )}
      </Card>
      <WorkCalendarCard canManage={canManage} />
      <CaseHearingSettingsCard canManage={canManage} />
      <DrillDutiesCard canManage={canManage} />
      <ReportSettingsCard canManage={canManage} />
      <ReserveGuidanceCard canManage={canManage} />
    </div>
  );
}
