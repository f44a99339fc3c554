import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MANUAL_RISK_EVENT_KINDS, RISK_EVENT_LABELS, type TRiskColour } from '@yingji/domain/risk/risk.schema';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { riskApi } from '../../api/risk.api';
import { bureauNow } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { ENTERPRISE_KEYS } from '../enterprise/enterprise-data';
import { RISK_COLOUR_OPTIONS, RISK_KEYS } from './risk-data';

const future = (d: Dayjs) => d.isAfter(bureauNow(), 'day');

function useRefresh(enterpriseId: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: RISK_KEYS.all });
    void queryClient.invalidateQueries({ queryKey: ENTERPRISE_KEYS.detail(enterpriseId) });
    void queryClient.invalidateQueries({ queryKey: ENTERPRISE_KEYS.list });
  };
}

/** 初始定级: a grade by hand before any expert assessment, with its reason. */
export function InitialGradeModal({ enterpriseId, open, onClose }: { enterpriseId: number; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ colour: TRiskColour; score?: number | null; assessedOn: Dayjs; reason: string }>();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const refresh = useRefresh(enterpriseId);
  const save = useMutation({
    mutationFn: (v: { colour: TRiskColour; score?: number | null; assessedOn: Dayjs; reason: string }) =>
      riskApi.setInitialGrade(enterpriseId, {
        colour: v.colour,
        score: v.score ?? null,
        assessedOn: v.assessedOn.format('YYYY-MM-DD'),
        reason: v.reason,
      }),
    onSuccess: () => {
      void message.success('已定级');
      refresh();
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Modal
      open={open}
      title="人工初始定级"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ assessedOn: bureauNow() }}>
        <Form.Item name="colour" label="风险等级" rules={[{ required: true, message: '请选择风险等级' }]}>
          <Select options={RISK_COLOUR_OPTIONS} placeholder="请选择" />
        </Form.Item>
        <Form.Item name="score" label="评估得分（可选）">
          <InputNumber min={0} max={100} step={0.1} style={{ width: '100%' }} placeholder="0–100" />
        </Form.Item>
        <Form.Item name="assessedOn" label="定级日期" rules={[{ required: true, message: '请选择定级日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={future} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="定级原因"
          rules={[{ required: true, min: 2, whitespace: true, message: '请填写原因（至少 2 个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：尚未开展专家评估，依据行业类别和现场检查初始定级" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 登记事件: a refused directive (or an accident or penalty not yet in its module), then the firm is re-evaluated. */
export function ManualEventModal({ enterpriseId, open, onClose }: { enterpriseId: number; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ kind: (typeof MANUAL_RISK_EVENT_KINDS)[number]; occurredOn: Dayjs; summary: string }>();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const refresh = useRefresh(enterpriseId);
  const save = useMutation({
    mutationFn: (v: { kind: (typeof MANUAL_RISK_EVENT_KINDS)[number]; occurredOn: Dayjs; summary: string }) =>
      riskApi.recordEvent(enterpriseId, { kind: v.kind, occurredOn: v.occurredOn.format('YYYY-MM-DD'), summary: v.summary }),
    onSuccess: (r) => {
      void message.success(r.proposalId ? '已登记，并生成了等级调整建议，待审批' : '已登记');
      refresh();
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Modal
      open={open}
      title="登记风险事件"
      okText="登记"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'directive_refused', occurredOn: bureauNow() }}>
        <Form.Item name="kind" label="事件类型" rules={[{ required: true }]}>
          <Select options={MANUAL_RISK_EVENT_KINDS.map((k) => ({ value: k, label: RISK_EVENT_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="occurredOn" label="发生日期" rules={[{ required: true, message: '请选择发生日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={future} />
        </Form.Item>
        <Form.Item
          name="summary"
          label="情况说明"
          rules={[{ required: true, min: 2, whitespace: true, message: '请填写原因（至少 2 个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：责令停止违规动火作业后拒不执行（指令书编号…）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
