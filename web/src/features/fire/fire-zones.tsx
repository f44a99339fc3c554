import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MASK_ZONE_KINDS } from '@yingji/domain/fire/fire.schema';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { fireApi } from '../../api/fire.api';
import { useCan } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { required } from '../../kit';
import { FIRE_KEYS } from './fire-data';
import { ZoneMap } from './fire-zone-map';

type TPoint = [number, number];
type TZoneKind = keyof typeof MASK_ZONE_KINDS;
const KIND_OPTIONS = Object.entries(MASK_ZONE_KINDS).map(([value, label]) => ({ value, label }));

/** Name and kind of a zone, and for an import its GeoJSON. */
function ZoneModal({ points, onClose, onSaved }: { points: TPoint[] | null; onClose: () => void; onSaved: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<{ name: string; kind: TZoneKind; geojson?: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { name: string; kind: TZoneKind; geojson?: string }) => {
      if (points) return fireApi.createZone({ name: v.name, kind: v.kind, polygons: [[points]] });
      let geojson: unknown;
      try {
        geojson = JSON.parse(v.geojson ?? '');
      } catch {
        throw new Error('GeoJSON 不是有效的 JSON');
      }
      return fireApi.createZone({ name: v.name, kind: v.kind, geojson });
    },
    onSuccess: async (z) => {
      await qc.invalidateQueries({ queryKey: FIRE_KEYS.all });
      void message.success(`已保存屏蔽区“${z.name}”，此后落在区内的告警将被屏蔽`);
      onSaved();
    },
    onError: (e) => (e instanceof Error && !('code' in e) ? setProblem(e.message) : onError(e, form)),
  });
  return (
    <Modal
      open
      title={points ? `保存绘制的屏蔽区（${points.length} 个顶点）` : '导入屏蔽区（GeoJSON）'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: points ? 'non_forest' : 'kiln' }} data-testid="fire-zone-form">
        <Form.Item name="name" label="名称" rules={[required('名称'), { min: 2, message: '名称至少 2 个字' }]}>
          <Input maxLength={60} placeholder="如：南朗某砖窑厂区" />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        {points ? null : (
          <Form.Item
            name="geojson"
            label="GeoJSON（Polygon、MultiPolygon、Feature 或 FeatureCollection）"
            rules={[{ required: true, message: '请粘贴 GeoJSON' }]}
          >
            <Input.TextArea rows={8} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/**
 * 屏蔽区: zones drawn on the map (click to add vertices, at least three, then name and save) or imported as GeoJSON,
 * with how many alarms each suppressed. A zone that suppressed alarms can only be deactivated (the alarms keep it);
 * one that never did can be deleted.
 */
export function FireZones() {
  const can = useCan();
  const manage = can('fire.manage');
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const zones = useQuery({ queryKey: [...FIRE_KEYS.all, 'zones'], queryFn: () => fireApi.zones() });
  const sites = useQuery({ queryKey: [...FIRE_KEYS.all, 'sites'], queryFn: () => fireApi.sites() });
  const [drawing, setDrawing] = useState(false);
  const [points, setPoints] = useState<TPoint[]>([]);
  const [modal, setModal] = useState<'drawn' | 'geojson' | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: FIRE_KEYS.all });
  const off = useMutation({ mutationFn: (id: number) => fireApi.deactivateZone(id), onSuccess: refresh, onError: (e) => onError(e) });
  const remove = useMutation({ mutationFn: (id: number) => fireApi.deleteZone(id), onSuccess: refresh, onError: (e) => onError(e) });
  const stop = () => {
    setDrawing(false);
    setPoints([]);
  };
  return (
    <>
      {manage ? (
        <div className="page-actions fire-actions">
          {drawing ? (
            <Typography.Text type="secondary" data-testid="fire-draw-hint">
              在地图上依次点击多边形的顶点（已点 {points.length} 个，至少 3 个），可滚轮缩放、拖动地图
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">窑炉、工厂、养殖场等已知热源和非林区，落在区内的告警只记录不成事件</Typography.Text>
          )}
          <Space wrap>
            {drawing ? (
              <>
                <Button onClick={() => setPoints((p) => p.slice(0, -1))} disabled={!points.length}>
                  撤销上一点
                </Button>
                <Button onClick={stop}>取消绘制</Button>
                <Button type="primary" disabled={points.length < 3} onClick={() => setModal('drawn')}>
                  完成并保存
                </Button>
              </>
            ) : (
              <>
                <Button type="primary" onClick={() => setDrawing(true)}>
                  在地图上绘制
                </Button>
                <Button onClick={() => setModal('geojson')}>导入 GeoJSON</Button>
              </>
            )}
          </Space>
        </div>
      ) : null}
      <ZoneMap
        zones={zones.data?.items ?? []}
        sites={sites.data?.items ?? []}
        drawing={drawing}
        points={points}
        onAdd={(p) => setPoints((ps) => [...ps, p])}
      />
      <Table
        size="small"
        rowKey="id"
        style={{ marginTop: 12 }}
        loading={zones.isLoading}
        dataSource={zones.data?.items ?? []}
        data-testid="fire-zones"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '还没有屏蔽区' }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: TZoneKind) => MASK_ZONE_KINDS[k] ?? k },
          { title: '来源', dataIndex: 'source', render: (s: string) => (s === 'geojson' ? 'GeoJSON 导入' : '地图绘制') },
          { title: '顶点', dataIndex: 'polygons', render: (p: TPoint[][][]) => p.reduce((n, poly) => n + poly[0]!.length, 0) },
          { title: '已屏蔽告警', dataIndex: 'suppressedCount' },
          { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          ...(manage
            ? [
                {
                  title: '',
                  render: (_: unknown, r: { id: number; active: boolean; suppressedCount: number; name: string }) => (
                    <Space>
                      {r.active ? (
                        <Button size="small" onClick={() => off.mutate(r.id)}>
                          停用
                        </Button>
                      ) : null}
                      {r.suppressedCount === 0 ? (
                        <Popconfirm title={`删除屏蔽区“${r.name}”？`} okText="删除" cancelText="取消" onConfirm={() => remove.mutate(r.id)}>
                          <Button size="small" danger>
                            删除
                          </Button>
                        </Popconfirm>
                      ) : null}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {modal ? (
        <ZoneModal
          points={modal === 'drawn' ? points : null}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null);
            stop();
          }}
        />
      ) : null}
    </>
  );
}
