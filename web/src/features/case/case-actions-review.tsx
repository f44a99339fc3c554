/** Case actions of the legal review (法制审核) and the collective deliberation (集体讨论). */
import { ACCIDENT_GRADE_LABELS } from '@yingji/domain/accident/accident.data';
import { FINE_TIER_LABELS, REDUCTION_GROUND_LABELS, type TCaseDetail } from '@yingji/domain/case/case.schema';
import { Alert, Form, Radio, Select } from 'antd';
import { yuan } from './case-data';
import { day, DateField, Opinion, type TFormSpec, type TKind } from './case-action-fields';

/** 听证笔录: after a hearing the review and the deliberation decide on its record (行政处罚法 arts. 58, 65). */
function HearingRecord({ d }: { d: TCaseDetail }) {
  if (!d.case.hearingHeldOn) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="hearing-record"
      message={`听证笔录（${d.case.hearingHeldOn} 举行）：听证后须根据听证笔录再次法制审核${d.case.deliberationRequired ? '、集体讨论' : ''}（行政处罚法第五十八条、第六十五条）`}
      description={d.case.hearingRecord ?? '（未记录听证情况）'}
    />
  );
}

export const REVIEW_FORMS: Partial<Record<TKind, TFormSpec>> = {
  request_legal_review: {
    fields: (_f, d) => (
      <>
        {d.case.stage === 'investigating' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message="尚未提出处罚意见"
            description="拟不予行政处罚的，可直接提交法制审核，审核通过后作出不予处罚决定（行政处罚法第三十三条、第五十八条）；拟给予处罚的，请先调查终结并提出处罚意见。"
          />
        )}
        <Opinion name="note" label="说明" />
      </>
    ),
    toBody: (v) => ({ note: v.note || null }),
    submit: '提交法制审核',
  },
  legal_review: {
    initial: { result: 'pass' },
    fields: (_f, d) => (
      <>
        <HearingRecord d={d} />
        {d.case.legalReviewReasons.length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message="须经法制审核的情形"
            description={d.case.legalReviewReasons.join('；')}
          />
        )}
        {d.violations
          .filter((v) => v.reductionGround)
          .map((v) => (
            <Alert
              key={`reduce-${v.code}-${v.target}`}
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={`${v.title}：减轻处罚，拟罚 ${yuan(v.proposedFineFen)}，低于法定最低额 ${yuan(v.statutoryRange?.minFen ?? null)}`}
              description={`减轻情形：${REDUCTION_GROUND_LABELS[v.reductionGround!]}`}
            />
          ))}
        {d.violations.some((v) => v.tier === 2) && d.case.order && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`${FINE_TIER_LABELS[2]}：责令限期整改指令书 ${d.case.order.orderNo}`}
            description={`${d.case.order.orderedOn} 下达，整改期限 ${d.case.order.deadline}；${d.case.order.recheckedOn ?? '—'} 复查${d.case.order.recheckUnmet ? '，逾期未改正' : ''}${d.case.order.recheckNote ? `：${d.case.order.recheckNote}` : ''}`}
          />
        )}
        {d.case.accidentGrade && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`事故罚款：${ACCIDENT_GRADE_LABELS[d.case.accidentGrade]}事故${d.case.accidentAggravated ? '，情节特别严重、影响特别恶劣（第一百一十四条第二款）' : ''}`}
          />
        )}
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
    fields: (_f, d) => (
      <>
        <HearingRecord d={d} />
        <Opinion name="note" label="说明" />
      </>
    ),
    toBody: (v) => ({ note: v.note || null }),
    submit: '提请集体讨论',
  },
  deliberate: {
    initial: { result: 'agree', participants: [] },
    fields: (_f, d) => (
      <>
        <HearingRecord d={d} />
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
