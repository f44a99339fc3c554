/** The execution forms: 暂缓或分期缴纳 (art. 66), 催告, 申请强制执行, 按日连续处罚 (安全生产法 art. 112). */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { PAYMENT_PLAN_KIND_LABELS, PAYMENT_PLAN_KINDS } from '@yingji/domain/case/case.schema';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { dayjs } from '../../app/locale';
import { DateField, day, Opinion, todayDay, type TFormSpec, type TValues } from './case-action-fields';
import { toFen } from './case-data';

type TRow = { dueOn: dayjs.Dayjs; amountYuan: number };
type TRecheck = { on: dayjs.Dayjs; corrected?: boolean };

export const EXECUTION_FORMS: Record<'arrange_payment' | 'demand_payment' | 'apply_enforcement' | 'record_daily_fine', TFormSpec> = {
  arrange_payment: {
    initial: { type: 'instalment', appliedOn: todayDay(), approvedOn: todayDay() },
    fields: (_form, d) => (
      <>
        <Form.Item name="type" label="缴纳方式（行政处罚法第六十六条）">
          <Radio.Group options={PAYMENT_PLAN_KINDS.map((k) => ({ value: k, label: PAYMENT_PLAN_KIND_LABELS[k] }))} />
        </Form.Item>
        <DateField name="appliedOn" label="当事人申请日期" />
        <DateField name="approvedOn" label="批准日期" />
        <Opinion name="reason" label="经济困难情况" required />
        <div className="cell-sub" style={{ marginBottom: 8 }}>
          各期合计应等于尚欠罚款 {((d.case.fineDecidedFen - d.case.finePaidFen) / 100).toLocaleString('zh-CN')} 元
        </div>
        <Form.List name="instalments" initialValue={[{}]}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'dueOn']} label={`第 ${i + 1} 期期限`} rules={[{ required: true, message: '请选择缴纳期限' }]}>
                    <DatePicker />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amountYuan']} label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
                    <InputNumber min={0.01} precision={2} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined aria-label="删除此期" onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} style={{ marginBottom: 12 }}>
                增加一期
              </Button>
            </>
          )}
        </Form.List>
      </>
    ),
    toBody: (v: TValues) => ({
      type: v.type,
      appliedOn: day(v.appliedOn),
      approvedOn: day(v.approvedOn),
      reason: v.reason,
      instalments: ((v.instalments as TRow[]) ?? []).map((r) => ({ dueOn: day(r.dueOn), amountFen: toFen(r.amountYuan) })),
    }),
    submit: '批准',
  },
  demand_payment: {
    fields: (_form, d) => (
      <>
        <DateField name="servedOn" label="催告书送达日期" />
        <Form.Item
          name="complyBy"
          label="履行期限（送达后至少十个工作日，行政强制法第五十四条、第六十九条）"
          rules={[{ required: true, message: '请选择履行期限' }]}
          initialValue={d.execution?.demandEarliestComplyBy ? dayjs(d.execution.demandEarliestComplyBy) : undefined}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({ servedOn: day(v.servedOn), complyBy: day(v.complyBy) }),
    submit: '登记催告',
  },
  apply_enforcement: {
    fields: () => (
      <>
        <DateField name="appliedOn" label="申请日期" />
        <Form.Item name="court" label="受理法院" rules={[{ required: true, whitespace: true, message: '请填写受理法院' }]}>
          <Input maxLength={100} />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({ appliedOn: day(v.appliedOn), court: v.court }),
    submit: '申请强制执行',
  },
  record_daily_fine: {
    fields: (_form, d) => (
      <>
        <Form.Item name="code" label="违法行为（按原罚款数额按日处罚）" rules={[{ required: true, message: '请选择违法行为' }]}>
          <Select
            options={d.violations
              .filter((v) => v.target === 'unit' && v.decidedFineFen)
              .map((v) => ({ value: v.code, label: `${v.title}（${((v.decidedFineFen ?? 0) / 100).toLocaleString('zh-CN')} 元）` }))}
          />
        </Form.Item>
        <Form.Item name="orderNo" label="责令改正文书文号" rules={[{ required: true, whitespace: true, message: '请填写文号' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <DateField name="orderedOn" label="责令改正日期" />
        <Form.List name="rechecks" initialValue={[{}]}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'on']} label="复查日期" rules={[{ required: true, message: '请选择复查日期' }]}>
                    <DatePicker />
                  </Form.Item>
                  <Form.Item name={[f.name, 'corrected']} valuePropName="checked">
                    <Checkbox>已改正</Checkbox>
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined aria-label="删除此次复查" onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} style={{ marginBottom: 12 }}>
                增加复查
              </Button>
            </>
          )}
        </Form.List>
      </>
    ),
    toBody: (v) => ({
      code: v.code,
      orderNo: v.orderNo,
      orderedOn: day(v.orderedOn),
      rechecks: ((v.rechecks as TRecheck[]) ?? []).map((r) => ({ on: day(r.on), corrected: !!r.corrected })),
    }),
    submit: '计算并记录',
    danger: true,
  },
};
