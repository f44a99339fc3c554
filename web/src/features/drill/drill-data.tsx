/** Shared bits of the drill pages: query keys, the duty tag, money and labels, the save hook and the form dialog. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TEmergencyPlanItem } from '@yingji/domain';
import { App, Form, Modal, Tag, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useErrorHandler } from '../../app/use-error-handler';
import { useIsPhone } from '../../kit';

export const DRILL_KEYS = {
  all: ['drill'] as const,
  plans: ['drill', 'plans'] as const,
  plan: (id: number) => ['drill', 'plan', id] as const,
  drills: ['drill', 'drills'] as const,
  drill: (id: number) => ['drill', 'drill', id] as const,
  tasks: ['drill', 'tasks'] as const,
  training: ['drill', 'training'] as const,
};

/** 逾期 N 天 / N 天内到期 / 下次 yyyy-mm-dd / 无演练要求. */
export function DutyTag({ duty }: { duty: TEmergencyPlanItem['duty'] }) {
  if (duty.nextDueOn === null) return <Tag>无演练周期要求</Tag>;
  if (duty.overdue) return <Tag color="red">逾期 {-(duty.daysLeft ?? 0)} 天</Tag>;
  if ((duty.daysLeft ?? 0) <= 30) return <Tag color="gold">{duty.daysLeft} 天内到期</Tag>;
  return <Tag color="green">按期</Tag>;
}

/** 分 as 元 with two decimals; 万元 from 10,000 元. */
export const formatYuan = (fen: number): string =>
  fen >= 1_000_000 ? `${(fen / 1_000_000).toFixed(2)} 万元` : `${(fen / 100).toFixed(2)} 元`;

export const intervalText = (months: number | null): string =>
  months === null ? '—' : months % 12 === 0 ? `每 ${months / 12} 年至少一次` : `每 ${months} 个月至少一次`;

/**
 * A mutation of the drill pages: on success every drill query is refreshed, a message shown and `done` called; a
 * refusal goes on the field it names.
 */
export function useDrillSave<TVars, TResult>(
  fn: (v: TVars) => Promise<TResult>,
  { form, success, done }: { form?: FormInstance; success?: string; done?: (r: TResult) => void },
) {
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      if (success) void message.success(success);
      void queryClient.invalidateQueries({ queryKey: DRILL_KEYS.all });
      done?.(r);
    },
    onError: (e) => showError(e, form),
  });
}

/** A dialog holding one vertical form: OK submits it, the pending save shows on the button. */
export function FormModal<T extends object>(props: {
  title: string;
  okText: string;
  form: FormInstance<T>;
  pending: boolean;
  onClose: () => void;
  onFinish: (v: T) => void;
  initialValues?: Partial<T>;
  width?: number;
  children: ReactNode;
}) {
  const isPhone = useIsPhone();
  return (
    <Modal
      title={props.title}
      open
      onCancel={props.onClose}
      onOk={() => props.form.submit()}
      okText={props.okText}
      confirmLoading={props.pending}
      width={isPhone ? '100%' : (props.width ?? 520)}
      style={isPhone ? { top: 0, maxWidth: '100vw', paddingBottom: 0 } : undefined}
      destroyOnHidden
    >
      <Form form={props.form} layout="vertical" onFinish={props.onFinish} initialValues={props.initialValues as never}>
        {props.children}
      </Form>
    </Modal>
  );
}
