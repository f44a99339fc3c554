import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { WAREHOUSE_KIND_LABELS, WAREHOUSE_KINDS } from '@yingji/domain/resources/resources.data';
import type { TWarehouse } from '@yingji/domain/resources/resources.schema';
import { App, Form, Input, InputNumber, Modal, Segmented, Select, Space } from 'antd';
import { shelterApi } from '../../api/resources.api';
import { suppliesApi, type TWarehouseBody } from '../../api/supplies.api';
import { useMe } from '../../app/auth';
import { MapPointPicker } from '../../app/map-point-picker';
import { TownSelect, phoneRule, required, requiredPick } from '../../kit';
import { SUPPLY_KEYS, useFieldErrors } from './supplies-kit';

/** 新增 / 编辑仓库: kind, town, address, keeper and phone, and its place (checked inside the city by the server). */
export function WarehouseModal({ warehouse, onClose }: { warehouse: TWarehouse | null; onClose: () => void }) {
  const [form] = Form.useForm<TWarehouseBody>();
  const me = useMe().data?.user;
  const queryClient = useQueryClient();
  const showError = useFieldErrors();
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form);
  const longitude = Form.useWatch('longitude', form);
  const latitude = Form.useWatch('latitude', form);
  const town = Form.useWatch('divisionCode', form);
  // a stock point may be at one of its town's shelters (储备于避难场所); the server checks the same town again
  const townShelters = useQuery({
    queryKey: ['resources', 'shelters', 'of-town', town],
    queryFn: () => shelterApi.list({ divisionCode: town!, page: 1, pageSize: 200 }),
    enabled: kind !== 'city' && typeof town === 'string' && town.length === 9,
  });
  const save = useMutation({
    mutationFn: (v: TWarehouseBody) => (warehouse ? suppliesApi.updateWarehouse(warehouse.id, v) : suppliesApi.createWarehouse(v)),
    onSuccess: (w) => {
      void message.success(warehouse ? `已保存 ${w.name}` : `已新增 ${w.name}`);
      void queryClient.invalidateQueries({ queryKey: SUPPLY_KEYS.all });
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  const city = me?.divisionCode.slice(0, 4) ?? '4420';
  const isTown = (me?.divisionCode.length ?? 0) === 9;
  const initial: Partial<TWarehouseBody> = warehouse ?? {
    kind: isTown ? 'town' : 'city',
    divisionCode: isTown ? me?.divisionCode : city,
  };
  return (
    <Modal
      open
      title={warehouse ? `编辑 ${warehouse.name}` : '新增仓库或前置点'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<TWarehouseBody>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) =>
          save.mutate({
            ...v,
            divisionCode: v.kind === 'city' ? city : v.divisionCode,
            shelterId: v.kind === 'city' ? null : (v.shelterId ?? null),
          })
        }
      >
        <Form.Item name="name" label="名称" rules={[required('名称')]}>
          <Input maxLength={60} placeholder="如：市三防物资仓库、坦洲镇前置点" />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[requiredPick('类型')]}>
          <Segmented
            block
            options={WAREHOUSE_KINDS.filter((k) => !isTown || k !== 'city').map((k) => ({ value: k, label: WAREHOUSE_KIND_LABELS[k] }))}
            onChange={(k) => {
              if (k === 'city') form.setFieldValue('divisionCode', city);
              else if (form.getFieldValue('divisionCode') === city)
                form.setFieldValue('divisionCode', isTown ? me?.divisionCode : undefined);
            }}
          />
        </Form.Item>
        {kind !== 'city' && (
          <Form.Item name="divisionCode" label="所在镇街" rules={[requiredPick('所在镇街')]}>
            <TownSelect disabled={isTown} onChange={() => form.setFieldValue('shelterId', null)} />
          </Form.Item>
        )}
        {kind !== 'city' && (
          <Form.Item name="shelterId" label="所在避难场所" extra="储备点设在避难场所时选择，场所详情页将显示这里的库存">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="不在避难场所"
              loading={townShelters.isFetching}
              options={(townShelters.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              notFoundContent={town ? '本镇街没有登记的避难场所' : '请先选择所在镇街'}
            />
          </Form.Item>
        )}
        {kind === 'city' && (
          <Form.Item name="divisionCode" hidden>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="address" label="地址" rules={[required('地址')]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="keeper" label="保管员" rules={[required('保管员')]} style={{ flex: 1 }}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item
            name="keeperPhone"
            label="联系电话"
            rules={[required('联系电话'), phoneRule('联系电话格式不正确')]}
            style={{ flex: 1 }}
          >
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="longitude" label="经度" rules={[requiredPick('经度')]} style={{ flex: 1 }} extra="如 113.38（东经）">
            <InputNumber precision={6} step={0.001} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
          <Form.Item name="latitude" label="纬度" rules={[requiredPick('纬度')]} style={{ flex: 1 }} extra="如 22.52（北纬）">
            <InputNumber precision={6} step={0.001} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
        </Space.Compact>
        <MapPointPicker
          longitude={longitude}
          latitude={latitude}
          onPick={(lng, lat) => {
            form.setFieldsValue({ longitude: lng, latitude: lat });
            void form.validateFields(['longitude', 'latitude']);
          }}
        />
      </Form>
    </Modal>
  );
}
