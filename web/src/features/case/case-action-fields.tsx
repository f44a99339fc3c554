/** What every case action form shares: the value types, date and opinion fields, the option lists and the form spec. */
import {
  CIRCUMSTANCE_LABELS,
  CIRCUMSTANCES,
  PENALTY_TARGET_LABELS,
  PENALTY_TARGETS,
  SERVICE_METHOD_LABELS,
  SERVICE_METHODS,
  type TCaseActionKind,
  type TCaseDetail,
} from '@yingji/domain/case/case.schema';
import { DatePicker, Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { type ReactNode } from 'react';
import { bureauNow, dayjs } from '../../app/locale';

export type TKind = TCaseActionKind | 'add_evidence' | 'add_inquiry';
export type TValues = Record<string, unknown>;

export const todayDay = () => dayjs(bureauNow().format('YYYY-MM-DD'));
export const day = (v: unknown): string => (v as dayjs.Dayjs).format('YYYY-MM-DD');
export const METHOD_OPTIONS = SERVICE_METHODS.map((m) => ({ value: m, label: SERVICE_METHOD_LABELS[m] }));
export const TARGET_OPTIONS = PENALTY_TARGETS.map((t) => ({ value: t, label: PENALTY_TARGET_LABELS[t] }));
export const CIRCUMSTANCE_OPTIONS = CIRCUMSTANCES.map((c) => ({ value: c, label: CIRCUMSTANCE_LABELS[c] }));
export const noFuture = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD') > bureauNow().format('YYYY-MM-DD');

export function DateField({ name, label }: { name: string; label: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
      <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
    </Form.Item>
  );
}
export function Opinion({ name = 'opinion', label = '意见', required = false }: { name?: string; label?: string; required?: boolean }) {
  return (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
}

export interface TFormSpec {
  initial?: TValues;
  fields: (form: FormInstance, d: TCaseDetail) => ReactNode;
  toBody: (v: TValues, d: TCaseDetail) => object;
  submit: string;
  danger?: boolean;
}
