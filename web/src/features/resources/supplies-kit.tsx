/**
 * What the supplies pages share: their query keys, the server's refusal shown on the (nested) field it names, the
 * warehouse and acceptor pickers, and yuan ↔ fen.
 */
import { useQuery } from '@tanstack/react-query';
import { WAREHOUSE_KIND_LABELS, type TWarehouseKind } from '@yingji/domain/resources/resources.data';
import type { TWarehouse } from '@yingji/domain/resources/resources.schema';
import { App, Select } from 'antd';
import type { FormInstance } from 'antd';
import { isApiError } from '../../api/client';
import { suppliesApi } from '../../api/supplies.api';
import { RESOURCE_KEYS } from './loans-page';

export const SUPPLY_KEYS = {
  all: RESOURCE_KEYS.all,
  warehouses: [...RESOURCE_KEYS.all, 'warehouses'] as const,
  items: [...RESOURCE_KEYS.all, 'items'] as const,
  acceptors: [...RESOURCE_KEYS.all, 'acceptor-options'] as const,
};

export const WAREHOUSE_KIND_COLORS: Record<TWarehouseKind, string> = { city: 'blue', town: 'cyan', prepositioned: 'purple' };

/** 12000 fen → 120 (yuan, for an InputNumber) and back. */
export const toYuan = (fen: number | null | undefined): number | undefined => (fen === null || fen === undefined ? undefined : fen / 100);
export const toFen = (yuan: number | null | undefined): number => Math.round((yuan ?? 0) * 100);
export const formatYuan = (fen: number): string => `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

export const useWarehouses = () => useQuery({ queryKey: SUPPLY_KEYS.warehouses, queryFn: suppliesApi.warehouses });
export const useItems = () => useQuery({ queryKey: SUPPLY_KEYS.items, queryFn: suppliesApi.items });

export const warehouseLabel = (w: Pick<TWarehouse, 'name' | 'divisionName' | 'kind'>) =>
  `${w.name}（${w.divisionName} · ${WAREHOUSE_KIND_LABELS[w.kind]}）`;

/** `lines.1.certificate3c` → ['lines', 1, 'certificate3c']. */
const pathOf = (field: string) => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Shows a failed request: on the field the server named (a lot's 3C certificate, a coordinate) when the form holds
 * it, scrolled into view; otherwise, or as well on a phone where the field may be out of sight, as a message.
 */
export function useFieldErrors(): (error: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  return (error, form) => {
    if (!isApiError(error)) {
      void message.error('操作失败，请稍后再试');
      return;
    }
    if (error.code === 'unauthenticated' || error.code === 'password_expired') return;
    if (form && error.field) {
      const name = pathOf(error.field);
      const parent = name
        .slice(0, -1)
        .reduce<unknown>(
          (v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined),
          form.getFieldsValue(true),
        );
      if (name.length === 1 ? error.field in form.getFieldsValue(true) : parent !== null && typeof parent === 'object') {
        form.setFields([{ name, errors: [error.message] }]);
        form.scrollToField(name, { block: 'center' });
      }
    }
    void message.error(error.message);
  };
}

/** The acceptors (验收人) of a receipt: staff picked by name, or a name typed (an allocating unit's representative). */
export function AcceptorPicker({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const staff = useQuery({ queryKey: SUPPLY_KEYS.acceptors, queryFn: suppliesApi.acceptorOptions, staleTime: 60_000 });
  const options = [...new Map((staff.data?.items ?? []).map((u) => [u.displayName, u])).values()].map((u) => ({
    value: u.displayName,
    label: `${u.displayName}（${u.divisionName}）`,
  }));
  return (
    <Select
      id={id}
      mode="tags"
      value={value}
      onChange={onChange}
      loading={staff.isFetching}
      options={options}
      optionFilterProp="label"
      placeholder="选择或输入验收人，至少两人"
      tokenSeparators={[',', '，', '、', ' ']}
      aria-label="验收人"
    />
  );
}

/** A warehouse of the city (`exclude` one: a transfer's source). */
export function WarehouseSelect({
  value,
  onChange,
  id,
  exclude,
}: {
  value?: number;
  onChange?: (v: number) => void;
  id?: string;
  exclude?: number;
}) {
  const warehouses = useWarehouses();
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      loading={warehouses.isPending}
      placeholder="选择仓库或前置点"
      options={(warehouses.data?.items ?? []).filter((w) => w.id !== exclude).map((w) => ({ value: w.id, label: warehouseLabel(w) }))}
    />
  );
}
