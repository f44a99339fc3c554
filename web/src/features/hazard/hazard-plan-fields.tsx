import type { THazardPlan } from '@yingji/domain';
import { Alert, DatePicker, Form, Input, InputNumber } from 'antd';
import { bureauNow, dayjs } from '../../app/locale';

/** The 五到位 plan as the forms hold it: funds in yuan, the deadline as a picked day. */
export interface TPlanValues {
  measures?: string;
  fundsYuan?: number | null;
  deadline?: dayjs.Dayjs | null;
  responsiblePerson?: string;
  contingency?: string;
}

export const toPlan = (v: TPlanValues | undefined): THazardPlan => ({
  measures: v?.measures?.trim() || null,
  fundsFen: v?.fundsYuan == null ? null : Math.round(v.fundsYuan * 100),
  deadline: v?.deadline ? v.deadline.format('YYYY-MM-DD') : null,
  responsiblePerson: v?.responsiblePerson?.trim() || null,
  contingency: v?.contingency?.trim() || null,
});

export const fromPlan = (p: THazardPlan | null | undefined): TPlanValues => ({
  measures: p?.measures ?? '',
  fundsYuan: p?.fundsFen == null ? null : p.fundsFen / 100,
  deadline: p?.deadline ? dayjs(p.deadline) : null,
  responsiblePerson: p?.responsiblePerson ?? '',
  contingency: p?.contingency ?? '',
});

/**
 * 五到位 (措施、资金、时限、责任人、应急预案) as form fields under `plan`; `required` when a major hazard's
 * plan must be complete for this step. `problem` is the server's refusal naming the plan.
 */
export function PlanFields({ required, problem }: { required: boolean; problem?: string | null }) {
  const today = bureauNow().format('YYYY-MM-DD');
  const rule = (message: string) => (required ? [{ required: true, message }] : []);
  return (
    <div className="hazard-plan-fields">
      <div className="hazard-plan-head">整改方案（五到位：措施、资金、时限、责任人、应急预案）</div>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <Form.Item
        name={['plan', 'measures']}
        label="整改措施"
        rules={[...rule('请填写整改措施'), { max: 2000, message: '整改措施最多 2000 个字' }]}
      >
        <Input.TextArea rows={3} placeholder="具体的工程、技术和管理措施" />
      </Form.Item>
      <Form.Item name={['plan', 'fundsYuan']} label="整改资金（元）" rules={rule('请填写整改资金')}>
        <InputNumber min={0} step={100} precision={2} style={{ width: '100%' }} placeholder="如 50000" inputMode="decimal" />
      </Form.Item>
      <Form.Item name={['plan', 'deadline']} label="整改完成时限" rules={rule('请选择整改完成时限')}>
        <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
      </Form.Item>
      <Form.Item
        name={['plan', 'responsiblePerson']}
        label="方案责任人"
        rules={[...rule('请填写整改方案的责任人'), { max: 50, message: '整改责任人最多 50 个字' }]}
      >
        <Input placeholder="姓名及职务" />
      </Form.Item>
      <Form.Item
        name={['plan', 'contingency']}
        label="应急预案（整改期间的防范措施）"
        rules={[...rule('请填写应急预案（防范措施）'), { max: 2000, message: '最多 2000 个字' }]}
      >
        <Input.TextArea rows={3} placeholder="整改期间的安全防范和应急措施" />
      </Form.Item>
    </div>
  );
}
