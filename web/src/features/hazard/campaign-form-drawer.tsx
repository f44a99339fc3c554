import type { TCampaign } from '@yingji/domain/hazard/hazard.schema';
import { App, Button, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useCurrentMe } from '../../app/auth';
import { bureauNow, dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { useSaveCampaign } from './hazard-views-data';
import { useTowns } from '../../kit';

interface TValues {
  name: string;
  period: [dayjs.Dayjs, dayjs.Dayjs];
  note?: string;
  /** The city (the user's own division) or one of its towns. */
  divisionCode: string;
}

const FIELD_OF: Record<string, keyof TValues> = { startsOn: 'period', endsOn: 'period', divisionCode: 'divisionCode' };

/** Starts or edits a 专项行动: its name, start and end, a note. Its figures come from the records tagged with it. */
export function CampaignFormDrawer({ campaign, open, onClose }: { campaign: TCampaign | null; open: boolean; onClose: () => void }) {
  const me = useCurrentMe();
  const towns = useTowns();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const own = me.user.divisionCode;
  const isTownUser = own.length >= 9;
  const [form] = Form.useForm<TValues>();
  const save = useSaveCampaign(campaign?.id ?? null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      campaign
        ? {
            name: campaign.name,
            period: [dayjs(campaign.startsOn), dayjs(campaign.endsOn)],
            note: campaign.note ?? '',
            divisionCode: campaign.divisionCode,
          }
        : { name: '', period: [bureauNow().startOf('month'), bureauNow().endOf('year')], note: '', divisionCode: own },
    );
  }, [open, campaign, form, own]);

  const submit = (v: TValues) =>
    save.mutate(
      {
        name: v.name,
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1].format('YYYY-MM-DD'),
        note: v.note?.trim() ? v.note.trim() : null,
        divisionCode: v.divisionCode,
      },
      {
        onSuccess: () => {
          void message.success(campaign ? '专项行动已保存' : '专项行动已建立');
          onClose();
        },
        onError: (e) => {
          const field = (e as { field?: string }).field;
          if (field && FIELD_OF[field]) form.setFields([{ name: FIELD_OF[field], errors: [(e as Error).message] }]);
          else showError(e, form);
        },
      },
    );

  return (
    <Drawer
      title={campaign ? '修改专项行动' : '新建专项行动'}
      open={open}
      onClose={onClose}
      size={480}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} name="campaign" layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label="专项行动名称"
          rules={[
            { required: true, message: '请填写专项行动名称' },
            { min: 2, message: '名称至少 2 个字' },
          ]}
        >
          <Input maxLength={100} placeholder="如：安全生产隐患排查治理年、燃气安全专项整治、打非治违" />
        </Form.Item>
        <Form.Item
          name="period"
          label="起止日期"
          rules={[{ required: true, message: '请选择起止日期' }]}
          extra="期间内的检查计入本行动的检查家次"
        >
          <DatePicker.RangePicker />
        </Form.Item>
        {!isTownUser && (
          <Form.Item name="divisionCode" label="范围" extra="全市行动统计全市的检查和隐患；镇街行动只统计该镇街">
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={[{ value: own, label: `全市（${me.user.divisionName ?? own}）` }, ...towns.options]}
            />
          </Form.Item>
        )}
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder="行动的重点、牵头单位等" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
