/** The dialogs of a plan: register or edit a plan, upload a revised version (linked to the drill that asked for it). */
import { UploadOutlined } from '@ant-design/icons';
import {
  ACCIDENT_TYPES,
  EMERGENCY_PLAN_KINDS,
  EMERGENCY_PLAN_KIND_LABELS,
  EMERGENCY_PLAN_LEVELS,
  EMERGENCY_PLAN_LEVEL_LABELS,
  EMERGENCY_PLAN_STATUSES,
  EMERGENCY_PLAN_STATUS_LABELS,
  EMERGENCY_TYPES,
  emergencyPlanEndpoints,
  type TEmergencyPlanDetail,
} from '@yingji/domain';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { uploadImage } from '../../api/attachment.api';
import { ApiError, call } from '../../api/client';
import { useMe } from '../../app/auth';
import { dayjs } from '../../app/locale';
import { FirmPicker, TownSelect, enumOptions } from '../../kit';
import { FormModal, useDrillSave } from './drill-data';
import { PlanResourcePicker } from './plan-resources';

type TPlanForm = {
  name: string;
  level: TEmergencyPlanDetail['level'];
  kind: TEmergencyPlanDetail['kind'];
  ownerUnit: string;
  divisionCode?: string;
  enterpriseId?: number;
  issuedOn: dayjs.Dayjs;
  status: TEmergencyPlanDetail['status'];
  reviewCycleMonths: number;
  flags?: ('workSafety' | 'highRisk')[];
  accidentTypes?: string[];
  disasterTypes?: string[];
  warehouseIds?: number[];
  shelterIds?: number[];
  resources?: string[];
};

/** A file chosen in the form, uploaded through the attachments module when the form is saved. */
function FilePick({ file, onChange }: { file: File | null; onChange: (f: File | null) => void }) {
  return (
    <Space wrap>
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

/** The file through the attachments module, or null when none was chosen. */
const uploaded = async (file: File | null) => (file ? { sha256: (await uploadImage(file, file.name)).sha256, fileName: file.name } : null);

const typeSelect = (name: 'accidentTypes' | 'disasterTypes', label: string, types: readonly { code: string; label: string }[]) => (
  <Form.Item name={name} label={label}>
    <Select
      mode="multiple"
      style={{ width: 280, maxWidth: '100%' }}
      options={types.map((t) => ({ value: t.code, label: t.label }))}
      aria-label={label}
    />
  </Form.Item>
);

/** 登记应急预案, or 修改 when `plan` is given (level, kind, owner firm and issue date stay as registered). */
export function PlanFormModal({ plan, onClose }: { plan?: TEmergencyPlanDetail; onClose: () => void }) {
  const [form] = Form.useForm<TPlanForm>();
  const me = useMe().data;
  const isFirm = me?.user.role === 'enterprise_user';
  const level = Form.useWatch('level', form);
  const [file, setFile] = useState<File | null>(null);
  const navigate = useNavigate();
  const save = useDrillSave(
    async (v: TPlanForm) => {
      const facts = {
        name: v.name,
        ownerUnit: v.ownerUnit,
        workSafety: v.flags?.includes('workSafety') ?? false,
        highRisk: v.flags?.includes('highRisk') ?? false,
        accidentTypes: (v.accidentTypes ?? []) as never,
        disasterTypes: (v.disasterTypes ?? []) as never,
        resources: v.resources ?? [],
        // enterprise users link no warehouse or shelter (they do not read them): their plans name resources in words
        ...(isFirm ? {} : { warehouseIds: v.warehouseIds ?? [], shelterIds: v.shelterIds ?? [] }),
      };
      if (plan)
        return call(emergencyPlanEndpoints.update, {
          params: { id: plan.id },
          body: { ...facts, status: v.status, reviewCycleMonths: v.reviewCycleMonths, version: plan.version },
        });
      return call(emergencyPlanEndpoints.create, {
        body: {
          ...facts,
          level: isFirm ? 'enterprise' : v.level,
          kind: v.kind,
          divisionCode: v.divisionCode,
          enterpriseId: v.enterpriseId ?? null,
          issuedOn: v.issuedOn.format('YYYY-MM-DD'),
          reviewCycleMonths: v.reviewCycleMonths,
          document: await uploaded(file),
        },
      });
    },
    {
      form,
      success: plan ? '预案已修改' : '预案已登记',
      done: (saved) => {
        onClose();
        if (!plan) navigate(`/drill/plans/${saved.id}`);
      },
    },
  );
  const initialValues: Partial<TPlanForm> = plan
    ? {
        ...plan,
        issuedOn: dayjs(plan.issuedOn),
        flags: [...(plan.workSafety ? (['workSafety'] as const) : []), ...(plan.highRisk ? (['highRisk'] as const) : [])],
        enterpriseId: plan.enterpriseId ?? undefined,
        warehouseIds: plan.linkedResources.filter((r) => r.kind === 'warehouse').map((r) => r.id),
        shelterIds: plan.linkedResources.filter((r) => r.kind === 'shelter').map((r) => r.id),
      }
    : { level: isFirm ? 'enterprise' : 'city', kind: 'special', status: 'in_force', reviewCycleMonths: 36 };
  return (
    <FormModal
      title={plan ? '修改应急预案' : '登记应急预案'}
      okText={plan ? '保存' : '登记'}
      form={form}
      pending={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
      initialValues={initialValues}
      width={640}
    >
      <Form.Item name="name" label="预案名称" rules={[{ required: true, message: '请填写预案名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Space wrap>
        {isFirm ? null : (
          <Form.Item name="level" label="层级" rules={[{ required: true }]}>
            <Select
              style={{ width: 120 }}
              disabled={!!plan}
              options={enumOptions(EMERGENCY_PLAN_LEVELS, EMERGENCY_PLAN_LEVEL_LABELS)}
              aria-label="层级"
            />
          </Form.Item>
        )}
        <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
          <Select
            style={{ width: 160 }}
            disabled={!!plan}
            options={enumOptions(EMERGENCY_PLAN_KINDS, EMERGENCY_PLAN_KIND_LABELS)}
            aria-label="类别"
          />
        </Form.Item>
        <Form.Item name="issuedOn" label="发布日期" rules={[{ required: true, message: '请选择发布日期' }]}>
          <DatePicker aria-label="发布日期" disabled={!!plan} />
        </Form.Item>
      </Space>
      <Form.Item name="ownerUnit" label="编制单位" rules={[{ required: true, message: '请填写编制单位' }]}>
        <Input maxLength={100} />
      </Form.Item>
      {!plan && !isFirm && level === 'enterprise' ? (
        <Form.Item name="enterpriseId" label="所属企业" rules={[{ required: true, message: '请选择企业' }]}>
          <FirmPicker />
        </Form.Item>
      ) : null}
      {!plan && !isFirm && level === 'town' ? (
        <Form.Item name="divisionCode" label="镇街" rules={[{ required: true, message: '请选择镇街' }]}>
          <TownSelect />
        </Form.Item>
      ) : null}
      <Space wrap>
        <Form.Item name="reviewCycleMonths" label="评估周期（月）" rules={[{ required: true, message: '请填写评估周期' }]}>
          <InputNumber min={6} max={60} precision={0} aria-label="评估周期（月）" />
        </Form.Item>
        {plan ? (
          <Form.Item name="status" label="状态">
            <Select style={{ width: 120 }} options={enumOptions(EMERGENCY_PLAN_STATUSES, EMERGENCY_PLAN_STATUS_LABELS)} aria-label="状态" />
          </Form.Item>
        ) : null}
      </Space>
      <Form.Item name="flags" label="演练义务相关">
        <Checkbox.Group
          options={[
            { value: 'workSafety', label: '生产安全事故应急预案' },
            { value: 'highRisk', label: '高危行业或人员密集场所单位' },
          ]}
        />
      </Form.Item>
      <Space wrap style={{ width: '100%' }}>
        {typeSelect('accidentTypes', '涉及事故类别', ACCIDENT_TYPES)}
        {typeSelect('disasterTypes', '涉及灾害类别', EMERGENCY_TYPES)}
      </Space>
      {isFirm ? null : (
        <>
          <Form.Item name="warehouseIds" label="依托的物资仓库">
            <PlanResourcePicker kind="warehouse" linked={plan?.linkedResources ?? []} />
          </Form.Item>
          <Form.Item name="shelterIds" label="依托的避难场所">
            <PlanResourcePicker kind="shelter" linked={plan?.linkedResources ?? []} />
          </Form.Item>
        </>
      )}
      <Form.Item name="resources" label={isFirm ? '依托资源' : '其他依托资源'} extra="未在系统登记的队伍、物资或场所，输入名称后回车">
        <Select mode="tags" open={false} tokenSeparators={['，', ',', '、']} aria-label="依托资源" />
      </Form.Item>
      {plan ? null : (
        <Form.Item label="预案文本">
          <FilePick file={file} onChange={setFile} />
        </Form.Item>
      )}
    </FormModal>
  );
}

type TRevisionForm = { revisedOn: dayjs.Dayjs; note: string; drillId?: number };

/** 上传修订版本: the new document, its day and note, and the drill whose review led to it. */
export function RevisionModal({ plan, onClose }: { plan: TEmergencyPlanDetail; onClose: () => void }) {
  const [form] = Form.useForm<TRevisionForm>();
  const [file, setFile] = useState<File | null>(null);
  const save = useDrillSave(
    async (v: TRevisionForm) => {
      const doc = await uploaded(file);
      if (!doc) throw new ApiError(400, 'invalid', '请选择修订后的预案文件', 'file');
      return call(emergencyPlanEndpoints.revise, {
        params: { id: plan.id },
        body: { ...doc, revisedOn: v.revisedOn.format('YYYY-MM-DD'), note: v.note, drillId: v.drillId ?? null },
      });
    },
    { form, success: `已上传第 ${plan.versions.length + 1} 版`, done: onClose },
  );
  return (
    <FormModal
      title="上传修订版本"
      okText="保存"
      form={form}
      pending={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
      initialValues={{ revisedOn: dayjs() }}
    >
      <Form.Item label="修订后的预案文件" required>
        <FilePick file={file} onChange={setFile} />
      </Form.Item>
      <Form.Item name="revisedOn" label="修订日期" rules={[{ required: true, message: '请选择修订日期' }]}>
        <DatePicker aria-label="修订日期" />
      </Form.Item>
      <Form.Item name="note" label="修订说明" rules={[{ required: true, message: '请填写修订说明' }]}>
        <Input.TextArea rows={3} maxLength={500} aria-label="修订说明" />
      </Form.Item>
      <Form.Item name="drillId" label="引发修订的演练（可选）">
        <Select
          allowClear
          aria-label="引发修订的演练"
          options={plan.drills.filter((d) => d.status === 'done').map((d) => ({ value: d.id, label: `${d.heldOn} ${d.title}` }))}
        />
      </Form.Item>
    </FormModal>
  );
}
