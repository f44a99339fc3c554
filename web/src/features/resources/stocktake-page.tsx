import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { STOCKTAKE_KIND_LABELS, STOCKTAKE_STATE_LABELS } from '@yingji/domain/resources/resources.schema';
import { Alert, App, Button, Card, InputNumber, List, Select, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { resourcesApi } from '../../api/resources.api';
import { useCan } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { RESOURCE_KEYS } from './loans-page';

/** 开始盘点: a warehouse and all lots or a sample; opens the count sheet. */
export function StartStocktake() {
  const can = useCan();
  const navigate = useNavigate();
  const showError = useErrorHandler();
  const [warehouseId, setWarehouseId] = useState<number>();
  const [kind, setKind] = useState<'full' | 'sample'>('full');
  const warehouses = useQuery({ queryKey: [...RESOURCE_KEYS.all, 'warehouses'], queryFn: resourcesApi.warehouses });
  const start = useMutation({
    mutationFn: () => resourcesApi.startStocktake(warehouseId!, kind, kind === 'sample' ? 10 : null),
    onSuccess: (s) => navigate(`/resources/stocktakes/${s.id}`),
    onError: (e) => showError(e),
  });
  if (!can('resources.manage')) return null;
  return (
    <Space wrap>
      <Select
        aria-label="盘点仓库"
        placeholder="盘点仓库"
        style={{ width: 200 }}
        value={warehouseId}
        onChange={setWarehouseId}
        options={(warehouses.data?.items ?? []).map((w) => ({ value: w.id, label: w.name }))}
      />
      <Select
        aria-label="盘点方式"
        style={{ width: 150 }}
        value={kind}
        onChange={setKind}
        options={[
          { value: 'full', label: '全面盘点' },
          { value: 'sample', label: '抽样盘点（10 批）' },
        ]}
      />
      <Button disabled={!warehouseId} loading={start.isPending} onClick={() => start.mutate()}>
        开始盘点
      </Button>
    </Space>
  );
}

/** 盘点表: counted blind on a phone (the book quantity shows only after submitting), approved by another person. */
export function StocktakePage() {
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const [counts, setCounts] = useState<Record<number, number | null>>({});
  const sheet = useQuery({ queryKey: [...RESOURCE_KEYS.all, 'stocktake', id], queryFn: () => resourcesApi.stocktake(id) });
  const after = (text: string) => () => {
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: RESOURCE_KEYS.all });
  };
  const submit = useMutation({
    mutationFn: () =>
      resourcesApi.submitCounts(
        id,
        Object.entries(counts).map(([lineId, counted]) => ({ lineId: Number(lineId), counted: counted ?? 0 })),
      ),
    onSuccess: after('已提交实盘数量'),
    onError: (e) => showError(e),
  });
  const approve = useMutation({
    mutationFn: () => resourcesApi.approveStocktake(id),
    onSuccess: after('已审批并调整库存'),
    onError: (e) => showError(e),
  });
  if (sheet.isPending) return <Spin />;
  if (!sheet.data) return <Alert type="error" message="盘点不存在" />;
  const s = sheet.data;
  const allCounted = s.lines.every((l) => counts[l.id] !== undefined && counts[l.id] !== null);
  return (
    <Card
      title={
        <Space wrap>
          <span>
            盘点 #{s.id} {s.warehouseName}
          </span>
          <Tag>{STOCKTAKE_KIND_LABELS[s.kind]}</Tag>
          <Tag color={s.state === 'approved' ? 'green' : 'gold'}>{STOCKTAKE_STATE_LABELS[s.state]}</Tag>
        </Space>
      }
    >
      {s.can.count && (
        <Alert type="info" showIcon message="盲盘：请按实物清点后填写数量，提交后才显示账面数量和差异" style={{ marginBottom: 12 }} />
      )}
      <List
        dataSource={s.lines}
        renderItem={(l) => (
          <List.Item>
            <div className="cell-stack" style={{ width: '100%' }}>
              <strong>
                {l.itemName} {l.spec}
              </strong>
              <span className="cell-sub">
                批次 #{l.lotId}
                {l.expiresOn ? ` · 有效期至 ${l.expiresOn}` : ''}
              </span>
              {s.can.count ? (
                <InputNumber
                  size="large"
                  min={0}
                  precision={0}
                  addonAfter={l.unit}
                  aria-label={`实盘数量 批次 ${l.lotId}`}
                  value={counts[l.id] ?? null}
                  onChange={(v) => setCounts({ ...counts, [l.id]: v })}
                />
              ) : (
                <span>
                  账面 {l.expected}
                  {l.unit} · 实盘 {l.counted}
                  {l.unit}
                  {l.difference ? (
                    <Tag color={l.difference < 0 ? 'red' : 'blue'}> 差异 {l.difference > 0 ? `+${l.difference}` : l.difference}</Tag>
                  ) : (
                    <Tag color="green">相符</Tag>
                  )}
                </span>
              )}
            </div>
          </List.Item>
        )}
      />
      <Space wrap style={{ marginTop: 12 }}>
        {s.can.count && (
          <Button type="primary" size="large" disabled={!allCounted} loading={submit.isPending} onClick={() => submit.mutate()}>
            提交实盘数量
          </Button>
        )}
        {s.can.approve && (
          <Button type="primary" size="large" loading={approve.isPending} onClick={() => approve.mutate()}>
            审批并调整库存
          </Button>
        )}
      </Space>
    </Card>
  );
}
