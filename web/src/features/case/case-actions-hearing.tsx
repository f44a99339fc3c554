/** Case actions of the notice (告知), the party's statement or waiver, and the hearing (听证). */
import { Alert, DatePicker, Form, Input, Select } from 'antd';
import { OfficerPicker } from '../../kit';
import { day, DateField, METHOD_OPTIONS, Opinion, type TFormSpec, type TKind } from './case-action-fields';

function ChairField({ exclude }: { exclude: number[] }) {
  return (
    <Form.Item name="chairId" label="听证主持人（非本案调查人员）" rules={[{ required: true, message: '请选择听证主持人' }]}>
      <OfficerPicker exclude={exclude} label={(o) => o.displayName} />
    </Form.Item>
  );
}

export const HEARING_FORMS: Partial<Record<TKind, TFormSpec>> = {
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
              ? '本案可要求听证：将出具《听证告知书》，当事人可在告知后五个工作日内申请听证（行政处罚法第六十三条、第六十四条、第八十五条）'
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
};
