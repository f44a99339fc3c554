import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TNotification } from '@yingji/domain/notification/notification.contract';
import { Badge, Button, Card, List, Segmented, Space, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { NOTIFICATION_KEYS, notificationApi } from '../../api/notification.api';
import { formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';

const KIND_LABELS: Record<string, string> = {
  'warning.call': '预警叫应',
  'hazard.due_soon': '隐患期限',
  'case.decision_due_soon': '案件期限',
  'case.approval_waiting': '待审批',
};

/** 通知中心: the user's notifications, unread first in bold; opening one marks it read and goes to its page. */
export function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const queryClient = useQueryClient();
  const unreadOnly = params.get('unread') === '1';
  const page = Number(params.get('page') ?? 1);
  const list = useQuery({
    queryKey: [...NOTIFICATION_KEYS.all, 'list', unreadOnly, page],
    queryFn: () => notificationApi.list({ ...(unreadOnly ? { unread: '1' as const } : {}), page, pageSize: 20 }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATION_KEYS.all });
  const readAll = useMutation({ mutationFn: notificationApi.readAll, onSuccess: refresh, onError: (e) => onError(e) });
  const open = async (n: TNotification) => {
    if (!n.readAt) await notificationApi.read(n.id).catch(onError);
    await refresh();
    if (n.href) void navigate(n.href);
  };

  return (
    <Card
      title={
        <Space>
          通知中心
          {list.data ? <Badge count={list.data.unread} /> : null}
        </Space>
      }
      extra={
        <Space wrap>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unread', label: '未读' },
            ]}
            onChange={(v) => setParams(v === 'unread' ? { unread: '1' } : {})}
          />
          <Button icon={<CheckOutlined />} onClick={() => readAll.mutate()} loading={readAll.isPending} disabled={!list.data?.unread}>
            全部已读
          </Button>
        </Space>
      }
    >
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: unreadOnly ? '没有未读通知' : '暂无通知' }}
        pagination={
          (list.data?.total ?? 0) > 20
            ? {
                current: page,
                pageSize: 20,
                total: list.data?.total ?? 0,
                onChange: (p) => setParams({ ...(unreadOnly ? { unread: '1' } : {}), page: String(p) }),
              }
            : false
        }
        renderItem={(n) => (
          <List.Item
            data-testid="notification-item"
            style={{ cursor: n.href ? 'pointer' : 'default' }}
            onClick={() => void open(n)}
            extra={<Typography.Text type="secondary">{formatTime(n.createdAt)}</Typography.Text>}
          >
            <List.Item.Meta
              avatar={<Badge status={n.readAt ? 'default' : 'processing'} />}
              title={<span style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</span>}
              description={
                <Space size={8} wrap>
                  <Typography.Text type="secondary">{KIND_LABELS[n.kind] ?? n.module}</Typography.Text>
                  {n.body ? <span>{n.body}</span> : null}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
