import { BellOutlined } from '@ant-design/icons';
import type { TNotificationCount } from '@yingji/domain/notification/notification.contract';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { NOTIFICATION_KEYS, notificationApi } from '../../api/notification.api';
import { useEventStream } from './use-event-stream';

/** The header's bell: the unread count, pushed live; a new count refreshes the open notification list. */
export function NotificationBell() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const live = useEventStream<TNotificationCount>(notificationApi.streamUrl);
  useEffect(() => {
    if (live) void queryClient.invalidateQueries({ queryKey: NOTIFICATION_KEYS.all });
  }, [live, queryClient]);
  const unread = live?.unread ?? 0;
  return (
    <Badge count={unread} size="small" overflowCount={99} offset={[-6, 6]}>
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={unread > 0 ? `通知：${unread} 条未读` : '通知'}
        data-testid="notification-bell"
        onClick={() => void navigate('/notifications')}
      />
    </Badge>
  );
}
