import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TPointDetail } from '@yingji/domain/warning/points.contract';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { resourcesApi } from '../../api/resources.api';
import { pointsApi, WARNING_KEYS } from '../../api/warning.api';
import { useCan } from '../../app/auth';
import { bureauNow, formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { DoubleThirtyTable } from './double-thirty-table';
import { LEVEL_LABELS } from './warning-data';

type TPlanForm = Pick<TPointDetail, 'responsiblePerson' | 'phone' | 'pumps' | 'supplies' | 'warehouseId' | 'roadClosure' | 'evacuation'>;
interface TFloodingForm {
  on: Dayjs;
  durationMinutes: number;
  depthCm?: number | null;
  note?: string;
}
interface TCheckForm {
  warningId: number;
  rainfallMm?: number | null;
  depthCm?: number | null;
  roadsClosed?: boolean;
  peopleMoved?: number | null;
  note?: string;
}

const duration = (m: number | null) =>
  m === null ? '—' : m >= 60 ? `${Math.floor(m / 60)} 小时${m % 60 ? ` ${m % 60} 分钟` : ''}` : `${m} 分钟`;

/** A waterlogging point: its plan (一点一策, edited here), the 双三十 checks during heavy rain and its flooding history. */
export function PointDetailPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<'plan' | 'flooding' | 'check' | null>(null);
  const [planForm] = Form.useForm<TPlanForm>();
  const [floodForm] = Form.useForm<TFloodingForm>();
  const [checkForm] = Form.useForm<TCheckForm>();
  const key = [...WARNING_KEYS.points, id];
  const detail = useQuery({ queryKey: key, queryFn: () => pointsApi.detail(id) });
  const warehouses = useQuery({
    queryKey: ['resources', 'warehouses'],
    queryFn: resourcesApi.warehouses,
    enabled: open === 'plan' && can('resources.read'),
  });
  const done = (text: string) => (p: TPointDetail) => {
    queryClient.setQueryData(key, p);
    void queryClient.invalidateQueries({ queryKey: WARNING_KEYS.all });
    void message.success(text);
    setOpen(null);
  };
  const plan = useMutation({
    mutationFn: (v: TPlanForm) =>
      pointsApi.plan(id, {
        ...v,
        supplies: v.supplies ?? '',
        roadClosure: v.roadClosure ?? '',
        evacuation: v.evacuation ?? '',
        warehouseId: v.warehouseId ?? null,
      }),
    onSuccess: done('一点一策已保存'),
    onError: (e) => onError(e, planForm),
  });
  const flooding = useMutation({
    mutationFn: (v: TFloodingForm) =>
      pointsApi.flooding(id, {
        on: v.on.format('YYYY-MM-DD'),
        durationMinutes: v.durationMinutes,
        depthCm: v.depthCm ?? null,
        note: v.note ?? '',
      }),
    onSuccess: done('水浸记录已保存'),
    onError: (e) => onError(e, floodForm),
  });
  const check = useMutation({
    mutationFn: (v: TCheckForm) =>
      pointsApi.check(id, {
        warningId: v.warningId,
        rainfallMm: v.rainfallMm ?? null,
        depthCm: v.depthCm ?? null,
        roadsClosed: v.roadsClosed ?? false,
        peopleMoved: v.peopleMoved ?? 0,
        note: v.note ?? '',
      }),
    onSuccess: done('双三十检查已记录'),
    onError: (e) => onError(e, checkForm),
  });
  const p = detail.data;
  if (!p) return <Card loading />;
  const edit = p.canEdit;
  const rain = p.rainWarnings;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={`${p.townName} · ${p.name}`}
        extra={
          edit ? (
            <Button
              onClick={() => {
                planForm.setFieldsValue(p);
                setOpen('plan');
              }}
              data-testid="edit-plan"
            >
              编辑一点一策
            </Button>
          ) : null
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="位置" span={2}>
            {p.location}
            {p.longitude !== null && p.latitude !== null ? `（${p.longitude.toFixed(4)}, ${p.latitude.toFixed(4)}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="责任人">{p.responsiblePerson}</Descriptions.Item>
          <Descriptions.Item label="电话">
            <a href={`tel:${p.phone}`}>{p.phone}</a>
          </Descriptions.Item>
          <Descriptions.Item label="预置水泵">{p.pumps} 台</Descriptions.Item>
          <Descriptions.Item label="物资仓库">{p.warehouseName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="预置物资" span={2}>
            {p.supplies || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="封路措施" span={2}>
            {p.roadClosure || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="人员转移" span={2}>
            {p.evacuation || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="更新时间" span={2}>
            {formatTime(p.updatedAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        title={`双三十检查（${p.checks.length}）`}
        extra={
          edit && rain.length > 0 ? (
            <Button
              type="primary"
              onClick={() => {
                checkForm.resetFields();
                checkForm.setFieldsValue({ warningId: rain[0]!.id });
                setOpen('check');
              }}
              data-testid="record-check"
            >
              记录检查
            </Button>
          ) : null
        }
      >
        {rain.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`${rain.map((w) => `${w.kind}${LEVEL_LABELS[w.level]}预警`).join('、')}生效中：1小时降雨量达30毫米或积水深度达30厘米时，立即封路、转移人员并记录。`}
          />
        ) : (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message="本镇街当前没有生效的暴雨或台风预警，双三十检查在强降雨期间记录。"
          />
        )}
        <DoubleThirtyTable checks={p.checks} />
      </Card>

      <Card
        title={`水浸历史（${p.floodings.length}）`}
        extra={
          edit ? (
            <Button
              onClick={() => {
                floodForm.resetFields();
                setOpen('flooding');
              }}
            >
              记录水浸
            </Button>
          ) : null
        }
      >
        <Table
          rowKey="id"
          size="small"
          dataSource={p.floodings}
          pagination={p.floodings.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 520 }}
          locale={{ emptyText: '暂无水浸记录' }}
          columns={[
            { title: '日期', dataIndex: 'on', width: 110 },
            { title: '水浸时长', dataIndex: 'durationMinutes', width: 120, render: duration },
            { title: '积水深度', dataIndex: 'depthCm', width: 90, render: (d: number | null) => (d === null ? '—' : `${d} 厘米`) },
            { title: '说明', dataIndex: 'note', render: (n: string) => n || '—' },
            { title: '记录人', dataIndex: 'actorName', width: 110 },
          ]}
        />
      </Card>

      <Modal
        open={open === 'plan'}
        title="编辑一点一策"
        okText="保存"
        cancelText="取消"
        confirmLoading={plan.isPending}
        onOk={() => planForm.submit()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
        forceRender
      >
        <Form form={planForm} layout="vertical" onFinish={(v) => plan.mutate(v)}>
          <Space.Compact block>
            <Form.Item name="responsiblePerson" label="责任人" rules={[{ required: true, message: '请填写责任人' }]} style={{ flex: 1 }}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="phone" label="电话" rules={[{ required: true, message: '请填写责任人电话' }]} style={{ flex: 1 }}>
              <Input maxLength={13} inputMode="tel" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="pumps" label="预置水泵（台）" rules={[{ required: true, message: '请填写预置水泵台数' }]}>
            <InputNumber min={0} max={200} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="warehouseId" label="物资仓库（应急物资模块）">
            <Select
              allowClear
              placeholder="选择存放预置物资的仓库或前置点"
              loading={warehouses.isPending && warehouses.fetchStatus !== 'idle'}
              options={(warehouses.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.divisionName} · ${w.name}` }))}
              showSearch
              optionFilterProp="label"
            />
          </Form.Item>
          <Form.Item name="supplies" label="预置物资">
            <Input.TextArea rows={2} maxLength={1000} placeholder="如：沙袋 500 个，移动泵车 1 台" />
          </Form.Item>
          <Form.Item name="roadClosure" label="封路措施">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item name="evacuation" label="人员转移措施">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={open === 'flooding'}
        title="记录水浸"
        okText="保存"
        cancelText="取消"
        confirmLoading={flooding.isPending}
        onOk={() => floodForm.submit()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
        forceRender
      >
        <Form form={floodForm} layout="vertical" onFinish={(v) => flooding.mutate(v)}>
          <Form.Item name="on" label="水浸日期" rules={[{ required: true, message: '请选择水浸日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(bureauNow(), 'day')} />
          </Form.Item>
          <Form.Item name="durationMinutes" label="水浸时长（分钟，积水至退去）" rules={[{ required: true, message: '请填写水浸时长' }]}>
            <InputNumber min={1} max={10080} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="depthCm" label="最大积水深度（厘米）">
            <InputNumber min={0} max={500} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={open === 'check'}
        title="记录双三十检查"
        okText="记录"
        cancelText="取消"
        confirmLoading={check.isPending}
        onOk={() => checkForm.submit()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
        forceRender
      >
        <Form form={checkForm} layout="vertical" onFinish={(v) => check.mutate(v)}>
          <Form.Item name="warningId" label="依据预警" rules={[{ required: true, message: '请选择预警' }]}>
            <Select
              options={rain.map((w) => ({ value: w.id, label: `${w.kind}${LEVEL_LABELS[w.level]}预警 · ${formatTime(w.issuedAt)}` }))}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="rainfallMm" label="1小时降雨量（毫米）">
              <InputNumber min={0} max={500} precision={0} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="depthCm" label="积水深度（厘米）">
              <InputNumber min={0} max={500} precision={0} style={{ width: 150 }} />
            </Form.Item>
          </Space>
          <Space wrap align="end">
            <Form.Item name="roadsClosed" valuePropName="checked">
              <Checkbox>已封闭道路</Checkbox>
            </Form.Item>
            <Form.Item name="peopleMoved" label="转移人数">
              <InputNumber min={0} max={100000} precision={0} style={{ width: 150 }} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} maxLength={500} placeholder="如：设置绕行指示，泵车已到位" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
