import type { TUser } from '@yingji/domain/org/org.schema';
import { Alert, Button, Modal, Typography } from 'antd';

export interface TOneTimePasswordNotice {
  kind: 'create' | 'reset';
  user: TUser;
  oneTimePassword: string;
}

/** Shows a new account's or a reset account's one-time password: the only time it can be read. */
export function OneTimePasswordModal({ notice, onClose }: { notice: TOneTimePasswordNotice | null; onClose: () => void }) {
  return (
    <Modal
      open={notice !== null}
      title={notice?.kind === 'create' ? '账号已创建' : '密码已重置'}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下，关闭
        </Button>
      }
    >
      {notice && (
        <>
          <Typography.Paragraph>
            {notice.kind === 'create' ? '已为' : '已重置'} <strong>{notice.user.displayName}</strong>（{notice.user.username}）
            {notice.kind === 'create' ? '创建账号' : '的密码'}，一次性密码如下：
          </Typography.Paragraph>
          <div className="otp-box">
            <Typography.Text copyable={{ text: notice.oneTimePassword, tooltips: ['复制', '已复制'] }}>
              <span data-testid="one-time-password">{notice.oneTimePassword}</span>
            </Typography.Text>
          </div>
          <Alert
            type="warning"
            showIcon
            title="此密码只显示这一次"
            description="关闭后无法再次查看。请通过安全渠道交给本人；对方首次登录时须修改密码。"
          />
        </>
      )}
    </Modal>
  );
}
