import { useMutation, useQueryClient } from '@tanstack/react-query';
import { accidentGrade } from '@yingji/domain/accident/accident.rules';
import { ACCIDENT_GRADE_LABELS } from '@yingji/domain/accident/accident.data';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { accidentApi } from '../../api/accident.api';
import { useCurrentMe } from '../../app/auth';
import { bureauNow, dayjs, toBureauIso } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { ACCIDENT_KEYS, EMERGENCY_OPTIONS, INDUSTRY_OPTIONS, TYPE_OPTIONS } from './accident-data';
import './accident.css';
import { FirmPicker, useTowns } from '../../kit';

interface TValues {
  title: string;
  divisionCode: string;
  enterpriseId?: number | null;
  partyName?: string;
  industry?: string;
  accidentType?: string;
  emergencyType?: string;
  place: string;
  occurredAt: dayjs.Dayjs;
  knownAt: dayjs.Dayjs;
  unitPassedUpAt?: dayjs.Dayjs;
  receivedAt: dayjs.Dayjs;
  summary: string;
  measures?: string;
  deaths: number;
  missing: number;
  seriousInjuries: number;
  minorInjuries: number;
  lossYuan: number;
  affectedPeople?: number | null;
  evacuated?: number | null;
  housesDamaged?: number | null;
}

const count = (name: keyof TValues, label: string) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
    <InputNumber min={0} precision={0} style={{ width: '100%' }} inputMode="numeric" />
  </Form.Item>
);

/** 报告事故 / 突发事件: one column, usable on a 390 px phone; the grade is shown as the rule derives it, never typed. */
export function AccidentNewPage() {
  const me = useCurrentMe();
  const isTown = me.user.divisionCode.length >= 9;
  const towns = useTowns();
  const [kind, setKind] = useState<'accident' | 'emergency'>('accident');
  const [form] = Form.useForm<TValues>();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const town = Form.useWatch('divisionCode', form);
  const firm = Form.useWatch('enterpriseId', form);
  const [deaths, serious, loss] = [Form.useWatch('deaths', form), Form.useWatch('seriousInjuries', form), Form.useWatch('lossYuan', form)];
  const grade = accidentGrade({ deaths: deaths ?? 0, seriousInjuries: serious ?? 0, lossFen: Math.round((loss ?? 0) * 100) });

  const create = useMutation({
    mutationFn: (v: TValues) =>
      accidentApi.create({
        kind,
        title: v.title,
        divisionCode: v.divisionCode,
        enterpriseId: v.enterpriseId ?? null,
        partyName: v.partyName || null,
        industry: (v.industry as never) ?? null,
        accidentType: kind === 'accident' ? ((v.accidentType as never) ?? null) : null,
        emergencyType: kind === 'emergency' ? ((v.emergencyType as never) ?? null) : null,
        place: v.place,
        occurredAt: toBureauIso(v.occurredAt),
        knownAt: toBureauIso(v.knownAt),
        unitPassedUpAt: v.unitPassedUpAt ? toBureauIso(v.unitPassedUpAt) : null,
        receivedAt: toBureauIso(v.receivedAt),
        summary: v.summary,
        measures: v.measures ?? '',
        deaths: v.deaths,
        missing: v.missing,
        seriousInjuries: v.seriousInjuries,
        minorInjuries: v.minorInjuries,
        lossFen: Math.round(v.lossYuan * 100),
        affectedPeople: v.affectedPeople ?? null,
        evacuated: v.evacuated ?? null,
        housesDamaged: v.housesDamaged ?? null,
      }),
    onSuccess: async (a) => {
      await qc.invalidateQueries({ queryKey: ACCIDENT_KEYS.all });
      void navigate(`/accidents/${a.id}`);
    },
    onError: (e) => onError(e, form),
  });

  const now = bureauNow();
  return (
    <Card title={kind === 'accident' ? '报告生产安全事故' : '报告突发事件'} className="accident-form">
      <Segmented
        block
        value={kind}
        onChange={(v) => setKind(v as typeof kind)}
        options={[
          { value: 'accident', label: '生产安全事故' },
          { value: 'emergency', label: '突发事件（自然灾害等）' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Form<TValues>
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{
          divisionCode: isTown ? me.user.divisionCode : undefined,
          deaths: 0,
          missing: 0,
          seriousInjuries: 0,
          minorInjuries: 0,
          lossYuan: 0,
          receivedAt: now,
          knownAt: now,
          occurredAt: now,
        }}
      >
        <Form.Item name="title" label="标题" rules={[{ required: true, min: 2, message: '请填写标题（至少 2 个字）' }]}>
          <Input maxLength={100} placeholder="如：某某公司机械伤害事故" />
        </Form.Item>
        <Form.Item name="divisionCode" label="镇街" rules={[{ required: true, message: '请选择镇街' }]}>
          <Select options={towns.options} disabled={isTown} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        {kind === 'accident' ? (
          <>
            <Form.Item name="enterpriseId" label="事故单位（企业台账）" extra="不在台账内的单位，请在下面填写当事单位名称">
              <FirmPicker divisionCode={town} />
            </Form.Item>
            {!firm ? (
              <>
                <Form.Item name="partyName" label="当事单位名称">
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name="industry" label="行业">
                  <Select allowClear options={INDUSTRY_OPTIONS} />
                </Form.Item>
              </>
            ) : null}
            <Form.Item name="accidentType" label="事故类别（GB 6441）" rules={[{ required: true, message: '请选择事故类别' }]}>
              <Select options={TYPE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="emergencyType" label="突发事件类型" rules={[{ required: true, message: '请选择突发事件类型' }]}>
            <Select options={EMERGENCY_OPTIONS} />
          </Form.Item>
        )}
        <Form.Item name="place" label="地点" rules={[{ required: true, min: 2, message: '请填写地点' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="occurredAt" label="发生时间" rules={[{ required: true, message: '请填写发生时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="knownAt" label="单位知悉时间" rules={[{ required: true, message: '请填写单位知悉时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="unitPassedUpAt" label="单位上报时间" extra="不填则按本级接报时间">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="receivedAt"
          label={isTown ? '镇街接报时间' : '市局接报时间'}
          rules={[{ required: true, message: '请填写接报时间' }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="summary" label="简要经过" rules={[{ required: true, min: 2, message: '请填写简要经过' }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="measures" label="已采取的措施">
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <div className="accident-counts">
          {count('deaths', '死亡（人）')}
          {count('missing', '失踪（人）')}
          {count('seriousInjuries', '重伤（人，含急性工业中毒）')}
          {count('minorInjuries', '轻伤（人）')}
        </div>
        <Form.Item name="lossYuan" label="直接经济损失（元，估计）" rules={[{ required: true, message: '请填写直接经济损失' }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
        {kind === 'emergency' ? (
          <div className="accident-counts">
            <Form.Item name="affectedPeople" label="受灾人数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="evacuated" label="转移人数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="housesDamaged" label="房屋损毁（间）">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </div>
        ) : (
          <Alert
            type={grade === 'general' ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 16 }}
            message={`按条例第三条，此事故为${ACCIDENT_GRADE_LABELS[grade]}事故${grade === 'general' ? '，须报至市应急管理局' : grade === 'larger' ? '，须报至省应急管理厅' : '，须报至应急管理部'}`}
          />
        )}
        <Button type="primary" htmlType="submit" block loading={create.isPending}>
          提交报告
        </Button>
      </Form>
    </Card>
  );
}
