import { FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { HAZARD_ACTION_LABELS, type THazardAction, type THazardActionInput, type THazardDetail } from '@yingji/domain';
import { App, Button, Card, DatePicker, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { hazardApi } from '../../api/hazard.api';
import { bureauNow, dayjs } from '../../app/locale';
import { useCurrentMe } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { PhotoUpload } from '../attachment/photo-upload';
import { DocumentUpload } from './document-upload';
import { HAZARD_KEYS } from './hazard-data';
import { fromPlan, PlanFields, toPlan, type TPlanValues } from './hazard-plan-fields';

interface TValues {
  deadline?: dayjs.Dayjs;
  note?: string;
  photos?: string[];
  documents?: string[];
  plan?: TPlanValues;
}

const DANGER: THazardAction[] = ['recheck_fail', 'reject_extension'];
/** The firm's own steps: an officer may take them for a firm without an account, but they are not his main buttons. */
const FIRM_ACTIONS: THazardAction[] = ['start', 'plan', 'submit', 'request_extension'];
const PRIMARY: THazardAction[] = ['order', 'start', 'submit', 'recheck_pass'];
const SUBMIT_TEXT: Partial<Record<THazardAction, string>> = {
  order: '确认下达',
  start: '确认签收',
  plan: '保存整改方案',
  submit: '确认提交',
  recheck_pass: '确认销号',
  recheck_fail: '确认不通过',
  request_extension: '提交申请',
  approve_extension: '确认批准',
  reject_extension: '确认驳回',
};
const NOTE_LABELS: Partial<Record<THazardAction, { label: string; required: boolean; placeholder?: string }>> = {
  start: { label: '说明', required: false },
  submit: { label: '整改情况说明', required: true, placeholder: '整改了什么、怎么整改的' },
  recheck_pass: { label: '复查意见', required: true, placeholder: '如 经现场复查，隐患已整改到位' },
  recheck_fail: { label: '不通过的原因', required: true },
  request_extension: { label: '延期理由', required: true },
  approve_extension: { label: '审批意见', required: false },
  reject_extension: { label: '驳回理由', required: true },
};
const DEADLINE_LABELS: Partial<Record<THazardAction, string>> = {
  order: '整改期限',
  recheck_fail: '新的整改期限',
  request_extension: '申请延期至',
};

/** The actions the server offered (`detail.actions`), each opening its own small form; sends `version`, and a stale page refetches. */
export function HazardActionPanel({ detail }: { detail: THazardDetail }) {
  const [action, setAction] = useState<THazardAction | null>(null);
  const [ordered, setOrdered] = useState(false);
  const [planProblem, setPlanProblem] = useState<string | null>(null);
  const [form] = Form.useForm<TValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const today = bureauNow().format('YYYY-MM-DD');
  const key = HAZARD_KEYS.detail(detail.id);
  const forFirm = useCurrentMe().user.role !== 'enterprise_user';
  const label = (a: THazardAction) => (forFirm && FIRM_ACTIONS.includes(a) ? `代企业${HAZARD_ACTION_LABELS[a]}` : HAZARD_ACTION_LABELS[a]);
  const ownActions = detail.actions.filter((a) => !forFirm || !FIRM_ACTIONS.includes(a));
  const firmActions = detail.actions.filter((a) => forFirm && FIRM_ACTIONS.includes(a));

  const act = useMutation({
    mutationFn: (body: THazardActionInput) => hazardApi.act(detail.id, body),
    onSuccess: (data, body) => {
      client.setQueryData(key, data);
      void client.invalidateQueries({ queryKey: ['hazard', 'list'] });
      void client.invalidateQueries({ queryKey: ['hazard', 'of-inspection'] });
      void message.success(`${HAZARD_ACTION_LABELS[body.action]}：已完成`);
      if (body.action === 'order') setOrdered(true);
      setAction(null);
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'conflict') {
        void message.warning('该隐患已被他人更新，已刷新');
        setAction(null);
        void client.invalidateQueries({ queryKey: key });
        return;
      }
      if (isApiError(e) && e.field === 'plan') {
        setPlanProblem(e.message);
        return;
      }
      onError(e, form);
    },
  });

  const open = (a: THazardAction) => {
    setPlanProblem(null);
    form.resetFields();
    const deadline = a === 'order' && detail.deadline >= today ? dayjs(detail.deadline) : undefined;
    form.setFieldsValue({ deadline, photos: [], documents: [], note: '', plan: fromPlan(detail.plan) });
    setAction(a);
  };

  const send = (v: TValues) => {
    if (!action) return;
    setPlanProblem(null);
    const body: THazardActionInput = { action, version: detail.version };
    if (DEADLINE_LABELS[action] && v.deadline) body.deadline = v.deadline.format('YYYY-MM-DD');
    if (v.note?.trim()) body.note = v.note.trim();
    if (action === 'submit') {
      body.photos = v.photos ?? [];
      body.documents = v.documents ?? [];
    }
    if (action === 'plan' || (action === 'start' && detail.level === 'major')) body.plan = toPlan(v.plan);
    act.mutate(body);
  };

  const showOrderLink = detail.orderNo !== null && (ordered || detail.state === 'ordered');
  if (detail.actions.length === 0 && !showOrderLink) return null;
  const note = action ? NOTE_LABELS[action] : undefined;
  const pending = detail.extensions.find((e) => e.status === 'pending');
  const deadlineLabel = action ? DEADLINE_LABELS[action] : undefined;
  const minDeadline = action === 'request_extension' && detail.deadline >= today ? detail.deadline : null;

  return (
    <Card variant="borderless" title="办理" className="hazard-section hazard-actions">
      {showOrderLink && (
        <Button className="hazard-order-link" icon={<FileWordOutlined />} href={hazardApi.orderDocxUrl(detail.id)} block size="large">
          下载《责令限期整改指令书》{detail.orderNo ? `（${detail.orderNo}）` : ''}
        </Button>
      )}
      {!action && detail.state === 'submitted' && detail.actions.includes('recheck_fail') && !detail.actions.includes('recheck_pass') && (
        <div className="cell-sub hazard-action-hint">整改材料由您提交，复查销号须由其他人员进行。</div>
      )}
      {!action && ownActions.length > 0 && (
        <div className="hazard-action-buttons">
          {ownActions.map((a) => (
            <Button
              key={a}
              size="large"
              type={PRIMARY.includes(a) ? 'primary' : 'default'}
              danger={DANGER.includes(a)}
              onClick={() => open(a)}
            >
              {label(a)}
            </Button>
          ))}
        </div>
      )}
      {!action && firmActions.length > 0 && (
        <>
          <div className="cell-sub hazard-action-hint">以下由企业办理；企业没有账号时，可由您代为办理：</div>
          <div className="hazard-action-buttons">
            {firmActions.map((a) => (
              <Button key={a} onClick={() => open(a)}>
                {label(a)}
              </Button>
            ))}
          </div>
        </>
      )}
      {action && (
        <Form<TValues> form={form} name={`hazard-${action}`} layout="vertical" className="big-form" onFinish={send}>
          <div className="hazard-action-title">{label(action)}</div>
          {pending && (action === 'approve_extension' || action === 'reject_extension') && (
            <div className="hazard-pending-extension">
              {pending.requestedByName ?? '企业'}申请将整改期限由 {pending.previousDeadline} 延至{' '}
              <strong>{pending.requestedDeadline}</strong>；理由：{pending.reason}
            </div>
          )}
          {deadlineLabel && (
            <Form.Item
              name="deadline"
              label={deadlineLabel}
              rules={[{ required: true, message: `请选择${deadlineLabel}` }]}
              extra={action === 'request_extension' ? `当前期限 ${detail.deadline}` : undefined}
            >
              <DatePicker
                style={{ width: '100%' }}
                inputReadOnly
                disabledDate={(d) => {
                  const day = d.format('YYYY-MM-DD');
                  return day < today || (minDeadline !== null && day <= minDeadline);
                }}
              />
            </Form.Item>
          )}
          {(action === 'plan' || (action === 'start' && detail.level === 'major')) && (
            <PlanFields required={detail.level === 'major' && action === 'start'} problem={planProblem} />
          )}
          {action === 'submit' && (
            <>
              <Form.Item name="photos" label="整改后照片" extra="照片或 PDF 材料至少一项">
                <PhotoUpload max={9} />
              </Form.Item>
              <Form.Item name="documents" label="整改材料（PDF）">
                <DocumentUpload max={9} />
              </Form.Item>
            </>
          )}
          {note && (
            <Form.Item
              name="note"
              label={note.label}
              rules={[
                ...(note.required ? [{ required: true, whitespace: true, message: `请填写${note.label}` }] : []),
                { max: 2000, message: '最多 2000 个字' },
              ]}
            >
              <Input.TextArea rows={3} placeholder={note.placeholder} />
            </Form.Item>
          )}
          <Space className="hazard-form-buttons">
            <Button size="large" onClick={() => setAction(null)}>
              取消
            </Button>
            <Button size="large" type="primary" danger={DANGER.includes(action)} htmlType="submit" loading={act.isPending}>
              {SUBMIT_TEXT[action]}
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
