import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  REQUIRED_SHELTER_FACILITIES,
  SHELTER_CLASSES,
  SHELTER_CLASS_LABELS,
  SHELTER_FACILITIES,
  SHELTER_FACILITY_LABELS,
  SHELTER_KINDS,
  SHELTER_KIND_LABELS,
  SHELTER_LEVELS,
  SHELTER_LEVEL_LABELS,
  SHELTER_STATUSES,
  SHELTER_STATUS_LABELS,
  type TShelterFacility,
} from '@yingji/domain/resources/resources.data';
import type { TShelter, TShelterInput } from '@yingji/domain/resources/shelter.schema';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';

import { isApiError } from '../../api/client';
import { shelterDetailApi } from '../../api/shelter.api';
import { dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { TownSelect, enumOptions, phoneRule, required, requiredPick } from '../../kit';
import { RESOURCE_KEYS } from './loans-page';

type TForm = Omit<TShelterInput, 'facilities'> & { facilities: Partial<Record<TShelterFacility, Dayjs | null>> };

/** The registry fields, each facility with the date it was last checked, and the supplies; saved in one request. */
export function ShelterForm({ shelter: s, onDone }: { shelter: TShelter; onDone: () => void }) {
  const [form] = Form.useForm<TForm>();
  const { message } = App.useApp();
  const showError = useErrorHandler();
  const queryClient = useQueryClient();
  const [present, setPresent] = useState<Set<TShelterFacility>>(new Set(Object.keys(s.facilities) as TShelterFacility[]));
  const override = Form.useWatch('capacityOverride', form);
  const save = useMutation({
    mutationFn: (v: TForm) =>
      shelterDetailApi.update(s.id, {
        ...v,
        capacityOverride: v.capacityOverride ?? null,
        overrideReason: v.capacityOverride === null || v.capacityOverride === undefined ? null : (v.overrideReason ?? null),
        facilities: Object.fromEntries([...present].map((f) => [f, (v.facilities[f] ?? dayjs()).format('YYYY-MM-DD')])) as Record<
          TShelterFacility,
          string
        >,
      }),
    onSuccess: () => {
      message.success('已保存');
      void queryClient.invalidateQueries({ queryKey: RESOURCE_KEYS.all });
      onDone();
    },
    onError: (e) => {
      if (isApiError(e) && e.field && e.field !== 'facilities') form.setFields([{ name: e.field as keyof TForm, errors: [e.message] }]);
      showError(e);
    },
  });
  const initial: TForm = {
    ...s,
    facilities: Object.fromEntries(Object.entries(s.facilities).map(([f, d]) => [f, d ? dayjs(d) : null])),
  };
  return (
    <Form<TForm> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="shelter-form">
      <Card size="small" title="登记信息">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="场所名称" rules={[required('场所名称')]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label="场所类型" rules={[requiredPick('场所类型')]}>
              <Select options={enumOptions(SHELTER_KINDS, SHELTER_KIND_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="indoor" label="室内/室外">
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: '室内' },
                  { value: false, label: '室外' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="status" label="启用状态">
              <Select options={enumOptions(SHELTER_STATUSES, SHELTER_STATUS_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="level" label="级别">
              <Select options={enumOptions(SHELTER_LEVELS, SHELTER_LEVEL_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="shelterClass" label="类别">
              <Select options={enumOptions(SHELTER_CLASSES, SHELTER_CLASS_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="divisionCode" label="所在镇街" rules={[requiredPick('所在镇街')]}>
              <TownSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="address" label="地址" rules={[required('地址')]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="longitude" label="经度" rules={[requiredPick('经度')]}>
              <InputNumber step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="latitude" label="纬度" rules={[requiredPick('纬度')]}>
              <InputNumber step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="areaM2" label="有效避难面积（平方米）" rules={[requiredPick('有效避难面积')]}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="centralCity" label="中心城区" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="capacityOverride" label="核定容纳人数" extra={`不填则按面积计算：${s.computedCapacity} 人（按保存前的面积）`}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} placeholder="按面积计算" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="overrideReason"
              label="核定说明"
              rules={override !== null && override !== undefined ? [required('核定说明（填了核定容纳人数时）')] : []}
            >
              <Input maxLength={200} disabled={override === null || override === undefined} placeholder="如：2025年3月重新核查" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="managingUnit" label="管理单位" rules={[required('管理单位')]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="contact" label="联系人" rules={[required('联系人')]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="contactPhone" label="联系电话" rules={[required('联系电话'), phoneRule()]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title="设施检查（勾选已配备的设施，并填写最近检查日期）" style={{ marginTop: 16 }}>
        {SHELTER_FACILITIES.map((f) => (
          <Row key={f} gutter={12} align="middle" style={{ marginBottom: 8 }}>
            <Col xs={12} md={8}>
              <Checkbox
                checked={present.has(f)}
                onChange={(e) =>
                  setPresent((p) => {
                    const next = new Set(p);
                    if (e.target.checked) next.add(f);
                    else next.delete(f);
                    return next;
                  })
                }
              >
                {SHELTER_FACILITY_LABELS[f]}
                {REQUIRED_SHELTER_FACILITIES.includes(f) ? '（必备）' : ''}
              </Checkbox>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name={['facilities', f]} noStyle>
                <DatePicker
                  aria-label={`${SHELTER_FACILITY_LABELS[f]}最近检查日期`}
                  disabled={!present.has(f)}
                  placeholder="最近检查日期"
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          </Row>
        ))}
      </Card>
      <Card size="small" title="储备物资" style={{ marginTop: 16 }}>
        <Form.Item name="supplies" noStyle>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：折叠床 200 张、棉被 400 床、饮用水 100 箱" />
        </Form.Item>
      </Card>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </Form>
  );
}
