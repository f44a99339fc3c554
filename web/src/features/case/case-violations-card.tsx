/** 违法行为与处罚 on the case page: each fine with its tier, statutory range, band and grounds; the order and 复查, art. 114's grade. */
import { ACCIDENT_GRADE_LABELS } from '@yingji/domain/accident/accident.data';
import {
  CIRCUMSTANCE_LABELS,
  FINE_TIER_LABELS,
  NO_PENALTY_GROUND_LABELS,
  OTHER_PENALTY_LABELS,
  PENALTY_TARGET_LABELS,
  REDUCTION_GROUND_LABELS,
  type TCaseDetail,
  type TCaseViolation,
} from '@yingji/domain/case/case.schema';
import { Card, Descriptions, List } from 'antd';
import { yuan } from './case-data';

export function Violations({ d }: { d: TCaseDetail }) {
  const c = d.case;
  return (
    <Card variant="borderless" title="违法行为与处罚">
      <List
        dataSource={d.violations}
        rowKey={(v: TCaseViolation) => `${v.code}-${v.target ?? ''}`}
        renderItem={(v: TCaseViolation) => (
          <List.Item>
            <div className="cell-stack" style={{ width: '100%' }}>
              <b>{v.title}</b>
              <span className="cell-sub">
                违反 {v.violatedProvision}；依据 {v.penaltyProvision}
              </span>
              {v.target && (
                <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 6 }}>
                  <Descriptions.Item label="对象 / 情节">{`${PENALTY_TARGET_LABELS[v.target]} / ${v.circumstance ? CIRCUMSTANCE_LABELS[v.circumstance] : '—'}`}</Descriptions.Item>
                  <Descriptions.Item label="档次">{v.tier ? FINE_TIER_LABELS[v.tier] : '—'}</Descriptions.Item>
                  <Descriptions.Item label="法定幅度">
                    {v.statutoryRange ? `${yuan(v.statutoryRange.minFen)}–${yuan(v.statutoryRange.maxFen)}` : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label="裁量基准">{v.band ? `${yuan(v.band.minFen)}–${yuan(v.band.maxFen)}` : '—'}</Descriptions.Item>
                  <Descriptions.Item label="拟罚款">{yuan(v.proposedFineFen)}</Descriptions.Item>
                  <Descriptions.Item label="决定罚款">{yuan(v.decidedFineFen)}</Descriptions.Item>
                </Descriptions>
              )}
              {v.reductionGround && <span className="clock-soon">减轻处罚：{REDUCTION_GROUND_LABELS[v.reductionGround]}</span>}
              {v.outsideBandReason && <span className="clock-soon">超出裁量基准的理由：{v.outsideBandReason}</span>}
            </div>
          </List.Item>
        )}
      />
      {c.order && (
        <div className="cell-sub" style={{ marginTop: 8 }} data-testid="case-order">
          责令限期整改指令书 {c.order.orderNo}（{c.order.orderedOn} 下达，整改期限 {c.order.deadline}）；复查{' '}
          {c.order.recheckedOn ?? '未登记'}
          {c.order.recheckUnmet ? '，逾期未改正' : ''}
          {c.order.recheckNote ? `：${c.order.recheckNote}` : ''}
        </div>
      )}
      {c.accidentGrade && (
        <div className="cell-sub" style={{ marginTop: 8 }}>
          事故等级：{ACCIDENT_GRADE_LABELS[c.accidentGrade]}事故{c.sourceAccidentGrade ? '（事故记录）' : ''}
          {c.accidentAggravated ? '；情节特别严重、影响特别恶劣（第一百一十四条第二款）' : ''}
        </div>
      )}
      {c.noPenaltyGround && <div style={{ marginTop: 8 }}>不予处罚依据：{NO_PENALTY_GROUND_LABELS[c.noPenaltyGround]}</div>}
      {(c.confiscationFen > 0 || c.otherPenalties.length > 0) && (
        <div className="cell-sub" style={{ marginTop: 8 }}>
          {c.confiscationFen > 0 && `没收违法所得 ${yuan(c.confiscationFen)}；`}
          {c.otherPenalties.map((p) => OTHER_PENALTY_LABELS[p]).join('、')}
        </div>
      )}
    </Card>
  );
}
