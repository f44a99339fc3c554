import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form } from 'antd';
import { useNavigate } from 'react-router';
import { warningApi } from '../../api/warning.api';
import { bureauNow, toBureauIso } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { WarningFormFields, type TWarningFormValues } from './warning-form';

/** 发布预警: kind, colour, area, times, text and source; posts with nobody on them are named before it goes out. */
export function WarningNewPage() {
  const [form] = Form.useForm<TWarningFormValues>();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const issue = useMutation({
    mutationFn: (v: TWarningFormValues) =>
      warningApi.issue({
        kind: v.kind,
        level: v.level,
        areaAll: v.areaAll,
        towns: v.areaAll ? [] : v.towns,
        issuedAt: toBureauIso(v.issuedAt!),
        expectedUntil: v.expectedUntil ? toBureauIso(v.expectedUntil) : null,
        text: v.text,
        source: v.source ?? 'meteorological',
        attachment: v.attachment ?? null,
      }),
    onSuccess: (w) => void navigate(`/warnings/${w.id}`),
    onError: (e) => onError(e, form),
  });
  return (
    <Card title="发布预警" style={{ maxWidth: 760 }}>
      <Form<TWarningFormValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: '暴雨', level: 'yellow', areaAll: false, towns: [], issuedAt: bureauNow(), source: 'meteorological' }}
        onFinish={(v) => issue.mutate(v)}
      >
        <WarningFormFields form={form} issuing />
        <Button type="primary" htmlType="submit" loading={issue.isPending} data-testid="issue-warning">
          发布并叫应
        </Button>
      </Form>
    </Card>
  );
}
