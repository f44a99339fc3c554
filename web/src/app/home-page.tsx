import { RightOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@yingji/domain/org/org.schema';
import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { useCurrentMe } from './auth';
import { useNavItems } from './app-layout';
import { bureauNow, formatTime } from './locale';
import { Workbench } from './workbench';

function greeting(): string {
  const hour = bureauNow().hour();
  if (hour < 6) return '凌晨好';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

/** How far this user's data reaches, in words: the division code is a prefix of everything they see. */
function scopeText(divisionCode: string, divisionName: string | null, enterpriseName: string | null): string {
  // An enterprise user sees his own firm's records only, whatever his division.
  if (enterpriseName) return `${enterpriseName}（仅限本企业的数据）`;
  const name = divisionName ?? divisionCode;
  if (divisionCode.length === 9) return `${name}（仅限本镇街的数据）`;
  if (divisionCode.length === 6) return `${name}（本区县及下辖镇街的数据）`;
  if (divisionCode.length === 4) return `${name}（全市及各镇街的数据）`;
  return `${name}（全省的数据）`;
}

export function HomePage() {
  const me = useCurrentMe();
  const { user } = me;
  const firm = user.role === 'enterprise_user';
  const modules = useNavItems().filter((i) => i.path !== '/');

  return (
    <div className="page">
      <Card className="welcome-card" variant="borderless">
        <Typography.Title level={3} className="welcome-title">
          {greeting()}，{user.displayName}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="welcome-sub">
          欢迎使用应急管理综合监管平台。您的数据范围：
          <strong data-testid="home-scope">
            {scopeText(user.divisionCode, user.divisionName, firm ? (me.enterpriseName ?? '本企业') : null)}
          </strong>
        </Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'username', label: '用户名', children: user.username },
            { key: 'role', label: '角色', children: ROLE_LABELS[user.role] },
            // an enterprise user's scope is the firm, not the town it sits in
            firm
              ? { key: 'firm', label: '所属企业', children: me.enterpriseName ?? '—' }
              : { key: 'division', label: '所属区划', children: `${user.divisionName ?? '—'}（${user.divisionCode}）` },
            ...(firm ? [] : [{ key: 'department', label: '科室', children: user.departmentName ?? '—' }]),
            { key: 'phone', label: '联系电话', children: user.phone ?? '—' },
            { key: 'lastLogin', label: '上次登录', children: formatTime(me.previousLoginAt) },
          ]}
        />
      </Card>
      <Typography.Title level={4} className="section-title">
        工作台
      </Typography.Title>
      <Workbench />
      {modules.length > 0 && (
        <>
          <Typography.Title level={5} className="section-title">
            常用功能
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {modules.map((m) => (
              <Col key={m.path} xs={12} md={8} xl={6}>
                <Link to={m.path}>
                  <Card hoverable size="small" className="module-card">
                    <span className="module-icon">{m.icon}</span>
                    <span className="module-label">{m.label}</span>
                    <RightOutlined className="module-arrow" />
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </>
      )}
    </div>
  );
}
