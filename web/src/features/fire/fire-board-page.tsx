import { useQuery, useQueryClient } from '@tanstack/react-query';
import { nextBoard } from '@yingji/domain/fire/fire-board-delta.rules';
import type { TBoard, TFireIncident } from '@yingji/domain/fire/fire.schema';
import { DEVICE_ALERT_KINDS } from '@yingji/domain/fire/fire.rules';
import { Alert, Card, Empty, List, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fireApi } from '../../api/fire.api';
import { FireMap } from './fire-map';
import { bjTime, FIRE_KEYS, IncidentStatusTag, secondsUntil } from './fire-data';
import './fire.css';

/** Seconds between polls of the board (each asks what changed since the board held: 304 while nothing changed). */
const POLL_MS = 3000;
const BOARD_KEY = [...FIRE_KEYS.all, 'board'];

/** The board brought up to date: the changes since the one held applied to it, or the full board when there is none. */
async function pollBoard(held: TBoard | undefined): Promise<TBoard> {
  const next = nextBoard(held, await fireApi.board(24, held?.stamp));
  if (next) return next;
  // a delta that does not apply to the board held (not expected: it answers the stamp sent): the full board
  const full = nextBoard(undefined, await fireApi.board(24));
  if (!full) throw new Error('看板数据不完整，请刷新页面');
  return full;
}

function AckCell({ i, now }: { i: TFireIncident; now: number }) {
  if (i.acknowledgedAt) return <span className="cell-sub">已签收 {bjTime(i.acknowledgedAt).slice(-8)}</span>;
  if (i.status !== 'new') return <span className="cell-sub">—</span>;
  const left = secondsUntil(i.ackDeadline, now);
  if (left < 0)
    return (
      <span className="fire-late">
        超时 {Math.ceil(-left / 60)} 分钟{i.escalatedTo ? `，已提醒${i.escalatedTo}` : ''}
      </span>
    );
  return (
    <span>
      剩余 {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')}
    </span>
  );
}

/** 火情值班看板: incidents merged from camera alarms, live; the map of cameras and incidents; device alerts. */
export function FireBoardPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const board = useQuery({
    queryKey: BOARD_KEY,
    queryFn: () => pollBoard(queryClient.getQueryData<TBoard>(BOARD_KEY)),
    refetchInterval: POLL_MS,
  });
  const sites = useQuery({ queryKey: [...FIRE_KEYS.all, 'sites'], queryFn: () => fireApi.sites(), refetchInterval: 60_000 });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const b = board.data;

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          森林火情值班看板
        </Typography.Title>
        <div className="page-actions">
          <span className="fire-live" data-testid="fire-live">
            ● 实时（每 {POLL_MS / 1000} 秒更新）
            {board.dataUpdatedAt ? `，更新于 ${new Date(board.dataUpdatedAt).toLocaleTimeString('zh-CN', { hour12: false })}` : ''}
          </span>
        </div>
      </div>
      {board.error ? <Alert type="error" showIcon title={board.error.message} /> : null}
      <div className="fire-counts">
        <Card size="small">
          <Statistic
            title="待核实"
            value={b?.counts.new ?? 0}
            styles={{ content: { color: (b?.counts.new ?? 0) > 0 ? '#d9363e' : undefined } }}
          />
        </Card>
        <Card size="small">
          <Statistic title="超时未签收" value={b?.counts.unacknowledgedLate ?? 0} />
        </Card>
        <Card size="small">
          <Statistic title="确认火情待派警" value={b?.counts.verified ?? 0} />
        </Card>
        <Card size="small">
          <Statistic title="处置中" value={b?.counts.dispatched ?? 0} />
        </Card>
        <Card size="small">
          <Statistic title="设备告警" value={b?.deviceAlerts.length ?? 0} />
        </Card>
      </div>
      <div className="fire-grid">
        <Card size="small" title="火情事件（未结及近 24 小时）">
          <Table<TFireIncident>
            size="small"
            rowKey="id"
            data-testid="fire-incidents"
            loading={board.isLoading}
            dataSource={b?.incidents ?? []}
            pagination={{ pageSize: 15, hideOnSinglePage: true }}
            onRow={(r) => ({ onClick: () => void navigate(`/fire/incidents/${r.id}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: '状态', dataIndex: 'status', width: 96, render: (s: TFireIncident['status']) => <IncidentStatusTag status={s} /> },
              {
                title: '事件',
                render: (_, r) => (
                  <div>
                    <Link to={`/fire/incidents/${r.id}`}>#{r.id}</Link> {r.townName}
                    <div className="cell-sub">{r.channels.map((c) => `${c.siteName}${c.code}`).join('、')}</div>
                  </div>
                ),
              },
              { title: '告警', dataIndex: 'alarmCount', width: 64 },
              { title: '最近告警', dataIndex: 'lastSeenAt', width: 170, render: (v: string) => bjTime(v) },
              { title: '签收', width: 180, render: (_, r) => <AckCell i={r} now={now} /> },
            ]}
          />
        </Card>
        <Card size="small" title="监控点与火情分布">
          <FireMap sites={sites.data?.items ?? []} incidents={b?.incidents ?? []} onPick={(id) => void navigate(`/fire/incidents/${id}`)} />
        </Card>
      </div>
      <Card size="small" title="设备告警" style={{ marginTop: 12 }}>
        {b && b.deviceAlerts.length === 0 ? (
          <Empty description="所有通道运行正常" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            size="small"
            data-testid="fire-device-alerts"
            dataSource={b?.deviceAlerts ?? []}
            renderItem={(a) => (
              <List.Item>
                <Tag color={a.kind === 'power_loss' ? 'red' : 'orange'}>
                  {DEVICE_ALERT_KINDS[a.kind as keyof typeof DEVICE_ALERT_KINDS] ?? a.kind}
                </Tag>
                {a.siteName} {a.channelCode} <span className="cell-sub">自 {bjTime(a.openedAt)}</span>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
