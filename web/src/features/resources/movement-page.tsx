import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TLot } from '@yingji/domain/resources/resources.schema';
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Segmented, Select, Space, Spin, Switch, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { suppliesApi } from '../../api/supplies.api';
import { required, requiredPick, useIsPhone } from '../../kit';
import { SUPPLY_KEYS, WarehouseSelect, useFieldErrors, useWarehouses, warehouseLabel } from './supplies-kit';
import './supplies.css';

const KINDS = ['issue', 'transfer', 'write_off'] as const;
type TKind = (typeof KINDS)[number];
const KIND_LABELS: Record<TKind, string> = { issue: '出库', transfer: '调拨', write_off: '报废核销' };

interface TOutForm {
  itemId?: number;
  lotId?: number;
  quantity?: number;
  recipient?: string;
  purpose?: string;
  toWarehouseId?: number;
  note?: string;
  reason?: string;
  picks?: Record<number, number | null>;
}

const lotLabel = (l: TLot) => `#${l.id} ${l.itemName} 结存 ${l.balance}${l.unit}${l.expiresOn ? ` · 有效期至 ${l.expiresOn}` : ''}`;

/**
 * 出库 / 调拨 / 报废 from one warehouse, one form with its kind: an issue takes the earliest expiry first (the server's
 * suggestion is shown before sending, and the keeper may choose the lots himself); a transfer moves a lot to another
 * warehouse or pre-positioned point; a write-off takes a lot's quantity out with its reason.
 */
export function MovementPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const kind: TKind = (KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as TKind) : 'issue';
  const presetLot = Number(params.get('lotId')) || undefined;
  const [form] = Form.useForm<TOutForm>();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useFieldErrors();
  const { message } = App.useApp();
  const [choose, setChoose] = useState(false);
  const warehouses = useWarehouses();
  const lots = useQuery({ queryKey: [...SUPPLY_KEYS.all, 'lots', id], queryFn: () => suppliesApi.lots(id) });
  const itemId = Form.useWatch('itemId', form);
  const quantity = Form.useWatch('quantity', form);
  const lotId = Form.useWatch('lotId', form);
  const picks = Form.useWatch('picks', form);
  const suggestion = useQuery({
    queryKey: [...SUPPLY_KEYS.all, 'suggest', id, itemId, quantity],
    queryFn: () => suppliesApi.suggest(id, itemId!, quantity!),
    enabled: kind === 'issue' && !!itemId && !!quantity && quantity > 0,
  });
  useEffect(() => {
    form.resetFields();
    if (presetLot) form.setFieldValue('lotId', presetLot);
    setChoose(false);
  }, [kind, presetLot, form]);

  const inStock = useMemo(() => {
    const byItem = new Map<number, { itemId: number; label: string; balance: number; unit: string }>();
    for (const l of lots.data?.items ?? []) {
      const e = byItem.get(l.itemId) ?? { itemId: l.itemId, label: `${l.itemName}`, balance: 0, unit: l.unit };
      e.balance += l.balance;
      byItem.set(l.itemId, e);
    }
    return [...byItem.values()];
  }, [lots.data]);
  const itemLots = (lots.data?.items ?? []).filter((l) => l.itemId === itemId);
  const lot = (lots.data?.items ?? []).find((l) => l.id === lotId);
  const lotById = new Map((lots.data?.items ?? []).map((l) => [l.id, l]));

  const done = (text: string) => {
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: SUPPLY_KEYS.all });
    navigate(`/resources/warehouses/${id}?tab=movements`);
  };
  const save = useMutation({
    mutationFn: (v: TOutForm) => {
      if (kind === 'issue') {
        const chosen = choose
          ? Object.entries(v.picks ?? {})
              .filter(([, q]) => (q ?? 0) > 0)
              .map(([lot, q]) => ({ lotId: Number(lot), quantity: q! }))
          : undefined;
        return suppliesApi.issue({
          warehouseId: id,
          itemId: v.itemId!,
          quantity: v.quantity!,
          ...(chosen ? { lots: chosen } : {}),
          recipient: v.recipient ?? '',
          purpose: v.purpose ?? '',
        });
      }
      if (kind === 'transfer')
        return suppliesApi.transfer({ lotId: v.lotId!, toWarehouseId: v.toWarehouseId!, quantity: v.quantity!, note: v.note ?? '' });
      return suppliesApi.writeOff({ lotId: v.lotId!, quantity: v.quantity!, reason: v.reason ?? '' });
    },
    onSuccess: () => done(`已${KIND_LABELS[kind]}`),
    onError: (e) => showError(e, form),
  });

  if (warehouses.isPending || lots.isPending) return <Spin />;
  const w = warehouses.data?.items.find((x) => x.id === id);
  if (!w) return <Alert type="error" title="仓库不存在" />;
  const pickedSum = Object.values(picks ?? {}).reduce<number>((s, q) => s + (q ?? 0), 0);
  const stockOf = inStock.find((s) => s.itemId === itemId);
  const field = isPhone ? { width: '100%' } : { flex: 1, minWidth: 200 };

  const issueFields = (
    <>
      <Form.Item name="itemId" label="物资" rules={[requiredPick('物资')]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择本仓库在库的物资"
          options={inStock.map((s) => ({ value: s.itemId, label: `${s.label}（结存 ${s.balance}${s.unit}）` }))}
          onChange={() => form.setFieldValue('picks', {})}
        />
      </Form.Item>
      <Form.Item
        name="quantity"
        label="出库数量"
        rules={[requiredPick('出库数量')]}
        extra={stockOf && `结存 ${stockOf.balance}${stockOf.unit}（过期批次不能出库）`}
      >
        <InputNumber min={1} precision={0} style={{ width: '100%' }} suffix={stockOf?.unit} inputMode="numeric" />
      </Form.Item>
      {itemId && quantity ? (
        <Card size="small" className="supplies-line" title="先到期先出：建议批次" loading={suggestion.isFetching}>
          {suggestion.data && suggestion.data.short > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              title={`可用结存不足，还差 ${suggestion.data.short}${stockOf?.unit ?? ''}`}
            />
          )}
          <List
            size="small"
            dataSource={suggestion.data?.picks ?? []}
            renderItem={(p, i) => (
              <List.Item>
                <Space wrap size={4}>
                  {i === 0 && <Tag color="green">最先到期</Tag>}
                  <span>
                    批次 #{p.lotId} · 有效期至 {p.expiresOn ?? '无'} · 取 {p.quantity}
                    {lotById.get(p.lotId)?.unit}
                  </span>
                </Space>
              </List.Item>
            )}
          />
          <Space style={{ marginTop: 8 }}>
            <Switch checked={choose} onChange={setChoose} aria-label="自选批次" />
            <span>不按建议，自选批次</span>
          </Space>
        </Card>
      ) : null}
      {choose && (
        <Card size="small" className="supplies-line" title={`各批次出库数量（合计 ${pickedSum} / ${quantity ?? 0}）`}>
          {itemLots.map((l) => (
            <Form.Item key={l.id} name={['picks', l.id]} label={lotLabel(l)} style={{ marginBottom: 8 }}>
              <InputNumber min={0} max={l.balance} precision={0} style={{ width: 160 }} suffix={l.unit} aria-label={`批次 ${l.id} 数量`} />
            </Form.Item>
          ))}
          {pickedSum !== (quantity ?? 0) && <Alert type="warning" showIcon title="各批次数量之和应等于出库数量" />}
        </Card>
      )}
      <Form.Item name="recipient" label="领用单位" rules={[required('领用单位')]}>
        <Input maxLength={100} placeholder="如 坦洲镇三防办" />
      </Form.Item>
      <Form.Item name="purpose" label="用途" rules={[required('用途')]}>
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
    </>
  );
  const lotField = (
    <Form.Item name="lotId" label="批次" rules={[requiredPick('批次')]}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="选择本仓库的批次"
        options={(lots.data?.items ?? []).map((l) => ({ value: l.id, label: lotLabel(l) }))}
      />
    </Form.Item>
  );
  const quantityField = (label: string) => (
    <Form.Item name="quantity" label={label} rules={[requiredPick(label)]} extra={lot && `该批次结存 ${lot.balance}${lot.unit}`}>
      <InputNumber min={1} max={lot?.balance} precision={0} style={{ width: '100%' }} suffix={lot?.unit} inputMode="numeric" />
    </Form.Item>
  );
  return (
    <Card
      title={`${KIND_LABELS[kind]}：${warehouseLabel(w)}`}
      extra={<Link to={`/resources/warehouses/${id}`}>返回台账</Link>}
      styles={{ body: { maxWidth: 720 } }}
    >
      <Segmented
        block
        value={kind}
        onChange={(k) => setParams({ kind: k as string }, { replace: true })}
        options={KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        style={{ marginBottom: 16 }}
      />
      {(lots.data?.items.length ?? 0) === 0 ? (
        <Alert type="info" showIcon title="本仓库没有在库批次" />
      ) : (
        <Form<TOutForm> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} scrollToFirstError={{ block: 'center' }}>
          {kind === 'issue' && issueFields}
          {kind === 'transfer' && (
            <>
              {lotField}
              <Space wrap style={{ width: '100%' }} align="start">
                <Form.Item name="toWarehouseId" label="调入仓库或前置点" rules={[requiredPick('调入仓库')]} style={field}>
                  <WarehouseSelect exclude={id} />
                </Form.Item>
              </Space>
              {quantityField('调拨数量')}
              <Form.Item name="note" label="备注（调拨文号、汛前预置等）">
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
          {kind === 'write_off' && (
            <>
              {lotField}
              {quantityField('核销数量')}
              <Form.Item name="reason" label="核销原因" rules={[required('核销原因'), { min: 2, message: '核销原因至少 2 个字' }]}>
                <Input.TextArea rows={2} maxLength={200} placeholder="如 过期失效、损坏无法修复" />
              </Form.Item>
            </>
          )}
          <Button
            type="primary"
            danger={kind === 'write_off'}
            htmlType="submit"
            loading={save.isPending}
            size="large"
            block={isPhone}
            disabled={kind === 'issue' && choose && pickedSum !== (quantity ?? 0)}
          >
            确认{KIND_LABELS[kind]}
          </Button>
        </Form>
      )}
    </Card>
  );
}
