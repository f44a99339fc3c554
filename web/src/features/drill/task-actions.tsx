/** A review task's buttons: the owner submits completion with evidence, someone else signs off or sends it back. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TASK_STATE_LABELS, drillTaskEndpoints, type TTask } from '@yingji/domain';
import { App, Button, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { useErrorHandler } from '../../app/use-error-handler';
import { PhotoUpload } from '../attachment/photo-upload';
import { DRILL_KEYS } from './drill-data';

export function TaskStateTag({ task }: { task: Pick<TTask, 'state' | 'overdue'> }) {
  const color = { open: 'gold', done: 'blue', signed_off: 'green' }[task.state];
  return (
    <Space size={2}>
      <Tag color={color}>{TASK_STATE_LABELS[task.state]}</Tag>
      {task.overdue ? <Tag color="red">已超期</Tag> : null}
    </Space>
  );
}

export function TaskActions({ task }: { task: TTask }) {
  const [completing, setCompleting] = useState(false);
  const [form] = Form.useForm<{ evidence: string; files?: string[] }>();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const done = () => void queryClient.invalidateQueries({ queryKey: DRILL_KEYS.all });
  const complete = useMutation({
    mutationFn: (v: { evidence: string; files?: string[] }) =>
      call(drillTaskEndpoints.complete, { params: { id: task.id }, body: { evidence: v.evidence, files: v.files ?? [] } }),
    onSuccess: () => {
      setCompleting(false);
      void message.success('已提交，等待验收');
      done();
    },
    onError: (e) => showError(e, form),
  });
  const signOff = useMutation({
    mutationFn: () => call(drillTaskEndpoints.signOff, { params: { id: task.id }, body: { note: '验收合格' } }),
    onSuccess: () => {
      void message.success('已验收销号');
      done();
    },
    onError: (e) => showError(e),
  });
  const reject = useMutation({
    mutationFn: () => call(drillTaskEndpoints.reject, { params: { id: task.id }, body: {} }),
    onSuccess: done,
    onError: (e) => showError(e),
  });
  return (
    <Space size={0} wrap>
      {task.can.complete ? (
        <Button type="link" size="small" onClick={() => setCompleting(true)} data-testid={`complete-${task.id}`}>
          提交完成
        </Button>
      ) : null}
      {task.can.signOff ? (
        <>
          <Button type="link" size="small" onClick={() => signOff.mutate()} loading={signOff.isPending} data-testid={`sign-off-${task.id}`}>
            验收销号
          </Button>
          <Button type="link" size="small" danger onClick={() => reject.mutate()} loading={reject.isPending}>
            退回
          </Button>
        </>
      ) : null}
      <Modal
        title="提交整改完成情况"
        open={completing}
        onCancel={() => setCompleting(false)}
        onOk={() => form.submit()}
        okText="提交"
        confirmLoading={complete.isPending}
        destroyOnHidden
      >
        <p>{task.finding}</p>
        <Form form={form} layout="vertical" onFinish={(v) => complete.mutate(v)}>
          <Form.Item name="evidence" label="整改完成情况" rules={[{ required: true, message: '请填写整改完成情况' }]}>
            <Input.TextArea rows={4} maxLength={1000} aria-label="整改完成情况" />
          </Form.Item>
          <Form.Item name="files" label="整改证明照片">
            <PhotoUpload max={20} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
