import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CHANNEL_KINDS, MAINTENANCE_KINDS, type TFireSite } from '@yingji/domain/fire/fire.schema';
import { DEVICE_ALERT_KINDS } from '@yingji/domain/fire/fire.rules';
import { Alert, App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { fireApi } from '../../api/fire.api';
import { useCan } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { required, requiredPick, useIsPhone } from '../../kit';
import { bjTime, FIRE_KEYS } from './fire-data';

export const CHANNEL_STATUS = { active: '运行', maintenance: '维护中', retired: '停用' } as const;
const KIND_OPTIONS = Object.entries(CHANNEL_KINDS).map(([value, label]) => ({ value, label }));

/** The fields of a channel, new or edited (in the channel drawer). */
export function ChannelFields({ isNew }: { isNew: boolean }) {
  return (
    <>
      <Space wrap>
        <Form.Item name="code" label="通道编号" rules={[required('通道编号')]}>
          <Input maxLength={40} disabled={!isNew} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="name" label="通道名称" rules={[required('通道名称')]}>
          <Input maxLength={60} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[requiredPick('类型')]}>
          <Select options={KIND_OPTIONS} style={{ width: 120 }} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="headingDeg" label="朝向（度，正北为 0）" rules={[requiredPick('朝向')]}>
          <InputNumber min={0} max={359.9} step={1} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="fovDeg" label="视场角（度）" rules={[requiredPick('视场角')]}>
          <InputNumber min={0.1} max={360} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="rangeM" label="探测距离（米）" rules={[requiredPick('探测距离')]}>
          <InputNumber min={100} max={50_000} step={500} style={{ width: 140 }} />
        </Form.Item>
      </Space>
      {!isNew ? (
        <Form.Item name="status" label="状态">
          <Select options={Object.entries(CHANNEL_STATUS).map(([value, label]) => ({ value, label }))} style={{ width: 150 }} />
        </Form.Item>
      ) : null}
    </>
  );
}

type TCalibrationForm = { effectiveAt: Dayjs; bearingOffsetDeg: number; distanceOffsetM: number; note: string };
type TMaintenanceForm = { kind: keyof typeof MAINTENANCE_KINDS; doneOn: Dayjs; whole: 'channel' | 'site'; note: string };

/**
 * One channel: its edit form, the dated calibrations (a recalibration applies to alarms from its effective time on,
 * earlier alarms keep the offsets they had) and the maintenance records of its site (清洁、修枝、维修、巡检).
 */
export function ChannelDrawer({ id, site, onClose }: { id: number; site: TFireSite | undefined; onClose: () => void }) {
  const qc = useQueryClient();
  const can = useCan();
  const manage = can('fire.manage');
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const detail = useQuery({ queryKey: [...FIRE_KEYS.all, 'channel', id], queryFn: () => fireApi.channel(id) });
  const [edit] = Form.useForm();
  const [cal] = Form.useForm<TCalibrationForm>();
  const [maint] = Form.useForm<TMaintenanceForm>();
  const done = async (text: string) => {
    await qc.invalidateQueries({ queryKey: FIRE_KEYS.all });
    void message.success(text);
  };
  const update = useMutation({
    mutationFn: ({ code: _c, ...v }: Parameters<typeof fireApi.updateChannel>[1] & { code: string }) => fireApi.updateChannel(id, v),
    onSuccess: () => done('通道已保存'),
    onError: (e) => onError(e, edit),
  });
  const calibrate = useMutation({
    mutationFn: (v: TCalibrationForm) =>
      fireApi.calibrate(id, {
        effectiveAt: v.effectiveAt.toISOString(),
        bearingOffsetDeg: v.bearingOffsetDeg,
        distanceOffsetM: v.distanceOffsetM ?? 0,
        note: v.note ?? '',
      }),
    onSuccess: async () => {
      cal.resetFields();
      await done('已登记重新标定');
    },
    onError: (e) => onError(e, cal),
  });
  const maintain = useMutation({
    mutationFn: (v: TMaintenanceForm) =>
      fireApi.addMaintenance(detail.data!.siteId, {
        channelId: v.whole === 'site' ? null : id,
        kind: v.kind,
        doneOn: v.doneOn.format('YYYY-MM-DD'),
        note: v.note ?? '',
      }),
    onSuccess: async () => {
      maint.resetFields();
      await done('已登记维护记录');
    },
    onError: (e) => onError(e, maint),
  });
  const c = detail.data;
  return (
    <Drawer
      open
      title={c ? `通道 ${c.code} ${c.name}（${c.siteName}）` : '通道'}
      size={isPhone ? '100%' : 720}
      onClose={onClose}
      destroyOnHidden
    >
      {detail.error ? <Alert type="error" showIcon title={detail.error.message} /> : null}
      {c ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="fire-channel-drawer">
          {manage ? (
            <Card size="small" title="通道参数">
              <Form form={edit} layout="vertical" initialValues={c} onFinish={(v) => update.mutate(v)}>
                <ChannelFields isNew={false} />
                <Button type="primary" htmlType="submit" loading={update.isPending}>
                  保存通道
                </Button>
              </Form>
            </Card>
          ) : null}
          <Card
            size="small"
            title={`标定（当前方位修正 ${c.bearingOffsetDeg > 0 ? '+' : ''}${c.bearingOffsetDeg}°，距离修正 ${c.distanceOffsetM} 米）`}
          >
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={c.calibrations}
              locale={{ emptyText: '尚未标定' }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '生效时间', dataIndex: 'effectiveAt', render: (v: string) => bjTime(v) },
                { title: '方位修正', dataIndex: 'bearingOffsetDeg', render: (v: number) => `${v > 0 ? '+' : ''}${v}°` },
                { title: '距离修正', dataIndex: 'distanceOffsetM', render: (v: number) => `${v} 米` },
                { title: '说明', dataIndex: 'note' },
              ]}
            />
            {manage ? (
              <Form
                form={cal}
                layout="vertical"
                style={{ marginTop: 12 }}
                initialValues={{ effectiveAt: dayjs(), bearingOffsetDeg: c.bearingOffsetDeg, distanceOffsetM: c.distanceOffsetM }}
                onFinish={(v) => calibrate.mutate(v)}
                data-testid="fire-calibration-form"
              >
                <Space wrap align="end">
                  <Form.Item name="effectiveAt" label="生效时间" rules={[requiredPick('生效时间')]} extra="此后的告警按新参数定位">
                    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                  </Form.Item>
                  <Form.Item name="bearingOffsetDeg" label="方位修正（度）" rules={[requiredPick('方位修正')]}>
                    <InputNumber min={-180} max={180} step={0.1} style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name="distanceOffsetM" label="距离修正（米）">
                    <InputNumber min={-5000} max={5000} step={50} style={{ width: 130 }} />
                  </Form.Item>
                </Space>
                <Form.Item name="note" label="说明">
                  <Input maxLength={500} placeholder="如：对照 3 月 12 日五桂山实地烟点重新标定" />
                </Form.Item>
                <Button htmlType="submit" loading={calibrate.isPending}>
                  登记重新标定
                </Button>
              </Form>
            ) : null}
          </Card>
          <Card size="small" title={`维护记录（${site?.name ?? c.siteName}）`}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={c.maintenance}
              locale={{ emptyText: '暂无维护记录' }}
              columns={[
                { title: '日期', dataIndex: 'doneOn' },
                { title: '类型', dataIndex: 'kind', render: (k: keyof typeof MAINTENANCE_KINDS) => MAINTENANCE_KINDS[k] ?? k },
                { title: '说明', dataIndex: 'note' },
              ]}
            />
            {manage ? (
              <Form
                form={maint}
                layout="vertical"
                style={{ marginTop: 12 }}
                initialValues={{ kind: 'cleaning', doneOn: dayjs(), whole: 'site' }}
                onFinish={(v) => maintain.mutate(v)}
                data-testid="fire-maintenance-form"
              >
                <Space wrap align="end">
                  <Form.Item name="kind" label="维护类型">
                    <Select
                      options={Object.entries(MAINTENANCE_KINDS).map(([value, label]) => ({ value, label }))}
                      style={{ width: 130 }}
                    />
                  </Form.Item>
                  <Form.Item name="doneOn" label="日期" rules={[requiredPick('日期')]}>
                    <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                  <Form.Item name="whole" label="范围">
                    <Select
                      options={[
                        { value: 'site', label: '整个监控点' },
                        { value: 'channel', label: `仅通道 ${c.code}` },
                      ]}
                      style={{ width: 150 }}
                    />
                  </Form.Item>
                </Space>
                <Form.Item name="note" label="说明">
                  <Input maxLength={500} placeholder="如：清理镜头积尘，修剪遮挡东侧视线的树枝" />
                </Form.Item>
                <Button htmlType="submit" loading={maintain.isPending}>
                  登记维护
                </Button>
              </Form>
            ) : null}
          </Card>
          {c.alerts.length ? (
            <Card size="small" title="设备告警">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={c.alerts}
                columns={[
                  { title: '类型', dataIndex: 'kind', render: (k: keyof typeof DEVICE_ALERT_KINDS) => DEVICE_ALERT_KINDS[k] ?? k },
                  { title: '开始', dataIndex: 'openedAt', render: (v: string) => bjTime(v) },
                  { title: '恢复', dataIndex: 'clearedAt', render: (v: string | null) => (v ? bjTime(v) : '未恢复') },
                ]}
              />
            </Card>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}
