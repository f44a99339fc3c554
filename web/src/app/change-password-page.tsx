import { CheckCircleFilled, InfoCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { countPasswordClasses } from '@yingji/domain/org/password.rules';
import { DEFAULT_PASSWORD_POLICY } from '@yingji/domain/org/settings.schema';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { isApiError, type TViolation } from '../api/client';
import { authApi } from '../api/org.api';
import { mustChangePassword, useAcceptSession, useLogout, useMe } from './auth';
import { BrandMark, PLATFORM_NAME } from './brand';
import { FullPageSpin } from './guards';
import { ME_KEY } from './query-client';

interface TChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

function Hint({ ok, children }: { ok: boolean | null; children: React.ReactNode }) {
  const icon =
    ok === null ? (
      <InfoCircleOutlined className="hint-info" />
    ) : ok ? (
      <CheckCircleFilled className="hint-ok" />
    ) : (
      <MinusCircleOutlined className="hint-todo" />
    );
  return (
    <li className={ok ? 'hint hint-met' : 'hint'}>
      {icon}
      <span>{children}</span>
    </li>
  );
}

export function ChangePasswordPage() {
  const { data: me, isPending } = useMe();
  // The bureau's policy comes with the session; the server checks it again on submit.
  const policy = me?.passwordPolicy ?? DEFAULT_PASSWORD_POLICY;
  const navigate = useNavigate();
  const acceptSession = useAcceptSession();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const [form] = Form.useForm<TChangePasswordForm>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [failure, setFailure] = useState<{ message: string; violations: TViolation[] } | null>(null);

  const change = useMutation({
    mutationFn: authApi.changePassword,
    meta: { authFlow: true },
    onSuccess: (answer) => {
      acceptSession(answer);
      void navigate('/', { replace: true });
    },
    onError: (e) => {
      if (!isApiError(e)) {
        setFailure({ message: '修改失败，请稍后再试', violations: [] });
        return;
      }
      // a 401 may mean a wrong current password or an ended session: asking again tells them apart
      if (e.status === 401) void queryClient.invalidateQueries({ queryKey: ME_KEY });
      if (e.violations.length > 0) {
        // the rules broken are listed together above the button; the field is only marked
        form.setFields([{ name: 'newPassword', errors: ['新密码不符合密码要求'] }]);
        setFailure({ message: '新密码不符合密码要求，请修改：', violations: e.violations });
      } else if (e.field === 'currentPassword' || e.field === 'newPassword') {
        form.setFields([{ name: e.field, errors: [e.message] }]);
      } else {
        setFailure({ message: e.message, violations: [] });
      }
    },
  });

  if (isPending) return <FullPageSpin />;
  if (!me) return <Navigate to="/login" replace />;
  const forced = mustChangePassword(me);
  const username = me.user.username;
  const lengthOk = newPassword ? [...newPassword].length >= policy.minLength : null;
  const classesOk = newPassword ? countPasswordClasses(newPassword) >= policy.minClasses : null;
  const usernameOk = newPassword ? !newPassword.toLowerCase().includes(username.toLowerCase()) : null;

  return (
    <div className="login-screen">
      <div className="login-panel login-panel-wide">
        <div className="login-brand">
          <BrandMark size={40} />
          <div>
            <h1 className="login-title">{forced ? '请先修改密码' : '修改密码'}</h1>
            <div className="login-subtitle">
              {PLATFORM_NAME} · {me.user.displayName}（{username}）
            </div>
          </div>
        </div>
        {forced && (
          <Alert
            type="warning"
            showIcon
            className="form-alert"
            title={me.passwordExpired && !me.user.mustChangePassword ? '您的密码已过期' : '首次登录或密码已被重置'}
            description="为保障账号安全，须设置新密码后才能继续使用系统。"
          />
        )}
        <Form<TChangePasswordForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onValuesChange={() => setFailure(null)}
          onFinish={(values) => {
            setFailure(null);
            change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
          }}
        >
          <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" placeholder="管理员提供的一次性密码或原密码" />
          </Form.Item>
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input.Password autoComplete="new-password" placeholder="请输入新密码" />
          </Form.Item>
          <ul className="hints" aria-label="密码要求">
            <Hint ok={lengthOk}>至少 {policy.minLength} 个字符</Hint>
            <Hint ok={classesOk}>包含大写字母、小写字母、数字、符号中的至少 {policy.minClasses} 类</Hint>
            {policy.forbidUsername && <Hint ok={usernameOk}>不能包含用户名</Hint>}
            <Hint ok={null}>
              不能与最近 {policy.historyCount} 次使用过的密码相同；有效期 {policy.maxAgeDays} 天，到期须重新设置
            </Hint>
          </ul>
          <Form.Item
            name="confirmPassword"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" placeholder="请再次输入新密码" />
          </Form.Item>
          {failure && (
            <Alert
              type="error"
              showIcon
              className="form-alert"
              data-testid="password-violations"
              title={failure.message}
              description={
                failure.violations.length > 0 ? (
                  <ul className="violations">
                    {failure.violations.map((v) => (
                      <li key={v.rule}>{v.message}</li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          )}
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Button type="primary" htmlType="submit" block size="large" loading={change.isPending}>
              确认修改
            </Button>
            {forced ? (
              <Button type="link" block onClick={() => logout.mutate()} loading={logout.isPending}>
                退出登录
              </Button>
            ) : (
              <Button type="link" block onClick={() => void navigate('/')}>
                返回首页
              </Button>
            )}
          </Space>
        </Form>
      </div>
    </div>
  );
}
