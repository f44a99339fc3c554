import { useMutation, useQuery } from '@tanstack/react-query';
import type { TEnterprise } from '@yingji/domain/enterprise/enterprise.schema';
import type { TInspectionKind, TInspectorOption, TPendingTarget } from '@yingji/domain/inspection/inspection.schema';
import { Alert, Button, Card, DatePicker, Form, Input, Segmented, Select, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { inspectionApi } from '../../api/inspection.api';
import { bureauNow, dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { KIND_OPTIONS, useChecklists } from './inspection-data';
import './inspection-styles.css';
import { FirmPicker, OfficerPicker } from '../../kit';

interface TValues {
  kind: TInspectionKind;
  drawTargetId?: number;
  enterpriseId?: number;
  inspectedOn: dayjs.Dayjs;
  place: string;
  inspectorIds: number[];
  checklistId: number;
}

/** Starts a record: which firm (or which drawn target), when, where, who, with which checklist. */
/** How the inspection form lists an officer: `张三（证号）`, and when his certificate has run out. */
const officerLabel = (o: TInspectorOption, expired: boolean) =>
  `${o.displayName}（${o.certificateNo}${expired ? `，证件已于 ${o.certificateExpiresOn} 到期` : ''}）`;

export function InspectionNewPage() {
  const [form] = Form.useForm<TValues>();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const kind = Form.useWatch('kind', form) ?? 'ad_hoc';
  const on = Form.useWatch('inspectedOn', form);
  const checklists = useChecklists();
  const targets = useQuery({
    queryKey: ['inspection', 'pending-targets'],
    queryFn: inspectionApi.pendingTargets,
    enabled: kind === 'planned',
  });
  const today = bureauNow().format('YYYY-MM-DD');
  const day = on ? on.format('YYYY-MM-DD') : today;

  /** The checklist matching the firm's special tag or category, else the general one. */
  const suggest = (firm: { tags: string[]; supervisionCategory: string }) => {
    const lists = checklists.data ?? [];
    const hit =
      lists.find((c) => c.tag && firm.tags.includes(c.tag)) ??
      lists.find((c) => c.supervisionCategory === firm.supervisionCategory) ??
      lists.find((c) => !c.tag && !c.supervisionCategory);
    if (hit) form.setFieldValue('checklistId', hit.id);
  };

  const pickTarget = (id: number) => {
    const t = targets.data?.find((x) => x.id === id);
    if (!t) return;
    form.setFieldsValue({ inspectorIds: t.inspectorIds, place: t.address ?? form.getFieldValue('place') });
  };
  const pickFirm = (firm: TEnterprise | undefined) => {
    if (!firm) return;
    if (firm.address) form.setFieldValue('place', firm.address);
    suggest(firm);
  };

  const create = useMutation({
    mutationFn: (v: TValues) =>
      inspectionApi.create({
        kind: v.kind,
        ...(v.kind === 'planned' ? { drawTargetId: v.drawTargetId } : { enterpriseId: v.enterpriseId }),
        inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
        place: v.place,
        inspectorIds: v.inspectorIds,
        checklistId: v.checklistId,
      }),
    onSuccess: (d) => void navigate(`/inspections/${d.inspection.id}/record`, { replace: true }),
    onError: (e) => onError(e, form),
  });

  const targetLabel = (t: TPendingTarget) => `${t.enterpriseName}（${t.drawLabel}）`;

  return (
    <div className="page record-page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          新建检查记录
        </Typography.Title>
      </div>
      <Card variant="borderless">
        <Form<TValues>
          form={form}
          name="inspection-new"
          layout="vertical"
          className="big-form"
          initialValues={{ kind: 'ad_hoc', inspectedOn: dayjs(today), inspectorIds: [] }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="kind" label="检查方式">
            <Segmented block size="large" options={KIND_OPTIONS} />
          </Form.Item>
          {kind === 'unannounced' && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message="四不两直：不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场。本次检查将单独标记和统计。"
            />
          )}
          {kind === 'planned' ? (
            <Form.Item name="drawTargetId" label="抽中的检查对象" rules={[{ required: true, message: '请选择抽中的检查对象' }]}>
              <Select
                showSearch
                optionFilterProp="label"
                placeholder={targets.data?.length === 0 ? '本辖区没有待检查的抽查对象' : '选择抽中的企业'}
                loading={targets.isFetching}
                options={(targets.data ?? []).map((t) => ({ value: t.id, label: targetLabel(t) }))}
                onChange={pickTarget}
              />
            </Form.Item>
          ) : (
            <Form.Item name="enterpriseId" label="被检查企业" rules={[{ required: true, message: '请选择被检查企业' }]}>
              <FirmPicker onPicked={pickFirm} />
            </Form.Item>
          )}
          <Form.Item name="inspectedOn" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
          </Form.Item>
          <Form.Item name="place" label="检查地点" rules={[{ required: true, whitespace: true, min: 2, message: '请填写检查地点' }]}>
            <Input placeholder="如 企业生产车间" />
          </Form.Item>
          <Form.Item
            name="inspectorIds"
            label="执法人员（至少 2 名，须持有效执法证）"
            rules={[{ required: true, type: 'array', min: 2, message: '请选择至少 2 名执法人员' }]}
          >
            <OfficerPicker multiple on={day} label={officerLabel} placeholder="选择执法人员" />
          </Form.Item>
          <Form.Item name="checklistId" label="检查表" rules={[{ required: true, message: '请选择检查表' }]}>
            <Select
              loading={checklists.isFetching}
              options={(checklists.data ?? [])
                .filter((c) => c.active)
                .map((c) => ({ value: c.id, label: `${c.name}（${c.itemCount} 项）` }))}
              placeholder="选择检查表"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
            开始检查
          </Button>
        </Form>
      </Card>
    </div>
  );
}
