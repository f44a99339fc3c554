/** Case actions of the legal review (法制审核) and the collective deliberation (集体讨论). */
import { Alert, Form, Radio, Select } from 'antd';
import { day, DateField, Opinion, type TFormSpec, type TKind } from './case-action-fields';

export const REVIEW_FORMS: Partial<Record<TKind, TFormSpec>> = {
  request_legal_review: {
    fields: () => <Opinion name="note" label="说明" />,
    toBody: (v) => ({ note: v.note || null }),
    submit: '提交法制审核',
  },
  legal_review: {
    initial: { result: 'pass' },
    fields: (_f, d) => (
      <>
        {d.violations
          .filter((v) => v.outsideBandReason)
          .map((v) => (
            <Alert
              key={`${v.code}-${v.target}`}
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={`${v.title}：罚款超出裁量基准`}
              description={`承办人理由：${v.outsideBandReason}`}
            />
          ))}
        <Form.Item name="result" label="审核结论">
          <Radio.Group
            options={[
              { value: 'pass', label: '通过' },
              { value: 'return', label: '退回补充调查' },
            ]}
          />
        </Form.Item>
        <Opinion label="审核意见" required />
      </>
    ),
    toBody: (v) => ({ result: v.result, opinion: v.opinion }),
    submit: '提交审核意见',
  },
  request_deliberation: {
    fields: () => <Opinion name="note" label="说明" />,
    toBody: (v) => ({ note: v.note || null }),
    submit: '提请集体讨论',
  },
  deliberate: {
    initial: { result: 'agree', participants: [] },
    fields: () => (
      <>
        <Form.Item name="result" label="讨论结论">
          <Radio.Group
            options={[
              { value: 'agree', label: '同意处罚意见' },
              { value: 'return', label: '退回补充调查' },
            ]}
          />
        </Form.Item>
        <DateField name="heldOn" label="讨论日期" />
        <Form.Item
          name="participants"
          label="参加人员（至少 3 人，输入姓名后回车）"
          rules={[{ required: true, type: 'array', min: 3, message: '集体讨论参加人员至少 3 人' }]}
        >
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ' ']} placeholder="如 局长、分管副局长、法规科科长" />
        </Form.Item>
        <Opinion name="conclusion" label="讨论决定" required />
      </>
    ),
    toBody: (v) => ({ result: v.result, heldOn: day(v.heldOn), participants: v.participants, conclusion: v.conclusion }),
    submit: '记录集体讨论决定',
  },
};
