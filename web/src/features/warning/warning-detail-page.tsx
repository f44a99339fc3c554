import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TWarningBoard } from '@yingji/domain/warning/warning.schema';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Popconfirm, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { attachmentUrl } from '../../api/attachment.api';
import { responseApi, WARNING_KEYS, warningApi } from '../../api/warning.api';
import { RESPONSE_LEVEL_LABELS } from '@yingji/domain/warning/response.contract';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { useEventStream } from '../notification/use-event-stream';
import { LEVEL_LABELS, SOURCE_LABELS, WarningTag } from './warning-data';
import { WarningBoard } from './warning-board';
import { DoubleThirtyTable } from './double-thirty-table';

const LOG_LABELS = { sent: '发送', repeated: '重复呼叫', escalated: '升级', answered: '应答', closed: '关闭' } as const;
const ACTION_LABELS = { issue: '发布', update: '更新', lift: '解除' } as const;

/** A warning: what it says, the live board, the call log, its versions and the waterlogging points in its area. */
export function WarningDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const can = useCan();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const detail = useQuery({ queryKey: [...WARNING_KEYS.all, id], queryFn: () => warningApi.detail(id) });
  const liveBoard = useEventStream<TWarningBoard>(warningApi.boardStreamUrl(id));
  const polled = useQuery({ queryKey: [...WARNING_KEYS.all, id, 'board'], queryFn: () => warningApi.board(id), enabled: !liveBoard });
  const board = liveBoard ?? polled.data;
  const log = useQuery({
    queryKey: [...WARNING_KEYS.all, id, 'log', board?.generatedAt],
    queryFn: () => warningApi.log(id),
    enabled: !!board,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...WARNING_KEYS.all, id] });
  const lift = useMutation({
    mutationFn: () => warningApi.lift(id, { version: detail.data!.version, note }),
    onSuccess: () => {
      void message.success('预警已解除');
      void refresh();
    },
    onError: (e) => onError(e),
  });
  const answer = useMutation({
    mutationFn: () => warningApi.answerInApp(id, ''),
    onSuccess: () => {
      void message.success('已应答“已知悉”');
      void refresh();
    },
    onError: (e) => onError(e),
  });
  const [escalating, setEscalating] = useState<{ id: number; name: string; postTitle: string } | null>(null);
  const [reason, setReason] = useState('');
  const escalate = useMutation({
    mutationFn: () => warningApi.escalateNow(id, escalating!.id, reason),
    onSuccess: () => {
      void message.success(`已将${escalating!.name}的叫应立即升级`);
      setEscalating(null);
      setReason('');
      void refresh();
    },
    onError: (e) => onError(e),
  });
  // A consultation overdue under a response on is shown above the board (the duty room acts on both at once).
  const responses = useQuery({
    queryKey: [...WARNING_KEYS.responses, 'active', board?.generatedAt.slice(0, 15)],
    queryFn: () => responseApi.list({ active: '1', page: 1, pageSize: 50 }),
  });
  const overdue = (responses.data?.items ?? []).filter((r) => r.overdue);
  const w = detail.data;
  if (!w) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={
          <Space>
            <WarningTag kind={w.kind} level={w.level} />
            {w.state === 'lifted' ? <Tag>已解除</Tag> : <Tag color="processing">生效中 · 第{w.version}版</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {w.state === 'active' ? (
              <Button onClick={() => answer.mutate()} loading={answer.isPending}>
                我已知悉
              </Button>
            ) : null}
            {w.state === 'active' && can('warning.issue') ? (
              <Button onClick={() => void navigate(`/warnings/${w.id}/update`)}>更新预警</Button>
            ) : null}
            {w.state === 'active' && can('warning.issue') ? (
              <Popconfirm
                title="解除预警"
                description={<Input placeholder="解除说明（可选）" value={note} onChange={(e) => setNote(e.target.value)} />}
                okText="解除"
                cancelText="取消"
                onConfirm={() => lift.mutate()}
              >
                <Button danger loading={lift.isPending}>
                  解除预警
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="级别">{LEVEL_LABELS[w.level]}</Descriptions.Item>
          <Descriptions.Item label="范围">{w.areaAll ? '全市' : w.towns.map((t) => t.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label="发布时间">{formatTime(w.issuedAt)}</Descriptions.Item>
          <Descriptions.Item label="预计持续至">{w.expectedUntil ? formatTime(w.expectedUntil) : '—'}</Descriptions.Item>
          <Descriptions.Item label="来源">{SOURCE_LABELS[w.source]}</Descriptions.Item>
          {w.attachment ? (
            <Descriptions.Item label="附件">
              <a href={attachmentUrl(w.attachment)} target="_blank" rel="noreferrer">
                预警文件
              </a>
            </Descriptions.Item>
          ) : null}
          {w.liftedAt ? <Descriptions.Item label="解除时间">{formatTime(w.liftedAt)}</Descriptions.Item> : null}
          <Descriptions.Item label="内容" span={2}>
            {w.text}
          </Descriptions.Item>
        </Descriptions>
        {w.unheldPosts.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            message={`范围内 ${w.unheldPosts.length} 个岗位无人在岗，未能叫应`}
            description={w.unheldPosts.map((p) => `${p.townName}${p.villageName ?? ''}${p.title}`).join('、')}
          />
        ) : null}
      </Card>
      {overdue.map((r) => (
        <Alert
          key={r.id}
          type="error"
          showIcon
          data-testid="overdue-consultation"
          message={`${r.areaName}${RESPONSE_LEVEL_LABELS[r.level]}应急响应：会商研判已逾期（应于 ${formatTime(r.nextDueAt)} 前会商）`}
          action={<Link to={`/warnings/responses/${r.id}`}>记录会商</Link>}
        />
      ))}
      <Card>
        <Tabs
          items={[
            {
              key: 'board',
              label: '叫应看板',
              children: board ? (
                <WarningBoard board={board} live={!!liveBoard} onEscalate={can('warning.escalate') ? setEscalating : undefined} />
              ) : (
                <Card loading />
              ),
            },
            {
              key: 'log',
              label: '叫应记录',
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  dataSource={log.data?.items ?? []}
                  pagination={false}
                  scroll={{ x: 700 }}
                  columns={[
                    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
                    { title: '事项', dataIndex: 'kind', width: 90, render: (k: keyof typeof LOG_LABELS) => LOG_LABELS[k] },
                    { title: '镇街', dataIndex: 'townName', width: 100 },
                    { title: '人员', dataIndex: 'name', width: 100 },
                    {
                      title: '渠道',
                      dataIndex: 'channel',
                      width: 100,
                      render: (c: string | null) =>
                        ({ sms: '短信', 'voice+sms': '语音+短信', 'sms-link': '短信链接', app: '系统内' })[c ?? ''] ?? '—',
                    },
                    { title: '说明', dataIndex: 'detail' },
                  ]}
                />
              ),
            },
            {
              key: 'versions',
              label: `版本（${w.versions.length}）`,
              children: (
                <Timeline
                  items={w.versions.map((v) => ({
                    children: `${formatTime(v.at)} 第${v.version}版 ${ACTION_LABELS[v.action]}（${v.actorName}）：${v.text}`,
                  }))}
                />
              ),
            },
            {
              key: 'points',
              label: `内涝点（${w.points.length}）`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  dataSource={w.points}
                  pagination={false}
                  scroll={{ x: 700 }}
                  columns={[
                    { title: '镇街', dataIndex: 'townName', width: 90 },
                    {
                      title: '水浸点',
                      dataIndex: 'name',
                      render: (name: string, p) => <Link to={`/warnings/points/${p.id}`}>{name}</Link>,
                    },
                    { title: '责任人', render: (_, p) => `${p.responsiblePerson} ${p.phone}` },
                    { title: '水泵', dataIndex: 'pumps', width: 60 },
                    { title: '封路措施', dataIndex: 'roadClosure' },
                    { title: '转移措施', dataIndex: 'evacuation' },
                  ]}
                />
              ),
            },
            {
              key: 'checks',
              label: `双三十检查（${w.checks.length}）`,
              children: <DoubleThirtyTable checks={w.checks} showPoint />,
            },
          ]}
        />
      </Card>
      <Modal
        open={escalating !== null}
        title="立即升级"
        okText="立即升级"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: escalate.isPending }}
        cancelText="取消"
        onOk={() => escalate.mutate()}
        onCancel={() => setEscalating(null)}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {escalating ? `${escalating.postTitle}${escalating.name}` : ''}
            未应答，不等计时，立即呼叫其上级岗位（无上级岗位时呼叫镇街带班领导）。
          </Typography.Text>
          <Input.TextArea
            aria-label="升级原因"
            placeholder="升级原因（必填，记入叫应记录和审计日志），如：电话无人接听"
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.target.value)}
          />
        </Space>
      </Modal>
    </Space>
  );
}
