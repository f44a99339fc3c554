import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TWarning } from '@yingji/domain/warning/warning.schema';
import { Alert, App, Button, Card, Form, Space, Spin, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { WARNING_KEYS, warningApi } from '../../api/warning.api';
import { formatTime, fromBureauIso, toBureauIso } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { WarningFormFields, type TWarningFormValues } from './warning-form';

const valuesOf = (w: TWarning): TWarningFormValues => ({
  kind: w.kind,
  level: w.level,
  areaAll: w.areaAll,
  towns: w.towns.map((t) => t.code),
  expectedUntil: w.expectedUntil ? fromBureauIso(w.expectedUntil) : null,
  text: w.text,
  attachment: w.attachment,
});

/**
 * 更新预警: a new version of the same warning (level, area, times, text, file) from the one in force. Everyone in the
 * new area is called again; the version number guards against two officers updating at once.
 */
export function WarningUpdatePage() {
  const id = Number(useParams().id);
  const [form] = Form.useForm<TWarningFormValues>();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: [...WARNING_KEYS.all, id], queryFn: () => warningApi.detail(id) });
  const update = useMutation({
    mutationFn: (v: TWarningFormValues) => {
      const w = detail.data!;
      return warningApi.update(id, {
        version: w.version,
        kind: v.kind,
        level: v.level,
        areaAll: v.areaAll,
        towns: v.areaAll ? [] : v.towns,
        expectedUntil: v.expectedUntil ? toBureauIso(v.expectedUntil) : null,
        text: v.text,
        // the file is sent only when changed: omitted keeps the version's file, null removes it
        ...((v.attachment ?? null) !== w.attachment ? { attachment: v.attachment ?? null } : {}),
      });
    },
    onSuccess: async (w) => {
      await queryClient.invalidateQueries({ queryKey: WARNING_KEYS.all });
      void message.success(`预警已更新为第 ${w.version} 版，已重新叫应`);
      void navigate(`/warnings/${w.id}`);
    },
    onError: (e) => onError(e, form),
  });
  if (detail.isError) return <Alert type="error" message={(detail.error as Error).message} />;
  if (!detail.data) return <Spin />;
  const w = detail.data;
  if (w.state !== 'active')
    return <Alert type="info" showIcon message="该预警已解除，不能更新" description={<Link to={`/warnings/${id}`}>返回预警详情</Link>} />;
  return (
    <Card title={`更新预警（当前第 ${w.version} 版）`} style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">
        首次发布于 {formatTime(w.issuedAt)}（{w.source === 'bureau' ? '本局' : '气象台'}）。更新生成新版本，范围内各岗位将重新叫应。
      </Typography.Paragraph>
      <Form<TWarningFormValues> form={form} layout="vertical" initialValues={valuesOf(w)} onFinish={(v) => update.mutate(v)}>
        <WarningFormFields form={form} issuing={false} />
        <Space>
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="update-warning">
            更新并重新叫应
          </Button>
          <Link to={`/warnings/${id}`}>取消</Link>
        </Space>
      </Form>
    </Card>
  );
}
