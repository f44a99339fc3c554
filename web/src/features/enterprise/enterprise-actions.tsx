import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TEnterprise, TSupervisionStatus } from '@yingji/domain/enterprise/enterprise.schema';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { enterpriseApi } from '../../api/enterprise.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { ENTERPRISE_KEYS } from './enterprise-data';
import { useTowns } from '../../kit';

export type TEnterpriseAction = { kind: 'status'; status: TSupervisionStatus; title: string } | { kind: 'transfer' };

/** The supervision-state changes open from each state, with the words an officer uses for them. */
export function statusActions(status: TSupervisionStatus): { status: TSupervisionStatus; title: string; danger?: boolean }[] {
  if (status === '在管') return [{ status: '移出', title: '移出监管', danger: true }];
  if (status === '待核实')
    return [
      { status: '在管', title: '确认在管' },
      { status: '移出', title: '移出监管', danger: true },
    ];
  return [{ status: '在管', title: '恢复在管' }];
}

const HINTS: Record<TSupervisionStatus, string> = {
  在管: '企业将回到在管台账，纳入检查计划和风险分级。',
  待核实: '企业将等待镇街核实。',
  移出: '企业移出监管台账后不再纳入检查计划；档案和记录保留，可随时恢复。',
};

interface TActionForm {
  toCode?: string;
  reason: string;
}

/** A state change or a 属地变更 request for one firm; both need a reason, which the history keeps. */
export function EnterpriseActionModal({
  firm,
  action,
  onClose,
}: {
  firm: TEnterprise;
  action: TEnterpriseAction | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<TActionForm>();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const towns = useTowns();
  const otherTowns = towns.cityOptions.filter((t) => t.value !== firm.divisionCode);

  useEffect(() => {
    if (action) form.resetFields();
  }, [action, form]);

  const run = useMutation({
    mutationFn: async (values: TActionForm) => {
      const reason = values.reason.trim();
      if (action?.kind === 'status') {
        await enterpriseApi.setStatus(firm.id, { status: action.status, reason });
        return `已${action.title}`;
      }
      const transfer = await enterpriseApi.requestTransfer(firm.id, { toCode: values.toCode!.trim(), reason });
      return transfer.status === 'accepted' ? '属地已变更' : '已提交属地变更申请，等待接收镇街确认';
    },
    onSuccess: (text) => {
      void message.success(text);
      void queryClient.invalidateQueries({ queryKey: ENTERPRISE_KEYS.all });
      onClose();
    },
    onError: (e) => showError(e, form),
  });

  const title = action?.kind === 'status' ? `${action.title}：${firm.name}` : `属地变更：${firm.name}`;
  return (
    <Modal
      open={action !== null}
      title={title}
      okText="确定"
      okButtonProps={{ danger: action?.kind === 'status' && action.status === '移出' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      mask={{ closable: false }}
      forceRender
    >
      <Form<TActionForm> form={form} name="enterprise-action" layout="vertical" onFinish={(v) => run.mutate(v)} className="modal-form">
        {action?.kind === 'status' && (
          <Alert type={action.status === '移出' ? 'warning' : 'info'} showIcon title={HINTS[action.status]} className="form-alert" />
        )}
        {action?.kind === 'transfer' && (
          <>
            <Alert
              type="info"
              showIcon
              className="form-alert"
              title={`当前属地：${firm.divisionName ?? firm.divisionCode}。镇街提出的申请由接收镇街确认后生效；市局变更立即生效。`}
            />
            <Form.Item
              name="toCode"
              label="变更为"
              rules={[
                { required: true, message: '请选择目标镇街' },
                { pattern: /^\d{9}$/, message: '目标镇街应为 9 位区划代码' },
              ]}
              extra={otherTowns.length === 0 ? '您的数据范围只含本镇街，请输入目标镇街的 9 位区划代码（如 442000118）' : undefined}
            >
              {otherTowns.length > 0 ? (
                <Select showSearch={{ optionFilterProp: 'label' }} options={otherTowns} placeholder="选择镇街，可输入名称搜索" />
              ) : (
                <Input className="mono" maxLength={9} placeholder="9 位区划代码" />
              )}
            </Form.Item>
          </>
        )}
        <Form.Item
          name="reason"
          label="原因"
          rules={[{ required: true, whitespace: true, message: '请填写原因' }, { min: 2, message: '原因至少 2 个字' }, { max: 500 }]}
        >
          <Input.TextArea rows={3} placeholder={action?.kind === 'transfer' ? '如 企业搬迁至新厂址' : '如 现场核实企业已停产搬离'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
