import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RISK_COLOUR_LABELS, type TRiskProposal } from '@yingji/domain/risk/risk.schema';
import { App, Form, Input, Modal } from 'antd';
import { riskApi } from '../../api/risk.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { ENTERPRISE_KEYS } from '../enterprise/enterprise-data';
import { RISK_KEYS } from './risk-data';

/** The reasons of a proposal, one per line, as the rules wrote them. */
export function ProposalReasons({ proposal }: { proposal: Pick<TRiskProposal, 'reasons'> }) {
  return (
    <ul className="risk-reasons">
      {proposal.reasons.map((r) => (
        <li key={r.rule}>{r.text}</li>
      ))}
    </ul>
  );
}

/** Approve or reject a proposal; a reject needs a comment (the server checks it too). */
export function DecisionModal({ proposal, approve, onClose }: { proposal: TRiskProposal | null; approve: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ comment?: string }>();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const decide = useMutation({
    mutationFn: (comment: string | null) => riskApi.decide(proposal!.id, { approve, comment }),
    onSuccess: (p) => {
      void message.success(
        approve ? `已同意：${p.enterpriseName} 调整为${RISK_COLOUR_LABELS[p.toColour]}色` : `已不同意调整 ${p.enterpriseName} 的等级`,
      );
      void queryClient.invalidateQueries({ queryKey: RISK_KEYS.all });
      void queryClient.invalidateQueries({ queryKey: ENTERPRISE_KEYS.all });
      form.resetFields();
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  const title = proposal
    ? `${approve ? '同意' : '不同意'}：${proposal.enterpriseName} ${RISK_COLOUR_LABELS[proposal.fromColour]} → ${RISK_COLOUR_LABELS[proposal.toColour]}`
    : '';
  return (
    <Modal
      open={proposal !== null}
      title={title}
      okText={approve ? '同意调整' : '不同意'}
      okButtonProps={{ danger: !approve, loading: decide.isPending }}
      cancelText="取消"
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      onOk={() => void form.validateFields().then((v) => decide.mutate(v.comment?.trim() || null))}
      destroyOnHidden
    >
      {proposal && <ProposalReasons proposal={proposal} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="comment"
          label={approve ? '审批意见（可选）' : '不同意的理由'}
          rules={approve ? [] : [{ required: true, min: 2, whitespace: true, message: '不同意调整时请填写理由（至少 2 个字）' }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={approve ? '如：经核实情况属实，同意调整' : '如：事故已另案处理，经现场核查管理到位'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
