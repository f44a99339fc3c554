/**
 * The fields of a held drill, shared by 登记演练 and 登记实施情况: units, head counts, phases with planned and actual
 * times (one column on a phone), photos and video references, the summary; and the body they turn into.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DRILL_FORMS, DRILL_FORM_LABELS, DRILL_NOTICES, DRILL_NOTICE_LABELS, type TDrillDetail } from '@yingji/domain';
import { Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { formatTime } from '../../app/locale';
import { enumOptions, useIsPhone } from '../../kit';
import { PhotoUpload } from '../attachment/photo-upload';

export type TPhaseRow = { name: string; plannedStart?: string; plannedEnd?: string; actualStart?: string; actualEnd?: string };
export type THeldForm = {
  participants?: string[];
  observers?: string[];
  observerCount?: number;
  participantCount?: number;
  flags?: ('jointMilitary' | 'selfRun')[];
  costYuan?: number;
  phases?: TPhaseRow[];
  photos?: string[];
  videoRefs?: string[];
  summary?: string;
};

/** `HH:mm` on the drill's day, in the bureau's time. */
const at = (date: string, hhmm: string | undefined) => (hhmm ? `${date}T${hhmm}:00+08:00` : null);
/** An instant as `HH:mm` in the bureau's time, for a time input. */
const hhmmOf = (iso: string | null) => (iso ? formatTime(iso).slice(11, 16) : undefined);

/** The body fields a held drill sends, from the form on day `day`. */
export function heldBody(day: string, v: THeldForm) {
  return {
    participants: v.participants ?? [],
    observers: v.observers ?? [],
    observerCount: v.observerCount ?? 0,
    participantCount: v.participantCount ?? 0,
    selfRun: v.flags?.includes('selfRun') ?? false,
    costFen: Math.round((v.costYuan ?? 0) * 100),
    phases: (v.phases ?? []).map((p) => ({
      name: p.name,
      plannedStart: at(day, p.plannedStart),
      plannedEnd: at(day, p.plannedEnd),
      actualStart: at(day, p.actualStart),
      actualEnd: at(day, p.actualEnd),
    })),
    photos: v.photos ?? [],
    videoRefs: v.videoRefs ?? [],
    summary: v.summary ?? '',
  };
}

/** The form's values from a drill already registered (a planned drill being recorded as held). */
export function heldValues(d: TDrillDetail): THeldForm {
  return {
    participants: d.participants,
    observers: d.observers,
    observerCount: d.observerCount,
    participantCount: d.participantCount,
    flags: d.selfRun ? ['selfRun'] : [],
    costYuan: d.costFen / 100,
    phases: d.phases.map((p) => ({
      name: p.name,
      plannedStart: hhmmOf(p.plannedStart),
      plannedEnd: hhmmOf(p.plannedEnd),
      actualStart: hhmmOf(p.actualStart),
      actualEnd: hhmmOf(p.actualEnd),
    })),
    photos: d.photos,
    videoRefs: d.videoRefs,
    summary: d.summary,
  };
}

/** Puts the server's `phases.N` and date refusals on the fields they name. */
export function markHeldError(form: FormInstance, e: unknown, dateField: string) {
  const err = e as { field?: string; message: string };
  const m = err.field?.match(/^phases\.(\d+)/);
  if (m) form.setFields([{ name: ['phases', Number(m[1]), 'name'], errors: [err.message] }]);
  if (err.field === 'heldOn' || err.field === 'plannedOn') form.setFields([{ name: dateField, errors: [err.message] }]);
}

function PhaseRows() {
  const isPhone = useIsPhone();
  const time = (label: string) => <Input type="time" aria-label={label} style={{ width: 120 }} />;
  const span = (i: number, which: '计划' | '实际', start: keyof TPhaseRow, end: keyof TPhaseRow, name: number) => (
    <Space size={4}>
      <span>{which}</span>
      <Form.Item name={[name, start]} noStyle>
        {time(`环节 ${i + 1} ${which}开始`)}
      </Form.Item>
      <span>–</span>
      <Form.Item name={[name, end]} noStyle>
        {time(`环节 ${i + 1} ${which}结束`)}
      </Form.Item>
    </Space>
  );
  return (
    <Form.List name="phases">
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map((f, i) => (
            <Space key={f.key} wrap align="start" direction={isPhone ? 'vertical' : 'horizontal'} data-testid={`phase-${i}`}>
              <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写环节名称' }]} style={{ marginBottom: 8 }}>
                <Input placeholder={`环节 ${i + 1}`} aria-label={`环节 ${i + 1} 名称`} style={{ width: 160 }} />
              </Form.Item>
              {span(i, '计划', 'plannedStart', 'plannedEnd', f.name)}
              {span(i, '实际', 'actualStart', 'actualEnd', f.name)}
              <Button icon={<DeleteOutlined />} aria-label={`删除环节 ${i + 1}`} onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
            添加环节
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

/** Units, counts, cost, phases, photos, videos and summary of a held (or planned) drill. */
export function HeldFields({ joint = false }: { joint?: boolean }) {
  const units = (name: 'participants' | 'observers', label: string) => (
    <Form.Item name={name} label={label}>
      <Select mode="tags" open={false} placeholder="输入单位名称后回车" aria-label={label} />
    </Form.Item>
  );
  return (
    <>
      {units('participants', '参演单位')}
      {units('observers', '观摩单位')}
      <Space wrap>
        <Form.Item name="participantCount" label="参演人数">
          <InputNumber min={0} precision={0} aria-label="参演人数" />
        </Form.Item>
        <Form.Item name="observerCount" label="观摩人数">
          <InputNumber min={0} precision={0} aria-label="观摩人数" />
        </Form.Item>
        <Form.Item name="costYuan" label="费用（元）">
          <InputNumber min={0} precision={2} style={{ width: 140 }} aria-label="费用（元）" />
        </Form.Item>
        <Form.Item name="flags" label=" ">
          <Checkbox.Group
            options={[
              ...(joint ? [{ value: 'jointMilitary', label: '军地联训联演' }] : []),
              { value: 'selfRun', label: '自主组织（未委托第三方）' },
            ]}
          />
        </Form.Item>
      </Space>
      <Typography.Title level={5}>演练环节</Typography.Title>
      <PhaseRows />
      <Form.Item name="photos" label="现场照片与佐证材料" style={{ marginTop: 16 }}>
        <PhotoUpload max={50} />
      </Form.Item>
      <Form.Item name="videoRefs" label="视频资料（地址或存档编号）">
        <Select mode="tags" open={false} aria-label="视频资料" />
      </Form.Item>
      <Form.Item name="summary" label="演练小结">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </>
  );
}

/** The drill's day (given as `children`), 形式 (实战/桌面/综合) and 通知方式 (预先通知/单盲/双盲) on one wrapping row. */
export function FormNoticeFields({ children }: { children: ReactNode }) {
  return (
    <Space wrap align="start" size={[24, 0]}>
      {children}
      <Form.Item name="form" label="形式">
        <Radio.Group options={enumOptions(DRILL_FORMS, DRILL_FORM_LABELS)} />
      </Form.Item>
      <Form.Item name="notice" label="通知方式">
        <Radio.Group options={enumOptions(DRILL_NOTICES, DRILL_NOTICE_LABELS)} />
      </Form.Item>
    </Space>
  );
}
