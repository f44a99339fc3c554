import { useMutation } from '@tanstack/react-query';
import {
  SUPERVISION_ACTION_KINDS,
  SUPERVISION_ACTION_LABELS,
  type TSupervision,
  type TSupervisionActionKind,
} from '@yingji/domain/hazard/supervision.schema';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Segmented, Tooltip } from 'antd';
import { useState } from 'react';
import { bureauNow, dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { PhotoUpload } from '../attachment/photo-upload';
import { hazardViewsApi, useSupervisionSaved } from './hazard-views-data';

interface TValues {
  on: dayjs.Dayjs;
  note: string;
  passed?: boolean;
  documents?: string[];
}

/** Short enough for four segments side by side in the form's column. */
const SHORT: Record<TSupervisionActionKind, string> = {
  interview: '约谈',
  reminder_letter: '提醒函',
  resumption_request: '复产申请',
  resumption_review: '现场审查',
};

const NOTE_HINTS: Record<TSupervisionActionKind, { label: string; placeholder: string }> = {
  interview: { label: '约谈情况', placeholder: '约谈对象、参加人员、约谈内容和整改要求' },
  reminder_letter: { label: '提醒函内容', placeholder: '提醒函文号、送达对象和主要内容' },
  resumption_request: { label: '复产申请情况', placeholder: '申请单位、申请复产的范围和已完成的整改' },
  resumption_review: { label: '现场审查情况', placeholder: '审查人员、审查内容和结论' },
};

/** Records one 约谈, 提醒函, 复产申请 or 复产现场审查 against a listing. */
export function SupervisionActionForm({ supervision }: { supervision: TSupervision }) {
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const saved = useSupervisionSaved();
  const [kind, setKind] = useState<TSupervisionActionKind>('interview');
  const [form] = Form.useForm<TValues>();
  // An on-site review answers a request to resume production: the latest request not yet followed by a review.
  const byTime = [...(supervision.actions ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  const lastRequest = byTime.findLastIndex((a) => a.kind === 'resumption_request');
  const awaitingReview = lastRequest >= 0 && !byTime.slice(lastRequest + 1).some((a) => a.kind === 'resumption_review');
  const blocked = kind === 'resumption_review' && !awaitingReview;

  const record = useMutation({
    mutationFn: (v: TValues) =>
      hazardViewsApi.recordAction(supervision.id, {
        kind,
        on: v.on.format('YYYY-MM-DD'),
        note: v.note,
        passed: kind === 'resumption_review' ? (v.passed ?? null) : null,
        documents: v.documents ?? [],
      }),
    onSuccess: (s) => {
      void message.success(`已记录${SUPERVISION_ACTION_LABELS[kind]}`);
      form.resetFields();
      saved(s);
    },
    onError: (e) => showError(e, form),
  });

  return (
    <div className="hv-action-form">
      <Segmented<TSupervisionActionKind>
        block
        options={SUPERVISION_ACTION_KINDS.map((k) => ({ value: k, label: SHORT[k] }))}
        value={kind}
        onChange={setKind}
        aria-label="记录类型"
        style={{ marginBottom: 12 }}
      />
      <Form
        form={form}
        name="supervision-action"
        layout="vertical"
        initialValues={{ on: bureauNow(), documents: [] }}
        onFinish={(v) => record.mutate(v)}
      >
        <Form.Item
          name="on"
          label={kind === 'resumption_request' ? '收到申请日期' : kind === 'reminder_letter' ? '发函日期' : '日期'}
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DatePicker disabledDate={(d) => d.isAfter(bureauNow(), 'day')} />
        </Form.Item>
        {kind === 'resumption_review' && (
          <Form.Item name="passed" label="审查结论" rules={[{ required: true, message: '请选择审查结论' }]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: '通过，同意复产' },
                { value: false, label: '不通过' },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={NOTE_HINTS[kind].label}
          rules={[
            { required: true, message: '请填写情况说明' },
            { min: 2, message: '情况说明至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} placeholder={NOTE_HINTS[kind].placeholder} />
        </Form.Item>
        <Form.Item name="documents" label="附件（照片或扫描件，可选）">
          <PhotoUpload max={9} />
        </Form.Item>
        {blocked && (
          <div className="hv-note" style={{ marginBottom: 12 }}>
            尚无待审查的复产申请：请先记录复产申请。
          </div>
        )}
        {kind === 'resumption_request' && (
          <div className="hv-note" style={{ marginBottom: 12 }}>
            记录后按设置的期限（默认 10 日）提示现场审查到期日，逾期未审查将标红。
          </div>
        )}
        <Button type="primary" htmlType="submit" loading={record.isPending} disabled={blocked}>
          记录{SUPERVISION_ACTION_LABELS[kind]}
        </Button>
      </Form>
    </div>
  );
}

/** 摘牌: only once the listing's problem (e.g. the hazard still open) is gone; the reason shows on the disabled button. */
export function SupervisionLiftButton({ supervision }: { supervision: TSupervision }) {
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const saved = useSupervisionSaved();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const problem = supervision.liftProblem ?? null;
  const lift = useMutation({
    mutationFn: (v: { note: string }) => hazardViewsApi.lift(supervision.id, v),
    onSuccess: (s) => {
      void message.success('已摘牌');
      setOpen(false);
      saved(s);
    },
    onError: (e) => showError(e, form),
  });
  return (
    <>
      <Tooltip title={problem}>
        {/* a disabled button swallows the hover: the span carries the tooltip */}
        <span>
          <Button type="primary" disabled={problem !== null} onClick={() => setOpen(true)} data-testid="supervision-lift">
            摘牌
          </Button>
        </span>
      </Tooltip>
      <Modal
        title="摘牌"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="确认摘牌"
        confirmLoading={lift.isPending}
        destroyOnHidden
      >
        <Form form={form} name="supervision-lift" layout="vertical" onFinish={(v) => lift.mutate(v)} className="modal-form">
          <Form.Item
            name="note"
            label="摘牌说明"
            rules={[
              { required: true, message: '请填写摘牌说明' },
              { min: 2, message: '摘牌说明至少 2 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} placeholder="如：经现场核查，隐患已整改销号，同意摘牌" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
