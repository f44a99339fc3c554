import type { TWarningBoard } from '@yingji/domain/warning/warning.schema';
import { Button, Card, Col, Empty, List, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { formatTime } from '../../app/locale';
import { STAGE_LABELS } from './warning-data';

type TSilent = TWarningBoard['towns'][number]['silent'][number];

/**
 * The board: totals, then one card per town with its figures and who is still silent (escalations marked); with
 * `onEscalate`, a waiting person below the town leader has a 立即升级 button.
 */
export function WarningBoard({ board, live, onEscalate }: { board: TWarningBoard; live: boolean; onEscalate?: (s: TSilent) => void }) {
  const { totals } = board;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Statistic title="应叫应" value={totals.called} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="已应答" value={totals.answered} valueStyle={{ color: '#389e0d' }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="待应答" value={totals.waiting} valueStyle={{ color: totals.waiting ? '#d48806' : undefined }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="已升级" value={totals.escalated} valueStyle={{ color: totals.escalated ? '#cf1322' : undefined }} />
        </Col>
      </Row>
      <Typography.Text type="secondary" data-testid="board-updated">
        {live ? '实时' : '离线'} · 更新于 {formatTime(board.generatedAt)}
      </Typography.Text>
      {board.towns.length === 0 ? <Empty description="范围内没有叫应对象" /> : null}
      <Row gutter={[16, 16]}>
        {board.towns.map((t) => (
          <Col xs={24} md={12} xl={8} key={t.code}>
            <Card
              size="small"
              title={t.name}
              data-testid={`board-town-${t.code}`}
              extra={<span data-testid="town-figures">{`${t.answered}/${t.called} 已应答`}</span>}
            >
              <Progress
                percent={t.called ? Math.round((t.answered / t.called) * 100) : 0}
                size="small"
                status={t.escalated ? 'exception' : undefined}
              />
              <Space size={8} wrap style={{ margin: '8px 0' }}>
                <Tag color="green">已应答 {t.answered}</Tag>
                <Tag color="gold">待应答 {t.waiting}</Tag>
                <Tag color="red">已升级 {t.escalated}</Tag>
              </Space>
              {t.silent.length > 0 ? (
                <List
                  size="small"
                  header={<Typography.Text strong>未应答</Typography.Text>}
                  dataSource={t.silent}
                  renderItem={(s) => (
                    <List.Item
                      data-testid="silent-person"
                      actions={
                        onEscalate && board.state === 'active' && s.state === 'waiting' && s.stage < 2
                          ? [
                              <Button key="escalate" size="small" danger data-testid="escalate-now" onClick={() => onEscalate(s)}>
                                立即升级
                              </Button>,
                            ]
                          : undefined
                      }
                    >
                      <Space size={6} wrap>
                        <span>{s.name}</span>
                        <Typography.Text type="secondary">
                          {s.villageName ?? ''}
                          {s.postTitle}
                        </Typography.Text>
                        {s.stage > 0 ? <Tag color="volcano">{STAGE_LABELS[s.stage]}</Tag> : null}
                        {s.state === 'escalated' ? <Tag color="red">已升级</Tag> : null}
                        {s.repeats > 0 ? <Tag>重呼 {s.repeats} 次</Tag> : null}
                        <Typography.Text type="secondary">{s.minutesSilent ?? 0} 分钟</Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              ) : null}
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
