import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TInspector } from '@yingji/domain/inspection/inspector.schema';
import { App, Button, Drawer, Empty, Form, Input, List, Popconfirm, Typography } from 'antd';
import { inspectorApi, PLAN_KEYS } from '../../api/inspection-plan.api';
import { formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { FirmPicker } from '../../kit';

/** 回避登记: firms an officer has an interest in; the draw never sends them there (行政处罚法 art. 43). */
export function InspectorConflictsDrawer({ inspector, onClose }: { inspector: TInspector | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ enterpriseId: number; reason: string }>();
  const id = inspector?.userId ?? 0;

  const conflicts = useQuery({
    queryKey: [...PLAN_KEYS.inspectors, 'conflicts', id],
    queryFn: () => inspectorApi.conflicts(id),
    enabled: id > 0,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: PLAN_KEYS.inspectors });
  const declare = useMutation({
    mutationFn: (v: { enterpriseId: number; reason: string }) => inspectorApi.declareConflict(id, v),
    onSuccess: () => {
      void message.success('已登记回避');
      form.resetFields();
      refresh();
    },
    onError: (e) => showError(e, form),
  });
  const withdraw = useMutation({
    mutationFn: (enterpriseId: number) => inspectorApi.withdrawConflict(id, enterpriseId),
    onSuccess: () => {
      void message.success('已撤销回避登记');
      refresh();
    },
    onError: (e) => showError(e),
  });

  return (
    <Drawer title={`回避登记：${inspector?.displayName ?? ''}`} open={inspector !== null} onClose={onClose} size={480} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => declare.mutate(v)}>
        <Form.Item name="enterpriseId" label="有利害关系的企业" rules={[{ required: true, message: '请选择企业' }]}>
          <FirmPicker label={(f) => `${f.name}（${f.creditCode}）`} />
        </Form.Item>
        <Form.Item name="reason" label="回避原因" rules={[{ required: true, message: '请填写回避原因' }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder="如：近亲属在该企业任职" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={declare.isPending}>
          登记回避
        </Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        已登记
      </Typography.Title>
      <List
        loading={conflicts.isPending && id > 0}
        dataSource={conflicts.data ?? []}
        locale={{ emptyText: <Empty description="没有回避登记" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Popconfirm key="w" title="撤销这条回避登记？" onConfirm={() => withdraw.mutate(c.enterpriseId)}>
                <Button type="link" size="small" danger>
                  撤销
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta title={c.enterpriseName} description={`${c.reason} · ${formatTime(c.declaredAt)}`} />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
