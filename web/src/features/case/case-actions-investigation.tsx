/** Case actions from filing to the proposal: 立案审批, 调查取证 (evidence, inquiry records), 处罚意见 (case-propose-form.tsx). */
import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS } from '@yingji/domain/case/case.schema';
import { Button, Col, Form, Input, Radio, Row } from 'antd';
import { PhotoUpload } from '../attachment/photo-upload';
import { idNumberRule } from '../../kit';
import { day, DateField, Opinion, type TFormSpec, type TKind } from './case-action-fields';
import { PROPOSE_FORM } from './case-propose-form';

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
  propose: PROPOSE_FORM,
};
