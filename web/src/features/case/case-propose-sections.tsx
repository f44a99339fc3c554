/** Sections of the proposal form: the 责令限期整改指令书 with its 复查, and art. 114's accident grade. */
import { ACCIDENT_GRADE_LABELS, ACCIDENT_GRADES } from '@yingji/domain/accident/accident.data';
import type { TCaseDetail, TFineTier } from '@yingji/domain/case/case.schema';
import { Checkbox, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { noFuture } from './case-action-fields';

/** The 责令限期整改指令书 and its 复查: required once a line is in the second tier. */
export function OrderFields({ form, d }: { form: FormInstance; d: TCaseDetail }) {
  const lines = (Form.useWatch('violations', form) as { tier?: TFineTier }[] | undefined) ?? [];
  const needed = lines.some((l) => l?.tier === 2);
  const req = (label: string) => (needed ? [{ required: true, message: `第二档罚款须登记${label}` }] : []);
  return (
    <div className="band-hint" data-testid="order-fields">
      <div>
        <b>责令限期整改指令及复查</b>
        {d.case.sourceOrder && !d.case.order && <span className="cell-sub">（已从来源隐患带入，可核对修改）</span>}
      </div>
      <div className="cell-sub">第二档罚款（逾期未改正、拒不执行、拒不改正）须登记指令书及整改期限届满后的复查结论。</div>
      <Row gutter={8} style={{ marginTop: 8 }}>
        <Col span={24}>
          <Form.Item name={['order', 'orderNo']} label="责令限期整改指令书文号" rules={req('指令书文号')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['order', 'orderedOn']} label="指令日期" rules={req('指令日期')}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['order', 'deadline']} label="整改期限" rules={req('整改期限')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['order', 'recheckedOn']} label="复查日期" rules={req('复查日期')}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['order', 'recheckUnmet']} valuePropName="checked" label="复查结论">
            <Checkbox>逾期未改正（拒不执行）</Checkbox>
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name={['order', 'recheckNote']} label="复查意见">
            <Input.TextArea rows={1} autoSize maxLength={1000} />
          </Form.Item>
        </Col>
      </Row>
    </div>
  );
}

/** 安全生产法 art. 114: the grade (the accident record's when the case came from one) and para. 2. */
export function AccidentFields({ d }: { d: TCaseDetail }) {
  const fixed = d.case.sourceAccidentGrade;
  return (
    <div className="band-hint" data-testid="accident-fields">
      <b>事故罚款（安全生产法第一百一十四条）</b>
      <Row gutter={8} style={{ marginTop: 8 }}>
        <Col span={12}>
          <Form.Item
            name={['accident', 'grade']}
            label={fixed ? '事故等级（以事故记录为准）' : '事故等级'}
            rules={[{ required: true, message: '请选择事故等级' }]}
          >
            <Select disabled={!!fixed} options={ACCIDENT_GRADES.map((g) => ({ value: g, label: `${ACCIDENT_GRADE_LABELS[g]}事故` }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['accident', 'aggravated']} valuePropName="checked" label="第二款">
            <Checkbox>情节特别严重、影响特别恶劣（二至五倍）</Checkbox>
          </Form.Item>
        </Col>
      </Row>
    </div>
  );
}
