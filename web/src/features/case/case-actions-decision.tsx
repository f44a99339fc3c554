/** Case actions from the decision to closing: 决定, 当场处罚, 送达, 缴纳, 延期, 结案, 撤销. */
import { surchargeFen } from '@yingji/domain/case/case-clock.rules';
import { NO_PENALTY_GROUND_LABELS, NO_PENALTY_GROUNDS, PENALTY_TARGET_LABELS, type TCaseDetail } from '@yingji/domain/case/case.schema';
import { DEFAULT_CASE_PROCEDURE } from '@yingji/domain/case/case.settings';
import { Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { dayjs } from '../../app/locale';
import { toFen, yuan } from './case-data';
import {
  day,
  DateField,
  METHOD_OPTIONS,
  CIRCUMSTANCE_OPTIONS,
  TARGET_OPTIONS,
  Opinion,
  type TFormSpec,
  type TKind,
} from './case-action-fields';

function PaymentFields({ form, d }: { form: FormInstance; d: TCaseDetail }) {
  const paidOn = Form.useWatch('paidOn', form) as dayjs.Dayjs | undefined;
  const principal = Form.useWatch('principalYuan', form) as number | undefined;
  const owing = d.case.fineDecidedFen - d.case.finePaidFen;
  const due = d.case.paymentDueOn;
  const surcharge =
    due && paidOn && principal ? surchargeFen(toFen(principal), due, paidOn.format('YYYY-MM-DD'), DEFAULT_CASE_PROCEDURE) : 0;
  return (
    <>
      <div className="band-hint">
        尚欠罚款 {yuan(owing)}；缴款期限 {due ?? '—'}。逾期每日按罚款数额的 3%
        加处罚款，加处罚款的数额不超过罚款数额（行政处罚法第七十二条）。
        {surcharge > 0 && <div className="clock-late">本次预计加处罚款 {yuan(surcharge)}</div>}
      </div>
      <DateField name="paidOn" label="缴款日期" />
      <Form.Item name="principalYuan" label="缴纳罚款（元）" rules={[{ required: true, message: '请填写缴纳罚款' }]}>
        <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="receiptNo" label="票据号">
        <Input maxLength={50} />
      </Form.Item>
    </>
  );
}

export const DECISION_FORMS: Partial<Record<TKind, TFormSpec>> = {
  decide: {
    initial: { outcome: 'penalty' },
    fields: (_f, d) => (
      <>
        <div className="band-hint">
          告知的罚款 {yuan(d.case.noticeFineFen)}；
          {d.violations
            .filter((v) => v.proposedFineFen !== null)
            .map((v) => `${v.title}（${v.target ? PENALTY_TARGET_LABELS[v.target] : ''}）${yuan(v.proposedFineFen)}`)
            .join('；')}
        </div>
        <Form.Item name="outcome" label="决定">
          <Radio.Group
            options={[
              { value: 'penalty', label: '按处罚意见给予处罚' },
              { value: 'no_penalty', label: '不予处罚' },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.outcome !== b.outcome}>
          {({ getFieldValue }) =>
            getFieldValue('outcome') === 'no_penalty' && (
              <Form.Item
                name="noPenaltyGround"
                label="不予处罚依据（行政处罚法第三十三条、第五十七条）"
                rules={[{ required: true, message: '请选择不予处罚的依据' }]}
              >
                <Select options={NO_PENALTY_GROUNDS.map((g) => ({ value: g, label: NO_PENALTY_GROUND_LABELS[g] }))} />
              </Form.Item>
            )
          }
        </Form.Item>
        <DateField name="decidedOn" label="决定日期" />
      </>
    ),
    toBody: (v) => ({
      decidedOn: day(v.decidedOn),
      outcome: v.outcome,
      ...(v.outcome === 'no_penalty' ? { noPenaltyGround: v.noPenaltyGround } : {}),
    }),
    submit: '作出决定',
  },
  decide_on_spot: {
    initial: { target: 'unit', circumstance: 'minor', warningOnly: false },
    fields: (_f, d) => (
      <>
        <Form.Item name="code" label="违法行为" rules={[{ required: true, message: '请选择违法行为' }]}>
          <Select options={d.violations.map((v) => ({ value: v.code, label: v.title }))} />
        </Form.Item>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item name="target" label="处罚对象">
              <Select options={TARGET_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="circumstance" label="违法情节">
              <Select options={CIRCUMSTANCE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="fineYuan" label="罚款（元）">
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="warningOnly" valuePropName="checked">
          <Checkbox>仅予警告</Checkbox>
        </Form.Item>
        <DateField name="decidedOn" label="决定日期" />
      </>
    ),
    toBody: (v) => ({
      decidedOn: day(v.decidedOn),
      warningOnly: !!v.warningOnly,
      violation: { code: v.code, target: v.target, circumstance: v.circumstance, fineFen: toFen(v.fineYuan as number) },
    }),
    submit: '当场处罚',
  },
  serve: {
    initial: { method: 'direct' },
    fields: () => (
      <>
        <DateField name="servedOn" label="送达日期" />
        <Form.Item name="method" label="送达方式">
          <Select options={METHOD_OPTIONS} />
        </Form.Item>
        <Form.Item name="recipient" label="签收人" rules={[{ required: true, whitespace: true, message: '请填写签收人' }]}>
          <Input maxLength={50} />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({ servedOn: day(v.servedOn), method: v.method, recipient: v.recipient }),
    submit: '登记送达',
  },
  record_payment: {
    fields: (form, d) => <PaymentFields form={form} d={d} />,
    toBody: (v) => ({ paidOn: day(v.paidOn), principalFen: toFen(v.principalYuan as number), receiptNo: v.receiptNo || null }),
    submit: '登记缴款',
  },
  extend: {
    initial: { days: 30 },
    fields: () => (
      <>
        <Form.Item name="days" label="延长天数" rules={[{ required: true, message: '请填写延长天数' }]}>
          <InputNumber min={1} max={90} precision={0} addonAfter="天" style={{ width: '100%' }} />
        </Form.Item>
        <Opinion name="reason" label="延长理由（案情复杂等，行政处罚法第六十条）" required />
      </>
    ),
    toBody: (v) => ({ days: v.days, reason: v.reason }),
    submit: '批准延期',
  },
  close: {
    fields: () => (
      <>
        <DateField name="closedOn" label="结案日期" />
        <Opinion label="结案意见" />
      </>
    ),
    toBody: (v) => ({ closedOn: day(v.closedOn), opinion: v.opinion || null }),
    submit: '批准结案',
  },
  withdraw: {
    fields: () => <Opinion name="reason" label="撤销立案理由" required />,
    toBody: (v) => ({ reason: v.reason }),
    submit: '撤销立案',
    danger: true,
  },
};
