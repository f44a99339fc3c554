/** 执行: the approved schedule, 催告, the court's window and 按日连续处罚 of a served case. */
import { CLOSURE_GROUND_LABELS, PAYMENT_PLAN_KIND_LABELS, type TCaseDetail, type TCaseExecution } from '@yingji/domain/case/case.schema';
import { Alert, Card, Descriptions, Table, Tag } from 'antd';
import { formatTime } from '../../app/locale';
import { yuan } from './case-data';

type TInstalmentRow = NonNullable<TCaseExecution['plan']>['instalments'][number];

export function Execution({ d }: { d: TCaseDetail }) {
  const x = d.execution;
  if (!x) return null;
  const f = x.dailyFine;
  return (
    <Card variant="borderless" title="执行" data-testid="case-execution">
      {x.closureAlertedAt && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message="已提请地方人民政府予以关闭（安全生产法第一百一十三条）"
          description={`${x.closureGround ? CLOSURE_GROUND_LABELS[x.closureGround] : ''}；${formatTime(x.closureAlertedAt)} 已通知属地镇街`}
        />
      )}
      <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 8 }}>
        <Descriptions.Item label="当前缴款期限">{x.dueOn ?? '已缴清'}</Descriptions.Item>
        <Descriptions.Item label="已逾期未缴">
          {x.overdueFen > 0 ? <span className="clock-late">{yuan(x.overdueFen)}</span> : '无'}
        </Descriptions.Item>
        {x.overdueFen > 0 && (
          <Descriptions.Item label="今日缴纳应加处罚款">
            <span className="clock-late">{yuan(x.surchargeTodayFen)}</span>（每日 3%，不超过罚款数额）
          </Descriptions.Item>
        )}
      </Descriptions>
      {x.plan && (
        <>
          <div className="cell-sub" style={{ marginBottom: 4 }}>
            <Tag color="blue">{PAYMENT_PLAN_KIND_LABELS[x.plan.type]}</Tag>
            {x.plan.appliedOn} 当事人申请，{x.plan.approvedOn} 批准：{x.plan.reason}
          </div>
          <Table<TInstalmentRow>
            rowKey="dueOn"
            size="small"
            pagination={false}
            style={{ marginBottom: 12 }}
            columns={[
              { title: '期次', render: (_, _r, i) => `第 ${i + 1} 期` },
              { title: '缴纳期限', dataIndex: 'dueOn' },
              { title: '金额', align: 'right', render: (_, r) => yuan(r.amountFen) },
              { title: '尚欠', align: 'right', render: (_, r) => (r.owingFen ? yuan(r.owingFen) : '已缴清') },
            ]}
            dataSource={x.plan.instalments}
          />
        </>
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="催告（行政强制法第三十五条、第五十四条）">
          {x.demand
            ? `${x.demand.servedOn} 送达，履行期限至 ${x.demand.complyBy}`
            : x.demandEarliestComplyBy
              ? `未催告；今日送达的催告书履行期限最早至 ${x.demandEarliestComplyBy}（十个工作日）`
              : '未逾期，无需催告'}
        </Descriptions.Item>
        {x.enforcement && (
          <Descriptions.Item label="申请人民法院强制执行（第五十三条）">
            {x.enforcementAppliedOn
              ? `${x.enforcementAppliedOn} 已向${x.enforcementCourt ?? ''}申请`
              : `可申请期间 ${x.enforcement.opensOn} 至 ${x.enforcement.closesOn}（起诉期限六个月届满后三个月内）`}
          </Descriptions.Item>
        )}
        {f && (
          <Descriptions.Item label="按日连续处罚（安全生产法第一百一十二条）">
            {`${f.orderedOn} 责令改正（${f.orderNo}），复查 ${f.rechecks.map((r) => `${r.on}${r.corrected ? '已改正' : '拒不改正'}`).join('、')}；`}
            {`${f.fromOn} 至 ${f.throughOn} 共 ${f.days} 日 × ${yuan(f.perDayFen)} = `}
            <b>{yuan(f.totalFen)}</b>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
