/** Case actions from filing to the proposal: 立案审批, 调查取证 (evidence, inquiry records), 处罚意见 with its bands. */
import {
  CIRCUMSTANCE_LABELS,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  OTHER_PENALTIES,
  OTHER_PENALTY_LABELS,
  PENALTY_TARGET_LABELS,
  type TCaseDetail,
  type TCircumstance,
  type TPenaltyTarget,
  type TViolation,
} from '@yingji/domain/case/case.schema';
import { Alert, Button, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { PhotoUpload } from '../attachment/photo-upload';
import { toFen, useViolations, yuan } from './case-data';
import { idNumberRule } from '../../kit';
import { day, DateField, CIRCUMSTANCE_OPTIONS, TARGET_OPTIONS, Opinion, type TFormSpec, type TKind } from './case-action-fields';

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

export const INVESTIGATION_FORMS: Partial<Record<TKind, TFormSpec>> = {
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
};
