import { useMutation, useQuery } from '@tanstack/react-query';
import type { THazardItem } from '@yingji/domain/hazard/hazard.schema';
import {
  SUPERVISION_TARGET_LABELS,
  SUPERVISION_TARGETS,
  type TSupervision,
  type TSupervisionCreate,
  type TSupervisionTarget,
} from '@yingji/domain/hazard/supervision.schema';
import { App, Button, DatePicker, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useCurrentMe } from '../../app/auth';
import { bureauNow, dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { HAZARD_VIEW_KEYS, hazardViewsApi, useSupervisionSaved } from './hazard-views-data';
import { useTowns } from '../../kit';

interface TValues {
  target: TSupervisionTarget;
  hazardId?: number;
  townCode?: string;
  supervisingBody: string;
  leaderName: string;
  deadline: dayjs.Dayjs;
  reason: string;
}

const hazardLabel = (h: THazardItem) =>
  `#${h.id} ${h.enterpriseName}：${h.description.length > 30 ? `${h.description.slice(0, 30)}…` : h.description}`;

/** Open major hazards matching what is typed (a number also finds the hazard with that id). */
function useMajorHazardOptions(text: string, enabled: boolean) {
  const list = useQuery({ queryKey: HAZARD_VIEW_KEYS.majorOpen(text), queryFn: () => hazardViewsApi.majorOpen(text), enabled });
  const byId = useQuery({
    queryKey: ['hazards', 'by-id', text],
    queryFn: () => hazardViewsApi.hazard(Number(text)),
    enabled: enabled && /^\d{1,9}$/.test(text),
    retry: false,
  });
  const items = [
    ...(byId.data && byId.data.level === 'major' && byId.data.state !== 'closed' ? [byId.data] : []),
    ...(list.data?.items ?? []),
  ];
  const seen = new Set<number>();
  const options = items
    .filter((h) => !seen.has(h.id) && seen.add(h.id))
    .map((h) => ({
      value: h.id,
      label: hazardLabel(h),
      title: `${h.townName ?? ''} · 整改期限 ${h.deadline}${h.supervised ? ' · 已挂牌督办' : ''}`,
      disabled: h.supervised,
    }));
  return { options, loading: list.isFetching || byId.isFetching, error: list.error?.message ?? null };
}

/** 新建挂牌督办: a major hazard (searched among the open ones) or a town, the supervising body, its leader, deadline and reason. */
export function SupervisionFormDrawer({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (s: TSupervision) => void;
}) {
  const me = useCurrentMe();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const towns = useTowns();
  const saved = useSupervisionSaved();
  const [form] = Form.useForm<TValues>();
  const target = Form.useWatch('target', form) ?? 'hazard';
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  const hazards = useMajorHazardOptions(text, open && target === 'hazard');

  // Search once typing pauses, not on every key.
  useEffect(() => {
    const t = setTimeout(() => setText(typed.trim()), 300);
    return () => clearTimeout(t);
  }, [typed]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setTyped('');
    form.setFieldsValue({
      target: 'hazard',
      supervisingBody: `${me.user.divisionName ?? ''}安全生产委员会办公室`,
      deadline: bureauNow().add(3, 'month'),
    });
  }, [open, form, me.user.divisionName]);

  const save = useMutation({
    mutationFn: (v: TValues) => {
      const body: TSupervisionCreate = {
        target: v.target,
        hazardId: v.target === 'hazard' ? (v.hazardId ?? null) : null,
        townCode: v.target === 'town' ? (v.townCode ?? null) : null,
        supervisingBody: v.supervisingBody,
        leaderName: v.leaderName,
        deadline: v.deadline.format('YYYY-MM-DD'),
        reason: v.reason,
      };
      return hazardViewsApi.createSupervision(body);
    },
    onSuccess: (s) => {
      void message.success('已挂牌督办');
      saved(s);
      onSaved(s);
    },
    onError: (e) => showError(e, form),
  });

  return (
    <Drawer
      title="新建挂牌督办"
      open={open}
      onClose={onClose}
      size={560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            挂牌督办
          </Button>
        </Space>
      }
    >
      <Form form={form} name="supervision-create" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="target" label="督办对象" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={SUPERVISION_TARGETS.map((t) => ({ value: t, label: SUPERVISION_TARGET_LABELS[t] }))} />
        </Form.Item>
        {target === 'hazard' ? (
          <Form.Item
            name="hazardId"
            label="重大隐患"
            rules={[{ required: true, message: '请选择挂牌督办的重大隐患' }]}
            extra="仅列出未销号的重大隐患；可输入企业名称、隐患描述或隐患编号查找。已挂牌的不能重复选择。"
          >
            <Select
              showSearch={{ filterOption: false, onSearch: setTyped }}
              placeholder="输入企业名称或隐患编号"
              options={hazards.options}
              loading={hazards.loading}
              notFoundContent={hazards.loading ? '查找中…' : (hazards.error ?? '没有符合条件的未销号重大隐患')}
              optionRender={(o) => (
                <div className="cell-stack">
                  <span>{o.label}</span>
                  <span className="cell-sub">{(o.data as { title?: string }).title}</span>
                </div>
              )}
            />
          </Form.Item>
        ) : (
          <Form.Item name="townCode" label="镇街" rules={[{ required: true, message: '请选择挂牌督办的镇街' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} placeholder="选择镇街" options={towns.options} />
          </Form.Item>
        )}
        <Form.Item name="supervisingBody" label="督办单位" rules={[{ required: true, message: '请填写督办单位' }]}>
          <Input maxLength={100} placeholder="如：市安全生产委员会办公室" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="leaderName" label="责任领导" rules={[{ required: true, message: '请填写责任领导' }]}>
            <Input maxLength={50} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="deadline" label="督办期限" rules={[{ required: true, message: '请选择督办期限' }]}>
            <DatePicker disabledDate={(d) => d.isBefore(bureauNow(), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item
          name="reason"
          label="督办事由"
          rules={[
            { required: true, message: '请填写督办事由' },
            { min: 4, message: '督办事由至少 4 个字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="如：重大事故隐患整改进度滞后，经市安委会研究决定挂牌督办" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
