/** 工作台: the user's to-dos from every module (GET /api/workbench), as cards with a count and a link to the list. */
import { useQuery } from '@tanstack/react-query';
import { WORKBENCH_GROUP_LABELS, type TWorkbenchItem } from '@yingji/domain/workbench/workbench.schema';
import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { workbenchApi } from '../api/workbench.api';
import { useCurrentMe } from './auth';

/** To-dos first; a leader's approvals before them (his work is mostly signing off). */
const groupsFor = (role: string) =>
  role === 'bureau_leader' ? (['approval', 'todo', 'watch'] as const) : (['todo', 'approval', 'watch'] as const);

function WorkbenchCard({ item }: { item: TWorkbenchItem }) {
  const idle = item.count === 0;
  return (
    <Link to={item.href} data-testid={`workbench-${item.key}`}>
      <Card hoverable size="small" className={`workbench-card workbench-${idle ? 'idle' : item.severity}`}>
        <div className="workbench-count">{item.count.toLocaleString('zh-CN')}</div>
        <div className="workbench-text">
          <div className="workbench-title">{item.title}</div>
          {item.hint && <div className="workbench-hint">{item.hint}</div>}
        </div>
      </Card>
    </Link>
  );
}

export function Workbench() {
  const { user } = useCurrentMe();
  const workbench = useQuery({ queryKey: ['workbench'], queryFn: workbenchApi.get, refetchInterval: 60_000 });
  if (workbench.isPending) return <Skeleton active />;
  if (workbench.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={`工作台加载失败：${(workbench.error as Error).message}`}
        action={<Button onClick={() => void workbench.refetch()}>重试</Button>}
      />
    );
  const items = workbench.data.items;
  const busy = items.filter((i) => i.count > 0);
  return (
    <div className="workbench" data-testid="workbench">
      {/* one line, not an empty-box picture above cards that each say 0 */}
      {busy.length === 0 && (
        <div className="workbench-clear" data-testid="workbench-clear">
          <CheckCircleOutlined /> 今天没有待办事项，以下各项均为 0
        </div>
      )}
      {groupsFor(user.role).map((group) => {
        const inGroup = items.filter((i) => i.group === group);
        if (inGroup.length === 0) return null;
        return (
          <section key={group} className="workbench-group">
            <Typography.Title level={5} className="section-title">
              {WORKBENCH_GROUP_LABELS[group]}
              <span className="workbench-group-count">
                {inGroup.filter((i) => i.count > 0).length > 0
                  ? `（${inGroup.reduce((a, i) => a + i.count, 0).toLocaleString('zh-CN')}）`
                  : ''}
              </span>
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {inGroup.map((item) => (
                <Col key={item.key} xs={24} sm={12} lg={8} xl={6}>
                  <WorkbenchCard item={item} />
                </Col>
              ))}
            </Row>
          </section>
        );
      })}
    </div>
  );
}
