import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RECEIPT_SOURCE_LABELS, RECEIPT_SOURCES, type TReceiptSource } from '@yingji/domain/resources/resources.data';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Segmented, Select, Space, Spin, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { suppliesApi } from '../../api/supplies.api';
import { bureauNow, dayjs } from '../../app/locale';
import { requiredPick, useIsPhone } from '../../kit';
import { AcceptorPicker, SUPPLY_KEYS, toFen, useFieldErrors, useItems, useWarehouses, warehouseLabel } from './supplies-kit';
import './supplies.css';

interface TLineForm {
  itemId?: number;
  quantity?: number;
  spec?: string;
  producedOn?: dayjs.Dayjs | null;
  expiresOn?: dayjs.Dayjs | null;
  certificate3c?: string;
  supplier?: string;
  priceYuan?: number;
}
interface TReceiptForm {
  source: TReceiptSource;
  receivedOn: dayjs.Dayjs;
  acceptors: string[];
  note?: string;
  lines: TLineForm[];
}

const day = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/**
 * 入库: a purchase, donation or allocation of one or more lots, each with quantity, spec, production and expiry dates,
 * 3C certificate (the server refuses a 3C item without one, shown on that lot's field), supplier and price; the
 * acceptance signed by at least two people. Built for a phone in the warehouse.
 */
export function ReceiptPage() {
  const id = Number(useParams().id);
  const [form] = Form.useForm<TReceiptForm>();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useFieldErrors();
  const { message } = App.useApp();
  const warehouses = useWarehouses();
  const items = useItems();
  const lines = Form.useWatch('lines', form) ?? [];
  const save = useMutation({
    mutationFn: (v: TReceiptForm) =>
      suppliesApi.receipt({
        warehouseId: id,
        source: v.source,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        acceptors: v.acceptors ?? [],
        note: v.note ?? '',
        lines: v.lines.map((l) => ({
          itemId: l.itemId!,
          quantity: l.quantity!,
          spec: l.spec ?? '',
          producedOn: day(l.producedOn),
          expiresOn: day(l.expiresOn),
          certificate3c: text(l.certificate3c),
          supplier: text(l.supplier),
          unitPriceFen: toFen(l.priceYuan),
        })),
      }),
    onSuccess: (r) => {
      void message.success(`已入库 ${r.lotIds.length} 个批次`);
      void queryClient.invalidateQueries({ queryKey: SUPPLY_KEYS.all });
      navigate(`/resources/warehouses/${id}?tab=lots`);
    },
    onError: (e) => showError(e, form),
  });
  if (warehouses.isPending || items.isPending) return <Spin />;
  const w = warehouses.data?.items.find((x) => x.id === id);
  if (!w) return <Alert type="error" title="仓库不存在" />;
  const catalogue = new Map((items.data?.items ?? []).map((i) => [i.id, i]));
  return (
    <Card
      title={`入库：${warehouseLabel(w)}`}
      extra={<Link to={`/resources/warehouses/${id}`}>返回台账</Link>}
      styles={{ body: { maxWidth: 960 } }}
    >
      <Form<TReceiptForm>
        form={form}
        layout="vertical"
        initialValues={{ source: 'purchase', receivedOn: bureauNow(), acceptors: [], lines: [{}] }}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError={{ block: 'center' }}
      >
        <Form.Item name="source" label="来源" rules={[requiredPick('来源')]}>
          <Segmented block={isPhone} options={RECEIPT_SOURCES.map((s) => ({ value: s, label: RECEIPT_SOURCE_LABELS[s] }))} />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item name="receivedOn" label="入库日期" rules={[requiredPick('入库日期')]}>
            <DatePicker inputReadOnly={isPhone} disabledDate={(d) => d.isAfter(bureauNow(), 'day')} />
          </Form.Item>
        </Space>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => {
                const item = lines[i]?.itemId ? catalogue.get(lines[i]!.itemId!) : undefined;
                return (
                  <Card
                    key={f.key}
                    size="small"
                    className="supplies-line"
                    title={
                      <Space wrap size={4}>
                        <span>第 {i + 1} 批</span>
                        {item?.requires3c && <Tag color="red">须 3C 认证</Tag>}
                      </Space>
                    }
                    extra={
                      fields.length > 1 && (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => remove(f.name)}
                          aria-label={`删除第 ${i + 1} 批`}
                        >
                          {isPhone ? null : '删除'}
                        </Button>
                      )
                    }
                  >
                    <div className="supplies-grid">
                      <Form.Item name={[f.name, 'itemId']} label="物资" rules={[requiredPick('物资')]} className="supplies-wide">
                        <Select
                          aria-label={`物资 ${i + 1}`}
                          showSearch={{ optionFilterProp: 'label' }}
                          options={(items.data?.items ?? []).map((it) => ({
                            value: it.id,
                            label: `${it.name} ${it.spec}（${it.code}）`.replace('  ', ' '),
                          }))}
                          onChange={(itemId: number) => {
                            const it = catalogue.get(itemId);
                            if (!it) return;
                            if (!form.getFieldValue(['lines', f.name, 'spec'])) form.setFieldValue(['lines', f.name, 'spec'], it.spec);
                            if (form.getFieldValue(['lines', f.name, 'priceYuan']) === undefined)
                              form.setFieldValue(['lines', f.name, 'priceYuan'], it.unitPriceFen / 100);
                          }}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'quantity']} label="数量" rules={[requiredPick('数量')]}>
                        <InputNumber
                          min={1}
                          precision={0}
                          style={{ width: '100%' }}
                          suffix={item?.unit}
                          inputMode="numeric"
                          aria-label={`数量 ${i + 1}`}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'spec']} label="规格型号">
                        <Input maxLength={100} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'producedOn']} label="生产日期">
                        <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'expiresOn']} label="有效期至">
                        <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'certificate3c']}
                        label="3C 证书编号"
                        className="supplies-wide"
                        required={item?.requires3c}

                        extra={item?.requires3c ? '该物资属于 3C 目录，必须填写' : undefined}
                      >
                        <Input maxLength={40} placeholder={item?.requires3c ? '如 2020081801234567' : '不适用可不填'} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'supplier']} label="供应单位">
                        <Input maxLength={100} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'priceYuan']} label="单价（元）">
                        <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" />
                      </Form.Item>
                    </div>
                  </Card>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} block onClick={() => add({})} style={{ marginBottom: 16 }}>
                再加一批
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="acceptors" label="验收人（至少两人签字）" required extra="可选本市工作人员，也可直接输入其他验收人姓名">
          <AcceptorPicker />
        </Form.Item>
        <Form.Item name="note" label="备注（采购合同号、捐赠方、调拨文号等）">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} size="large" block={isPhone}>
          确认入库
        </Button>
      </Form>
    </Card>
  );
}
