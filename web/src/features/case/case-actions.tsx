import { useMutation, useQueryClient } from '@tanstack/react-query';
import { surchargeFen } from '@yingji/domain/case/case-clock.rules';
import {
  CASE_ACTION_LABELS,
  CIRCUMSTANCE_LABELS,
  CIRCUMSTANCES,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  OTHER_PENALTIES,
  OTHER_PENALTY_LABELS,
  PENALTY_TARGET_LABELS,
  PENALTY_TARGETS,
  SERVICE_METHOD_LABELS,
  SERVICE_METHODS,
  type TCaseActionKind,
  type TCaseDetail,
  type TCircumstance,
  type TPenaltyTarget,
  type TViolation,
} from '@yingji/domain/case/case.schema';
import { DEFAULT_CASE_PROCEDURE } from '@yingji/domain/case/case.settings';
import { Alert, App, Button, Card, Checkbox, Col, Collapse, DatePicker, Empty, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { caseApi, caseInquiryApi } from '../../api/case.api';
import { isApiError } from '../../api/client';
import { bureauNow, dayjs } from '../../app/locale';
import { PhotoUpload } from '../attachment/photo-upload';
import { CASE_KEYS, toFen, useCaseErrorHandler, useViolations, yuan } from './case-data';
import { idNumberRule, OfficerPicker } from '../../kit';

type TKind = TCaseActionKind | 'add_evidence' | 'add_inquiry';
type TValues = Record<string, unknown>;

const todayDay = () => dayjs(bureauNow().format('YYYY-MM-DD'));
const day = (v: unknown): string => (v as dayjs.Dayjs).format('YYYY-MM-DD');
const METHOD_OPTIONS = SERVICE_METHODS.map((m) => ({ value: m, label: SERVICE_METHOD_LABELS[m] }));
const TARGET_OPTIONS = PENALTY_TARGETS.map((t) => ({ value: t, label: PENALTY_TARGET_LABELS[t] }));
const CIRCUMSTANCE_OPTIONS = CIRCUMSTANCES.map((c) => ({ value: c, label: CIRCUMSTANCE_LABELS[c] }));
const noFuture = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD') > bureauNow().format('YYYY-MM-DD');

function DateField({ name, label }: { name: string; label: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
      <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
    </Form.Item>
  );
}
function Opinion({ name = 'opinion', label = '意见', required = false }: { name?: string; label?: string; required?: boolean }) {
  return (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
}

/** The band of a violation for a target and circumstance, and the statutory range. */
function bandOf(v: TViolation | undefined, target: TPenaltyTarget | undefined, circumstance: TCircumstance | undefined) {
  if (!v || !target) return { band: undefined, range: null };
  return {
    band: v.bands.find((b) => b.target === target && b.circumstance === circumstance),
    range: target === 'unit' ? v.unitRange : v.personRange,
  };
}

/** One proposed penalty: target, circumstance, fine; the band and the article shown, a reason asked when outside it. */
function ProposalRow({ form, index, violation }: { form: FormInstance; index: number; violation: TViolation | undefined }) {
  const target = Form.useWatch(['violations', index, 'target'], form) as TPenaltyTarget | undefined;
  const circumstance = Form.useWatch(['violations', index, 'circumstance'], form) as TCircumstance | undefined;
  const fine = Form.useWatch(['violations', index, 'fineYuan'], form) as number | undefined;
  const { band, range } = bandOf(violation, target, circumstance);
  const fen = fine === undefined || fine === null ? undefined : toFen(fine);
  const outside = !!band && fen !== undefined && (fen < band.minFen || fen > band.maxFen);
  return (
    <div className={outside ? 'band-hint band-hint-out' : 'band-hint'} data-testid={`proposal-${index}`}>
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
        <Col span={24}>
          <Form.Item name={[index, 'fineYuan']} label="拟罚款（元）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <div data-testid={`band-${index}`}>
        {range ? `法定幅度 ${yuan(range.minFen)} 至 ${yuan(range.maxFen)}` : target ? `对${PENALTY_TARGET_LABELS[target]}没有罚款规定` : ''}
        {band && `；裁量基准（${CIRCUMSTANCE_LABELS[band.circumstance]}）${yuan(band.minFen)} 至 ${yuan(band.maxFen)}`}
        {band?.description && `：${band.description}`}
      </div>
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

interface TFormSpec {
  initial?: TValues;
  fields: (form: FormInstance, d: TCaseDetail) => ReactNode;
  toBody: (v: TValues, d: TCaseDetail) => object;
  submit: string;
  danger?: boolean;
}

const FORMS: Record<TKind, TFormSpec> = {
  approve_filing: { fields: () => <Opinion label="审批意见" />, toBody: (v) => ({ opinion: v.opinion || null }), submit: '批准立案' },
  start_investigation: {
    fields: () => <Opinion name="note" label="备注" />,
    toBody: (v) => ({ note: v.note || null }),
    submit: '开始调查取证',
  },
  add_evidence: {
    initial: { kind: 'photo', photos: [] },
    fields: () => (
      <>
        <Form.Item name="kind" label="证据种类">
          <Radio.Group options={EVIDENCE_KINDS.map((k) => ({ value: k, label: EVIDENCE_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="title" label="证据名称" rules={[{ required: true, whitespace: true, message: '请填写证据名称' }]}>
          <Input maxLength={200} placeholder="如 现场照片（仓库门口）、询问笔录（第 1 次）" />
        </Form.Item>
        <Form.Item
          name="photos"
          label="证据文件（拍照或扫描件）"
          rules={[{ required: true, type: 'array', min: 1, message: '请上传证据文件' }]}
        >
          <PhotoUpload max={1} />
        </Form.Item>
        <DateField name="collectedOn" label="取证日期" />
      </>
    ),
    toBody: (v) => ({ kind: v.kind, title: v.title, sha256: (v.photos as string[])[0], collectedOn: day(v.collectedOn) }),
    submit: '添加证据',
  },
  add_inquiry: {
    initial: { questions: [{ question: '', answer: '' }] },
    fields: () => <InquiryFields />,
    toBody: (v) => {
      const who = v.interviewee as { name: string; idNumber?: string; position?: string; phone?: string };
      return {
        askedOn: day(v.askedOn),
        place: v.place,
        interviewee: { name: who.name, idNumber: who.idNumber || null, position: who.position || null, phone: who.phone || null },
        questions: v.questions,
      };
    },
    submit: '保存询问笔录',
  },
  propose: {
    fields: (form, d) => <ProposeFields form={form} d={d} />,
    toBody: (v) => ({
      findings: v.findings,
      violations: (
        v.violations as { code: string; target: string; circumstance: string; fineYuan: number; outsideBandReason?: string }[]
      ).map((x) => ({
        code: x.code,
        target: x.target,
        circumstance: x.circumstance,
        fineFen: toFen(x.fineYuan),
        outsideBandReason: x.outsideBandReason || null,
      })),
      confiscationFen: toFen(v.confiscationYuan as number),
      otherPenalties: v.otherPenalties ?? [],
      complex: !!v.complex,
      majorPublicInterest: !!v.majorPublicInterest,
    }),
    submit: '提出处罚意见',
  },
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
  notify: {
    initial: { method: 'direct' },
    fields: (_f, d) => (
      <>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            d.case.hearingEligible
              ? '本案可要求听证：将出具《听证告知书》，当事人可在告知后五日内申请听证（行政处罚法第六十三、六十四条）'
              : '将出具《行政处罚告知书》，当事人享有陈述、申辩权利（行政处罚法第四十四、四十五条）'
          }
        />
        <DateField name="notifiedOn" label="告知日期" />
        <Form.Item name="method" label="送达方式">
          <Select options={METHOD_OPTIONS} />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({ notifiedOn: day(v.notifiedOn), method: v.method }),
    submit: '告知当事人',
  },
  record_statement: {
    fields: () => (
      <>
        <DateField name="receivedOn" label="收到日期" />
        <Opinion name="statement" label="陈述申辩内容" required />
      </>
    ),
    toBody: (v) => ({ statement: v.statement, receivedOn: day(v.receivedOn) }),
    submit: '记录陈述申辩',
  },
  waive_rights: {
    fields: () => (
      <>
        <DateField name="waivedOn" label="放弃日期" />
        <Opinion name="note" label="说明" />
      </>
    ),
    toBody: (v) => ({ waivedOn: day(v.waivedOn), note: v.note || null }),
    submit: '记录放弃',
  },
  request_hearing: {
    fields: () => <DateField name="requestedOn" label="申请听证日期" />,
    toBody: (v) => ({ requestedOn: day(v.requestedOn) }),
    submit: '记录听证申请',
  },
  schedule_hearing: {
    fields: (_f, d) => (
      <>
        <Form.Item name="hearingOn" label="听证日期（至少提前七日通知）" rules={[{ required: true, message: '请选择听证日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <ChairField exclude={d.officers.map((o) => o.userId)} />
        <Form.Item name="place" label="听证地点" rules={[{ required: true, whitespace: true, message: '请填写听证地点' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({ hearingOn: day(v.hearingOn), chairId: v.chairId, place: v.place }),
    submit: '安排听证',
  },
  conclude_hearing: {
    fields: () => (
      <>
        <DateField name="heldOn" label="听证举行日期" />
        <Opinion name="summary" label="听证情况" required />
      </>
    ),
    toBody: (v) => ({ heldOn: day(v.heldOn), summary: v.summary }),
    submit: '听证结束',
  },
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
        <DateField name="decidedOn" label="决定日期" />
      </>
    ),
    toBody: (v) => ({ decidedOn: day(v.decidedOn), outcome: v.outcome }),
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

/** 询问笔录: who was asked, when and where, and each question with its answer. */
function InquiryFields() {
  return (
    <>
      <Row gutter={8}>
        <Col span={12}>
          <DateField name="askedOn" label="询问日期" />
        </Col>
        <Col span={12}>
          <Form.Item
            name={['interviewee', 'name']}
            label="被询问人"
            rules={[{ required: true, whitespace: true, message: '请填写被询问人姓名' }]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['interviewee', 'position']} label="职务">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['interviewee', 'phone']} label="联系电话">
            <Input maxLength={30} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['interviewee', 'idNumber']} label="身份证号码" rules={[idNumberRule]}>
        <Input maxLength={18} className="mono" />
      </Form.Item>
      <Form.Item name="place" label="询问地点" rules={[{ required: true, whitespace: true, message: '请填写询问地点' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, n) => (
              <div key={f.key} className="band-hint">
                <Form.Item
                  name={[f.name, 'question']}
                  label={`问 ${n + 1}`}
                  rules={[{ required: true, whitespace: true, message: '请填写问题' }]}
                >
                  <Input.TextArea rows={1} autoSize maxLength={1000} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'answer']}
                  label={`答 ${n + 1}`}
                  rules={[{ required: true, whitespace: true, message: '请填写回答' }]}
                  style={{ marginBottom: 4 }}
                >
                  <Input.TextArea rows={2} autoSize maxLength={5000} />
                </Form.Item>
                {fields.length > 1 && (
                  <Button type="link" danger size="small" onClick={() => remove(f.name)}>
                    删除此问答
                  </Button>
                )}
              </div>
            ))}
            <Button onClick={() => add({ question: '', answer: '' })} style={{ marginBottom: 16 }}>
              添加问答
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}

function ChairField({ exclude }: { exclude: number[] }) {
  return (
    <Form.Item name="chairId" label="听证主持人（非本案调查人员）" rules={[{ required: true, message: '请选择听证主持人' }]}>
      <OfficerPicker exclude={exclude} label={(o) => o.displayName} />
    </Form.Item>
  );
}

function ProposeFields({ form, d }: { form: FormInstance; d: TCaseDetail }) {
  const catalogue = useViolations();
  const byCode = new Map((catalogue.data ?? []).map((v) => [v.code, v]));
  return (
    <>
      <Opinion name="findings" label="调查认定的事实（调查终结报告）" required />
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

/** Today in every date field the form has; the rest from the spec; the proposal starts from the case's violations. */
function initialOf(kind: TKind, d: TCaseDetail): TValues {
  const dates = [
    'askedOn',
    'collectedOn',
    'heldOn',
    'notifiedOn',
    'receivedOn',
    'waivedOn',
    'requestedOn',
    'decidedOn',
    'servedOn',
    'paidOn',
    'closedOn',
  ];
  const out: TValues = Object.fromEntries(dates.map((k) => [k, todayDay()]));
  Object.assign(out, FORMS[kind].initial ?? {});
  if (kind === 'propose') {
    const codes = [...new Set(d.violations.map((v) => v.code))];
    out.findings = d.case.findings ?? '';
    out.violations = codes.map((code) => {
      const had = d.violations.find((v) => v.code === code && v.target);
      return {
        code,
        target: had?.target ?? (d.case.enterpriseId ? 'unit' : 'person'),
        circumstance: had?.circumstance ?? 'general',
        fineYuan: had?.proposedFineFen != null ? had.proposedFineFen / 100 : undefined,
        outsideBandReason: had?.outsideBandReason ?? undefined,
      };
    });
    out.confiscationYuan = d.case.confiscationFen / 100;
    out.otherPenalties = d.case.otherPenalties;
    out.complex = d.case.complex;
    out.majorPublicInterest = d.case.majorPublicInterest;
  }
  if (kind === 'record_payment') out.principalYuan = (d.case.fineDecidedFen - d.case.finePaidFen) / 100;
  if (kind === 'decide_on_spot') out.code = d.violations[0]?.code;
  return out;
}

function ActionForm({ kind, d }: { kind: TKind; d: TCaseDetail }) {
  const [form] = Form.useForm<TValues>();
  const spec = FORMS[kind];
  const client = useQueryClient();
  const { message } = App.useApp();
  const onError = useCaseErrorHandler();
  const [refusal, setRefusal] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (v: TValues) =>
      kind === 'add_evidence'
        ? caseApi.addEvidence(d.case.id, spec.toBody(v, d) as never)
        : kind === 'add_inquiry'
          ? caseInquiryApi.create(d.case.id, spec.toBody(v, d) as never)
          : caseApi.act(d.case.id, kind, spec.toBody(v, d)),
    onSuccess: (next) => {
      client.setQueryData(CASE_KEYS.detail(d.case.id), next);
      void client.invalidateQueries({ queryKey: ['case', 'list'] });
      setRefusal(null);
      form.resetFields();
      void message.success(`${CASE_ACTION_LABELS[kind]}：已完成`);
    },
    onError: (e) => {
      // a refusal names the rule and the article: it stays on the form until the next try
      if (isApiError(e) && !e.field && (e.code === 'rule_violation' || e.code === 'conflict' || e.code === 'invalid'))
        setRefusal(e.message);
      else onError(e, form);
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      name={`case-${kind}`}
      initialValues={initialOf(kind, d)}
      onFinish={(v) => run.mutate(v)}
      onValuesChange={() => setRefusal(null)}
    >
      {spec.fields(form, d)}
      {refusal && (
        <Alert
          type="error"
          showIcon
          className="case-refusal"
          style={{ marginBottom: 12 }}
          message="未通过程序校验，案件未作任何改动"
          description={refusal}
        />
      )}
      <Button type="primary" danger={spec.danger} htmlType="submit" loading={run.isPending}>
        {spec.submit}
      </Button>
    </Form>
  );
}

/** Order of the panels: the step forward first, the side actions (extension, withdrawal) last. */
const SIDE: TKind[] = ['extend', 'withdraw'];

/** The actions the detail says this user may take now, one form each; the server checks every rule again. */
export function CaseActions({ d }: { d: TCaseDetail }) {
  const kinds = (d.can as TKind[]).filter((k) => k in FORMS).sort((a, b) => Number(SIDE.includes(a)) - Number(SIDE.includes(b)));
  return (
    <Card variant="borderless" title="办理" className="case-actions">
      {kinds.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前阶段您没有可办理的事项" />
      ) : (
        <Collapse
          key={kinds.join()}
          accordion
          defaultActiveKey={kinds[0]}
          items={kinds.map((k) => ({ key: k, label: CASE_ACTION_LABELS[k], children: <ActionForm kind={k} d={d} /> }))}
        />
      )}
    </Card>
  );
}
