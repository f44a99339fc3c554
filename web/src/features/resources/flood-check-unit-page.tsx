import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FLOOD_CHECK_STATE_LABELS } from '@yingji/domain/resources/flood-check.rules';
import type { TFloodCheckUnit } from '@yingji/domain/resources/flood-check.schema';
import { Alert, App, Button, Card, DatePicker, Form, Input, List, Modal, Radio, Select, Space, Spin, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { floodCheckApi } from '../../api/resources.api';
import { useCan } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { PhotoUpload } from '../attachment/photo-upload';
import { FLOOD_KEYS, STATE_COLORS } from './flood-checks-page';

type TDraft = Record<string, { present?: boolean; note: string; photos: string[] }>;
type TItem = TFloodCheckUnit['items'][number];

/**
 * One town's 九必检 (with its villages' 十个有 progress) or one village's 十个有, recorded on a phone item by item:
 * 有 / 缺 with a note and photos; a missing item is closed (整改销号) once put right.
 */
export function FloodCheckUnitPage() {
  const { id: idParam, code = '' } = useParams();
  const id = Number(idParam);
  const can = useCan();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<TDraft>({});
  const [department, setDepartment] = useState<string>();
  const [checkedOn, setCheckedOn] = useState<Dayjs>(dayjs());
  const [fixing, setFixing] = useState<TItem>();
  const unit = useQuery({ queryKey: [...FLOOD_KEYS, 'unit', id, code], queryFn: () => floodCheckApi.unit(id, code) });
  const changed = Object.entries(draft).filter(([, d]) => d.present !== undefined);
  const save = useMutation({
    mutationFn: () =>
      floodCheckApi.record(id, code, {
        department: department!,
        checkedOn: checkedOn.format('YYYY-MM-DD'),
        entries: changed.map(([itemCode, d]) => ({ itemCode, present: d.present!, note: d.note, photos: d.photos })),
      }),
    onSuccess: () => {
      void message.success(`已登记 ${changed.length} 项`);
      setDraft({});
      void queryClient.invalidateQueries({ queryKey: FLOOD_KEYS });
    },
    onError: (e) => showError(e),
  });
  if (unit.isPending) return <Spin />;
  if (!unit.data) return <Alert type="error" message="该镇街或村居不存在" />;
  const u = unit.data;
  const editable = can('resources.manage');
  const set = (itemCode: string, patch: Partial<TDraft[string]>) =>
    setDraft((d) => ({ ...d, [itemCode]: { note: '', photos: [], ...d[itemCode], ...patch } }));
  const title = u.level === 'town' ? `${u.name} · 镇街“九必检”` : `${u.townName} ${u.name} · 村居“十个有”`;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <div>
        <Link to={`/resources/flood-checks?round=${id}`}>← {u.roundName}</Link>
        {u.level === 'village' && (
          <>
            {' · '}
            <Link to={`/resources/flood-checks/${id}/units/${u.townCode}`}>{u.townName}</Link>
          </>
        )}
        <h2 style={{ margin: '8px 0 4px' }}>{title}</h2>
        <Space wrap>
          <Tag color={STATE_COLORS[u.progress.state]}>{FLOOD_CHECK_STATE_LABELS[u.progress.state]}</Tag>
          <span>
            已检 {u.progress.recorded}/{u.progress.total} 项，具备 {u.progress.present} 项，缺失 {u.progress.missing.length} 项，未整改{' '}
            {u.progress.open.length} 项
          </span>
        </Space>
      </div>
      {editable && (
        <Card size="small">
          <Space wrap>
            <Select
              aria-label="检查部门"
              placeholder="检查部门"
              style={{ minWidth: 220 }}
              value={department}
              onChange={setDepartment}
              options={u.departments.map((d) => ({ value: d, label: d }))}
            />
            <DatePicker aria-label="检查日期" value={checkedOn} onChange={(d) => d && setCheckedOn(d)} allowClear={false} />
            <Button type="primary" disabled={!department || changed.length === 0} loading={save.isPending} onClick={() => save.mutate()}>
              保存{changed.length ? `（${changed.length} 项）` : ''}
            </Button>
          </Space>
        </Card>
      )}
      <List
        bordered
        dataSource={u.items}
        renderItem={(item) => {
          const r = item.result;
          const d = draft[item.code];
          const present = d?.present ?? r?.present;
          return (
            <List.Item style={{ display: 'block' }}>
              <Space direction="vertical" style={{ width: '100%' }} size={6}>
                <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                  <strong>
                    {item.code} {item.label}
                  </strong>
                  {editable ? (
                    <Radio.Group
                      aria-label={item.label}
                      optionType="button"
                      buttonStyle="solid"
                      value={present}
                      onChange={(e) => set(item.code, { present: e.target.value as boolean })}
                      options={[
                        { value: true, label: '有' },
                        { value: false, label: '缺' },
                      ]}
                    />
                  ) : (
                    r && <Tag color={r.present ? 'green' : 'red'}>{r.present ? '有' : '缺'}</Tag>
                  )}
                </Space>
                {r && (
                  <span className="cell-sub">
                    {r.checkedOn} {r.department} {r.checkedByName}
                    {r.note && `：${r.note}`}
                    {!r.present && (r.fixedOn ? ` · ${r.fixedOn} 已整改：${r.fixNote}` : ' · 未整改')}
                  </span>
                )}
                {d?.present !== undefined && (
                  <>
                    <Input.TextArea
                      aria-label={`${item.label}情况说明`}
                      placeholder={d.present ? '情况说明（可不填）' : '缺失情况（必填）'}
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      value={d.note}
                      status={!d.present && !d.note.trim() ? 'warning' : undefined}
                      onChange={(e) => set(item.code, { note: e.target.value })}
                    />
                    <PhotoUpload value={d.photos} onChange={(photos) => set(item.code, { photos })} max={6} />
                  </>
                )}
                {editable && r && !r.present && !r.fixedOn && !d && (
                  <Button size="small" onClick={() => setFixing(item)}>
                    整改销号
                  </Button>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
      {u.level === 'town' && (
        <Card size="small" title={`所辖村居“十个有”（${u.villages.length} 个）`}>
          {u.villages.length === 0 ? (
            <span className="cell-sub">本镇街尚未登记村居（在“叫应链条”中导入村居后可逐村检查）</span>
          ) : (
            <List
              size="small"
              dataSource={u.villages}
              renderItem={(v) => (
                <List.Item>
                  <Link to={`/resources/flood-checks/${id}/units/${v.code}`}>{v.name}</Link>
                  <Space size={4}>
                    <Tag color={STATE_COLORS[v.progress.state]}>{FLOOD_CHECK_STATE_LABELS[v.progress.state]}</Tag>
                    {v.progress.recorded}/{v.progress.total}
                    {v.progress.open.length > 0 && <Tag color="orange">未整改 {v.progress.open.length}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      {fixing && <FixModal id={id} code={code} item={fixing} onClose={() => setFixing(undefined)} />}
    </Space>
  );
}

function FixModal({ id, code, item, onClose }: { id: number; code: string; item: TItem; onClose: () => void }) {
  const [form] = Form.useForm<{ fixedOn: Dayjs; note: string }>();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const fix = useMutation({
    mutationFn: (f: { fixedOn: Dayjs; note: string }) => floodCheckApi.fix(id, code, item.code, f.fixedOn.format('YYYY-MM-DD'), f.note),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: FLOOD_KEYS });
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Modal
      title={`整改销号：${item.label}`}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="销号"
      confirmLoading={fix.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ fixedOn: dayjs(), note: '' }} onFinish={(f) => fix.mutate(f)}>
        <Form.Item name="fixedOn" label="整改日期" rules={[{ required: true, message: '整改日期必须选择' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label="整改情况" rules={[{ required: true, message: '整改情况必须填写' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
