/** 登记实施情况: a drill of the annual plan was held; its day, actual times per phase, units, observers and photos. */
import { drillEndpoints, type DRILL_FORMS, type DRILL_NOTICES, type TDrillDetail } from '@yingji/domain';
import { DatePicker, Form } from 'antd';
import { call } from '../../api/client';
import { dayjs } from '../../app/locale';
import { FormModal, useDrillSave } from './drill-data';
import { FormNoticeFields, HeldFields, heldBody, heldValues, markHeldError, type THeldForm } from './drill-fields';

type TRecordForm = THeldForm & {
  heldOn: dayjs.Dayjs;
  form: (typeof DRILL_FORMS)[number];
  notice: (typeof DRILL_NOTICES)[number];
};

export function DrillRecordModal({ drill, onClose }: { drill: TDrillDetail; onClose: () => void }) {
  const [form] = Form.useForm<TRecordForm>();
  const save = useDrillSave(
    (v: TRecordForm) => {
      const day = v.heldOn.format('YYYY-MM-DD');
      return call(drillEndpoints.record, {
        params: { id: drill.id },
        body: { heldOn: day, form: v.form, notice: v.notice, ...heldBody(day, v) },
      }).catch((e: unknown) => {
        markHeldError(form, e, 'heldOn');
        throw e;
      });
    },
    { form, success: '已登记实施情况，预案的下次应演练日期已更新', done: onClose },
  );
  return (
    <FormModal
      title={`登记实施情况：${drill.title}`}
      okText="保存"
      form={form}
      pending={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
      initialValues={{ ...heldValues(drill), heldOn: dayjs(drill.plannedOn), form: drill.form, notice: drill.notice }}
      width={980}
    >
      <FormNoticeFields>
        <Form.Item name="heldOn" label="实施日期" rules={[{ required: true, message: '请选择实施日期' }]}>
          <DatePicker aria-label="实施日期" />
        </Form.Item>
      </FormNoticeFields>
      <HeldFields />
    </FormModal>
  );
}
