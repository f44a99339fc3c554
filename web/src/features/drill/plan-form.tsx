/** The dialogs of a plan: register a plan, upload a revised version (linked to the drill that asked for it). */
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ACCIDENT_TYPES,
  EMERGENCY_PLAN_KINDS,
  EMERGENCY_PLAN_KIND_LABELS,
  EMERGENCY_PLAN_LEVELS,
  EMERGENCY_PLAN_LEVEL_LABELS,
  EMERGENCY_TYPES,
  emergencyPlanEndpoints,
  type TEmergencyPlanDetail,
} from '@yingji/domain';
import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { uploadImage } from '../../api/attachment.api';
import { call } from '../../api/client';
import { useMe } from '../../app/auth';
import type { dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { FirmPicker, TownSelect, enumOptions } from '../../kit';
import { DRILL_KEYS } from './drill-data';

type TPlanForm = {
  name: string;
  level: TEmergencyPlanDetail['level'];
  kind: TEmergencyPlanDetail['kind'];
  ownerUnit: string;
  divisionCode?: string;
  enterpriseId?: number;
  issuedOn: dayjs.Dayjs;
  flags?: ('workSafety' | 'highRisk')[];
  accidentTypes?: string[];
  disasterTypes?: string[];
};

/** A file chosen in the form, uploaded through the attachments module when the form is saved. */
function FilePick({ file, onChange }: { file: File | null; onChange: (f: File | null) => void }) {
  return (
    <Space>
      <Upload
        accept=".pdf,image/*"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          onChange(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>选择文件（PDF）</Button>
      </Upload>
      <span>{file?.name ?? '未选择'}</span>
    </Space>
  );
}

export function PlanFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<TPlanForm>();
  const me = useMe().data;
  const isFirm = me?.user.role === 'enterprise_user';
  const level = Form.useWatch('level', form);
  const [file, setFile] = useState<File | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: async (v: TPlanForm) => {
      const doc = file ? await uploadImage(file, file.name) : null;
      return call(emergencyPlanEndpoints.create, {
        body: {
          name: v.name,
          level: isFirm ? 'enterprise' : v.level,
          kind: v.kind,
          ownerUnit: v.ownerUnit,
          divisionCode: v.divisionCode,
          enterpriseId: v.enterpriseId ?? null,
          issuedOn: v.issuedOn.format('YYYY-MM-DD'),
          workSafety: v.flags?.includes('workSafety') ?? false,
          highRisk: v.flags?.includes('highRisk') ?? false,
          accidentTypes: (v.accidentTypes ?? []) as never,
          disasterTypes: (v.disasterTypes ?? []) as never,
          document: doc ? { sha256: doc.sha256, fileName: file!.name } : null,
        },
      });
    },
    onSuccess: (plan) => {
      void message.success('预案已登记');
      void queryClient.invalidateQueries({ queryKey: DRILL_KEYS.all });
      onClose();
      navigate(`/drill/plans/${plan.id}`);
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Modal
      title="登记应急预案"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ level: isFirm ? 'enterprise' : 'city', kind: 'special' }}
      >
        <Form.Item name="name" label="预案名称" rules={[{ required: true, message: '请填写预案名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          {isFirm ? null : (
            <Form.Item name="level" label="层级" rules={[{ required: true }]}>
              <Select style={{ width: 120 }} options={enumOptions(EMERGENCY_PLAN_LEVELS, EMERGENCY_PLAN_LEVEL_LABELS)} aria-label="层级" />
            </Form.Item>
          )}
          <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={enumOptions(EMERGENCY_PLAN_KINDS, EMERGENCY_PLAN_KIND_LABELS)} aria-label="类别" />
          </Form.Item>
          <Form.Item name="issuedOn" label="发布日期" rules={[{ required: true, message: '请选择发布日期' }]}>
            <DatePicker aria-label="发布日期" />
          </Form.Item>
        </Space>
        <Form.Item name="ownerUnit" label="编制单位" rules={[{ required: true, message: '请填写编制单位' }]}>
          <Input maxLength={100} />
        </Form.Item>
        {!isFirm && level === 'enterprise' ? (
          <Form.Item name="enterpriseId" label="所属企业" rules={[{ required: true, message: '请选择企业' }]}>
            <FirmPicker />
          </Form.Item>
        ) : null}
        {!isFirm && level === 'town' ? (
          <Form.Item name="divisionCode" label="镇街" rules={[{ required: true, message: '请选择镇街' }]}>
            <TownSelect />
          </Form.Item>
        ) : null}
        <Form.Item name="flags" label="演练义务相关">
          <Checkbox.Group
            options={[
              { value: 'workSafety', label: '生产安全事故应急预案' },
              { value: 'highRisk', label: '高危行业或人员密集场所单位' },
            ]}
          />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="accidentTypes" label="涉及事故类别">
            <Select
              mode="multiple"
              style={{ width: 280 }}
              options={ACCIDENT_TYPES.map((t) => ({ value: t.code, label: t.label }))}
              aria-label="涉及事故类别"
            />
          </Form.Item>
          <Form.Item name="disasterTypes" label="涉及灾害类别">
            <Select
              mode="multiple"
              style={{ width: 280 }}
              options={EMERGENCY_TYPES.map((t) => ({ value: t.code, label: t.label }))}
              aria-label="涉及灾害类别"
            />
          </Form.Item>
        </Space>
        <Form.Item label="预案文本">
          <FilePick file={file} onChange={setFile} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RevisionModal({ plan, open, onClose }: { plan: TEmergencyPlanDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ revisedOn: dayjs.Dayjs; note: string; drillId?: number }>();
  const [file, setFile] = useState<File | null>(null);
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const save = useMutation({
    mutationFn: async (v: { revisedOn: dayjs.Dayjs; note: string; drillId?: number }) => {
      if (!file) throw new Error('请选择修订后的预案文件');
      const doc = await uploadImage(file, file.name);
      return call(emergencyPlanEndpoints.revise, {
        params: { id: plan.id },
        body: {
          sha256: doc.sha256,
          fileName: file.name,
          revisedOn: v.revisedOn.format('YYYY-MM-DD'),
          note: v.note,
          drillId: v.drillId ?? null,
        },
      });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: DRILL_KEYS.all });
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Modal
      title="上传修订版本"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="修订后的预案文件" required>
          <FilePick file={file} onChange={setFile} />
        </Form.Item>
        <Form.Item name="revisedOn" label="修订日期" rules={[{ required: true, message: '请选择修订日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label="修订说明" rules={[{ required: true, message: '请填写修订说明' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item name="drillId" label="引发修订的演练（可选）">
          <Select
            allowClear
            options={plan.drills.filter((d) => d.status === 'done').map((d) => ({ value: d.id, label: `${d.heldOn} ${d.title}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
