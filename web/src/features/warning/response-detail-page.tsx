import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RESPONSE_LEVEL_LABELS, type TResponseDetail } from '@yingji/domain/warning/response.contract';
import { RESPONSE_LEVELS } from '@yingji/domain/warning/warning.settings';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { attachmentUrl } from '../../api/attachment.api';
import { responseApi, WARNING_KEYS } from '../../api/warning.api';
import { useCan } from '../../app/auth';
import { bureauNow, formatTime, toBureauIso } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { DocumentUpload } from '../hazard/document-upload';
import { ConsultationDue, RESPONSE_COLORS } from './responses-page';

type TConsultForm = { heldAt: Dayjs; attendees: string; conclusions: string; attachments: string[] };

/** A response: its level and reasons, the levels before it, the consultation schedule and the consultations held. */
export function ResponseDetailPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const queryClient = useQueryClient();
  const [changing, setChanging] = useState<'change' | 'end' | null>(null);
  const [changeForm] = Form.useForm<{ level: TResponseDetail['level']; reason: string }>();
  const [consultForm] = Form.useForm<TConsultForm>();
  const detail = useQuery({ queryKey: [...WARNING_KEYS.responses, id], queryFn: () => responseApi.detail(id) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: WARNING_KEYS.responses });
  const change = useMutation({
    mutationFn: (v: { level: TResponseDetail['level']; reason: string }) =>
      changing === 'end' ? responseApi.end(id, v.reason) : responseApi.change(id, v),
    onSuccess: (r) => {
      void message.success(changing === 'end' ? '应急响应已终止' : `响应级别已调整为${RESPONSE_LEVEL_LABELS[r.level]}`);
      setChanging(null);
      void refresh();
      if (r.id !== id) void navigate(`/warnings/responses/${r.id}`);
    },
    onError: (e) => onError(e, changeForm),
  });
  const consult = useMutation({
    mutationFn: (v: TConsultForm) => responseApi.consult(id, { ...v, heldAt: toBureauIso(v.heldAt), attachments: v.attachments ?? [] }),
    onSuccess: () => {
      void message.success('会商记录已保存');
      consultForm.resetFields();
      void refresh();
    },
    onError: (e) => onError(e, consultForm),
  });
  const r = detail.data;
  if (!r) return <Card loading />;
  const on = !r.endedAt;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={
          <Space>
            <Tag color={RESPONSE_COLORS[r.level]}>{RESPONSE_LEVEL_LABELS[r.level]}应急响应</Tag>
            <span>{r.areaName}</span>
            {on ? <Tag color="processing">生效中</Tag> : <Tag>已结束</Tag>}
          </Space>
        }
        extra={
          on && can('warning.response') ? (
            <Space wrap>
              <Button onClick={() => setChanging('change')} data-testid="change-response">
                提升/降低级别
              </Button>
              <Button danger onClick={() => setChanging('end')}>
                终止响应
              </Button>
            </Space>
          ) : null
        }
      >
        {r.overdue ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={`会商研判已逾期：${RESPONSE_LEVEL_LABELS[r.level]}响应每 ${r.frequencyHours} 小时会商一次，应于 ${formatTime(r.nextDueAt)} 前会商`}
          />
        ) : null}
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="启动时间">{formatTime(r.startedAt)}</Descriptions.Item>
          <Descriptions.Item label="启动人">{r.actorName}</Descriptions.Item>
          <Descriptions.Item label="会商频次">每 {r.frequencyHours} 小时至少一次</Descriptions.Item>
          <Descriptions.Item label="下次会商">
            <ConsultationDue r={r} />
          </Descriptions.Item>
          <Descriptions.Item label="原因" span={2}>
            {r.reason}
          </Descriptions.Item>
          {r.endedAt ? (
            <Descriptions.Item label="结束" span={2}>
              {formatTime(r.endedAt)}：{r.endReason}
            </Descriptions.Item>
          ) : null}
          {r.warningIds.length > 0 ? (
            <Descriptions.Item label="触发的预警" span={2}>
              <Space wrap>
                {r.warningIds.map((w) => (
                  <Link key={w} to={`/warnings/${w}`}>
                    预警 #{w}
                  </Link>
                ))}
              </Space>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {r.history.length > 0 ? (
          <>
            <Typography.Title level={5}>级别变化</Typography.Title>
            <Timeline
              items={r.history.map((h) => ({
                children: (
                  <Link to={`/warnings/responses/${h.id}`}>
                    {formatTime(h.startedAt)} {RESPONSE_LEVEL_LABELS[h.level]}（{h.reason}）→ {formatTime(h.endedAt)} {h.endReason}
                  </Link>
                ),
              }))}
            />
          </>
        ) : null}
      </Card>
      <Card title={`会商研判（${r.items.length}）`}>
        {on && can('warning.response') ? (
          <Form<TConsultForm>
            form={consultForm}
            layout="vertical"
            initialValues={{ heldAt: bureauNow(), attachments: [] }}
            onFinish={(v) => consult.mutate(v)}
          >
            <Form.Item name="heldAt" label="会商时间" rules={[{ required: true, message: '请选择会商时间' }]}>
              <DatePicker showTime format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Form.Item name="attendees" label="参会人员" rules={[{ required: true, min: 2, message: '请填写参会人员' }]}>
              <Input placeholder="如：三防办、气象台、水务局、坦洲镇" />
            </Form.Item>
            <Form.Item name="conclusions" label="会商结论" rules={[{ required: true, min: 4, message: '会商结论至少 4 个字' }]}>
              <Input.TextArea rows={3} placeholder="研判意见与部署" />
            </Form.Item>
            <Form.Item name="attachments" label="附件（会议纪要等 PDF）">
              <DocumentUpload max={10} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={consult.isPending} data-testid="save-consultation">
              记录会商
            </Button>
          </Form>
        ) : null}
        <List
          style={{ marginTop: 16 }}
          dataSource={r.items}
          locale={{ emptyText: '尚无会商记录' }}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={`${formatTime(c.heldAt)} · ${c.attendees}`}
                description={
                  <Space direction="vertical" size={2}>
                    <span>{c.conclusions}</span>
                    {c.attachments.map((a, i) => (
                      <a key={a} href={attachmentUrl(a)} target="_blank" rel="noreferrer">
                        附件 {i + 1}
                      </a>
                    ))}
                    <Typography.Text type="secondary">记录人：{c.actorName}</Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={changing !== null}
        title={changing === 'end' ? '终止应急响应' : '提升/降低响应级别'}
        okText={changing === 'end' ? '终止' : '调整'}
        cancelText="取消"
        okButtonProps={{ danger: changing === 'end', loading: change.isPending }}
        onOk={() => changeForm.submit()}
        onCancel={() => setChanging(null)}
        destroyOnHidden
      >
        <Form form={changeForm} layout="vertical" initialValues={{ level: r.level }} onFinish={(v) => change.mutate(v)}>
          {changing === 'change' ? (
            <Form.Item name="level" label="新级别" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={RESPONSE_LEVELS.map((l) => ({ value: l, label: RESPONSE_LEVEL_LABELS[l] }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="reason" label="原因" rules={[{ required: true, min: 4, message: '原因至少 4 个字' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
