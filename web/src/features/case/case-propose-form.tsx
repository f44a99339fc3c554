/**
 * 调查终结，提出处罚意见: each violation's target, tier (第一档 / 第二档 逾期未改正), circumstance and fine, with the
 * statutory range of the tier and the bureau's band; the 责令限期整改指令书 and its 复查 (prefilled from the source
 * hazard); art. 114's accident grade (from the accident record when there is one) and 2–5 times; the art. 32 ground of
 * a fine below the minimum. The server checks every rule again.
 */
import type { TAccidentGrade } from '@yingji/domain/accident/accident.data';
import {
  CIRCUMSTANCE_LABELS,
  FINE_TIER_LABELS,
  OTHER_PENALTIES,
  OTHER_PENALTY_LABELS,
  PENALTY_TARGET_LABELS,
  REDUCTION_GROUND_LABELS,
  REDUCTION_GROUNDS,
  type TCaseDetail,
  type TCircumstance,
  type TFineRange,
  type TFineTier,
  type TPenaltyTarget,
  type TViolation,
} from '@yingji/domain/case/case.schema';
import { ACCIDENT_FINE_CODE, accidentFineRange } from '@yingji/domain/case/case-fine-tiers.rules';
import { Alert, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { dayjs } from '../../app/locale';
import { toFen, useViolations, yuan } from './case-data';
import { CIRCUMSTANCE_OPTIONS, day, Opinion, TARGET_OPTIONS, type TFormSpec, type TValues } from './case-action-fields';
import { AccidentFields, OrderFields } from './case-propose-sections';

type TAccidentValue = { grade?: TAccidentGrade; aggravated?: boolean } | undefined;

/** The statutory range of a line: art. 114 by the grade, else the catalogue's tier. */
function rangeOf(
  v: TViolation | undefined,
  target: TPenaltyTarget | undefined,
  tier: TFineTier,
  accident: TAccidentValue,
): TFineRange | null {
  if (!v || !target) return null;
  if (v.code === ACCIDENT_FINE_CODE)
    return target === 'unit' && accident?.grade ? accidentFineRange(accident.grade, !!accident.aggravated) : null;
  const ranges = tier === 2 ? v.tier2 : v;
  if (!ranges) return null;
  return target === 'unit' ? ranges.unitRange : ranges.personRange;
}

/** One proposed penalty: target, tier, circumstance, fine; the range and band shown, a reason or ground asked when needed. */
function ProposalRow({ form, index, violation }: { form: FormInstance; index: number; violation: TViolation | undefined }) {
  const target = Form.useWatch(['violations', index, 'target'], form) as TPenaltyTarget | undefined;
  const circumstance = Form.useWatch(['violations', index, 'circumstance'], form) as TCircumstance | undefined;
  const tier = (Form.useWatch(['violations', index, 'tier'], form) as TFineTier | undefined) ?? 1;
  const fine = Form.useWatch(['violations', index, 'fineYuan'], form) as number | undefined;
  const accident = Form.useWatch('accident', form) as TAccidentValue;
  const range = rangeOf(violation, target, tier, accident);
  const band = violation?.bands.find((b) => b.tier === tier && b.target === target && b.circumstance === circumstance);
  const fen = fine === undefined || fine === null ? undefined : toFen(fine);
  const reduced = !!range && fen !== undefined && fen < range.minFen;
  const outside = !reduced && !!band && fen !== undefined && (fen < band.minFen || fen > band.maxFen);
  const tiered = !!violation?.tier2 && violation.code !== ACCIDENT_FINE_CODE;
  return (
    <div className={outside || reduced ? 'band-hint band-hint-out' : 'band-hint'} data-testid={`proposal-${index}`}>
      <Form.Item name={[index, 'code']} hidden>
        <Input />
      </Form.Item>
      <div>
        <b>{violation?.title ?? form.getFieldValue(['violations', index, 'code'])}</b>
      </div>
      {violation && (
        <div className="cell-sub">
          违法依据：{violation.violatedProvision}；处罚依据：{violation.penaltyProvision}
        </div>
      )}
      <Row gutter={8} style={{ marginTop: 8 }}>
        <Col span={12}>
          <Form.Item name={[index, 'target']} label="处罚对象" rules={[{ required: true, message: '请选择' }]}>
            <Select options={TARGET_OPTIONS} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={[index, 'circumstance']} label="违法情节" rules={[{ required: true, message: '请选择' }]}>
            <Select options={CIRCUMSTANCE_OPTIONS} />
          </Form.Item>
        </Col>
        {tiered && (
          <Col span={24}>
            <Form.Item name={[index, 'tier']} label="罚款档次">
              <Radio.Group options={([1, 2] as const).map((t) => ({ value: t, label: FINE_TIER_LABELS[t] }))} />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item name={[index, 'fineYuan']} label="拟罚款（元）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <div data-testid={`band-${index}`}>
        {range
          ? `${tiered ? FINE_TIER_LABELS[tier] : ''}法定幅度 ${yuan(range.minFen)} 至 ${yuan(range.maxFen)}`
          : violation?.code === ACCIDENT_FINE_CODE && target === 'unit'
            ? '请先选择事故等级'
            : target
              ? `${tiered ? FINE_TIER_LABELS[tier] : ''}对${PENALTY_TARGET_LABELS[target]}没有罚款规定`
              : ''}
        {band && `；裁量基准（${CIRCUMSTANCE_LABELS[band.circumstance]}）${yuan(band.minFen)} 至 ${yuan(band.maxFen)}`}
        {band?.description && `：${band.description}`}
      </div>
      {reduced && (
        <Form.Item
          name={[index, 'reductionGround']}
          label="减轻处罚情形（行政处罚法第三十二条，法制审核时可见）"
          rules={[{ required: true, message: '罚款低于法定最低额，属减轻处罚，须选择第三十二条规定的情形' }]}
          style={{ marginTop: 8 }}
        >
          <Select options={REDUCTION_GROUNDS.map((g) => ({ value: g, label: REDUCTION_GROUND_LABELS[g] }))} />
        </Form.Item>
      )}
      {outside && (
        <Form.Item
          name={[index, 'outsideBandReason']}
          label="超出裁量基准的理由（法制审核时可见）"
          rules={[{ required: true, whitespace: true, message: '罚款超出裁量基准，须书面说明理由' }]}
          style={{ marginTop: 8 }}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      )}
    </div>
  );
}

function ProposeFields({ form, d }: { form: FormInstance; d: TCaseDetail }) {
  const catalogue = useViolations();
  const byCode = new Map((catalogue.data ?? []).map((v) => [v.code, v]));
  const codes = ((form.getFieldValue('violations') as { code: string }[] | undefined) ?? []).map((v) => v.code);
  return (
    <>
      <Opinion name="findings" label="调查认定的事实（调查终结报告）" required />
      {codes.includes(ACCIDENT_FINE_CODE) && <AccidentFields d={d} />}
      <Form.List name="violations">
        {(fields) =>
          fields.map((f) => (
            <ProposalRow
              key={f.key}
              form={form}
              index={f.name}
              violation={byCode.get(form.getFieldValue(['violations', f.name, 'code']) as string)}
            />
          ))
        }
      </Form.List>
      <OrderFields form={form} d={d} />
      <Form.Item name="confiscationYuan" label="没收违法所得（元）">
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="otherPenalties" label="其他处罚">
        <Select
          mode="multiple"
          allowClear
          placeholder="无"
          options={OTHER_PENALTIES.map((p) => ({ value: p, label: OTHER_PENALTY_LABELS[p] }))}
        />
      </Form.Item>
      <Form.Item name="complex" valuePropName="checked" style={{ marginBottom: 4 }}>
        <Checkbox>案情复杂或者重大违法行为（须集体讨论，行政处罚法第五十七条）</Checkbox>
      </Form.Item>
      <Form.Item name="majorPublicInterest" valuePropName="checked">
        <Checkbox>涉及重大公共利益（须法制审核，行政处罚法第五十八条）</Checkbox>
      </Form.Item>
      {d.case.legalReviewOpinion && !d.case.legalReviewPassedAt && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`法制审核退回意见：${d.case.legalReviewOpinion}`} />
      )}
    </>
  );
}

const dateOf = (s: string | null | undefined) => (s ? dayjs(s) : undefined);

/** The proposal starts from the case's violations, its recorded order (else the source hazard's) and grade. */
export function proposeInitial(d: TCaseDetail): TValues {
  const codes = [...new Set(d.violations.map((v) => v.code))];
  const order = d.case.order ?? d.case.sourceOrder;
  const grade = d.case.sourceAccidentGrade ?? d.case.accidentGrade;
  return {
    findings: d.case.findings ?? '',
    violations: codes.map((code) => {
      const had = d.violations.find((v) => v.code === code && v.target);
      return {
        code,
        target: had?.target ?? (d.case.enterpriseId ? 'unit' : 'person'),
        tier: had?.tier ?? 1,
        circumstance: had?.circumstance ?? 'general',
        fineYuan: had?.proposedFineFen != null ? had.proposedFineFen / 100 : undefined,
        outsideBandReason: had?.outsideBandReason ?? undefined,
        reductionGround: had?.reductionGround ?? undefined,
      };
    }),
    order: order
      ? {
          orderNo: order.orderNo,
          orderedOn: dateOf(order.orderedOn),
          deadline: dateOf(order.deadline),
          recheckedOn: dateOf(order.recheckedOn),
          recheckUnmet: order.recheckUnmet,
          recheckNote: order.recheckNote ?? undefined,
        }
      : { recheckUnmet: false },
    accident: grade ? { grade, aggravated: d.case.accidentAggravated } : { aggravated: false },
    confiscationYuan: d.case.confiscationFen / 100,
    otherPenalties: d.case.otherPenalties,
    complex: d.case.complex,
    majorPublicInterest: d.case.majorPublicInterest,
  };
}

type TOrderValue = {
  orderNo?: string;
  orderedOn?: unknown;
  deadline?: unknown;
  recheckedOn?: unknown;
  recheckUnmet?: boolean;
  recheckNote?: string;
};
type TLineValue = {
  code: string;
  target: string;
  tier?: TFineTier;
  circumstance: string;
  fineYuan: number;
  outsideBandReason?: string;
  reductionGround?: string;
};

export const PROPOSE_FORM: TFormSpec = {
  fields: (form, d) => <ProposeFields form={form} d={d} />,
  toBody: (v) => {
    const o = v.order as TOrderValue | undefined;
    const a = v.accident as TAccidentValue;
    const lines = v.violations as TLineValue[];
    return {
      findings: v.findings,
      violations: lines.map((x) => ({
        code: x.code,
        target: x.target,
        tier: x.tier ?? 1,
        circumstance: x.circumstance,
        fineFen: toFen(x.fineYuan),
        outsideBandReason: x.outsideBandReason || null,
        reductionGround: x.reductionGround || null,
      })),
      // the order is sent when it is filled in (a second-tier fine needs it; the server says so otherwise)
      order:
        o?.orderNo?.trim() && o.orderedOn && o.deadline
          ? {
              orderNo: o.orderNo,
              orderedOn: day(o.orderedOn),
              deadline: day(o.deadline),
              recheckedOn: o.recheckedOn ? day(o.recheckedOn) : null,
              recheckUnmet: !!o.recheckUnmet,
              recheckNote: o.recheckNote || null,
            }
          : null,
      accident: a?.grade && lines.some((x) => x.code === ACCIDENT_FINE_CODE) ? { grade: a.grade, aggravated: !!a.aggravated } : null,
      confiscationFen: toFen(v.confiscationYuan as number),
      otherPenalties: v.otherPenalties ?? [],
      complex: !!v.complex,
      majorPublicInterest: !!v.majorPublicInterest,
    };
  },
  submit: '提出处罚意见',
};
