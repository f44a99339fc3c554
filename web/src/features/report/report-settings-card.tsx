/** 统计报告 on the settings page: the bureau's name that heads the statistics workbook and signs the Word summary. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DEFAULT_REPORT_SETTINGS, ZReportSettingsSchema, type TReportSettings } from '@yingji/domain/org/settings.schema';
import { App, Button, Card, Form, Input, Skeleton } from 'antd';
import { useEffect } from 'react';
import { settingsApi } from '../../api/org.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { ORG_KEYS } from '../org/org-data';

export function ReportSettingsCard({ canManage }: { canManage: boolean }) {
  const [form] = Form.useForm<TReportSettings>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useErrorHandler();
  const settings = useQuery({ queryKey: ORG_KEYS.settings, queryFn: settingsApi.get });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.report);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (value: TReportSettings) => settingsApi.save('report', value),
    onSuccess: (answer) => {
      queryClient.setQueryData(ORG_KEYS.settings, answer);
      void message.success('机关名称已保存，此后导出的统计表和文字综述使用新名称');
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Card variant="borderless" title="统计报告">
      {settings.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <Form<TReportSettings>
          form={form}
          layout="vertical"
          disabled={!canManage}
          onFinish={(values) => {
            // the server's own schema, so the message is the same here and there
            const parsed = ZReportSettingsSchema.safeParse(values);
            if (!parsed.success) return form.setFields([{ name: 'bureauName', errors: [parsed.error.issues[0]!.message] }]);
            save.mutate(parsed.data);
          }}
        >
          <Form.Item
            name="bureauName"
            label="机关名称"
            extra={`统计表（Excel）表头与文字综述（Word）落款使用，默认“${DEFAULT_REPORT_SETTINGS.bureauName}”`}
            rules={[{ required: true, message: '请填写机关名称' }]}
            style={{ maxWidth: 480 }}
          >
            <Input maxLength={40} />
          </Form.Item>
          {canManage ? (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          ) : null}
        </Form>
      )}
    </Card>
  );
}
