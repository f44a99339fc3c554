import { LISTING_STATUS_LABELS, SUPERVISION_TARGET_LABELS, type TSupervision } from '@yingji/domain/hazard/supervision.schema';
import { Tag } from 'antd';

/** 督办中 / 已摘牌, and 逾期 when an active listing is past its deadline. */
export function SupervisionStatusTags({ s }: { s: Pick<TSupervision, 'status' | 'overdue'> }) {
  return (
    <>
      <Tag color={s.status === 'active' ? 'orange' : 'green'}>{LISTING_STATUS_LABELS[s.status]}</Tag>
      {s.status === 'active' && s.overdue ? <Tag color="red">逾期</Tag> : null}
    </>
  );
}

export function SupervisionTargetTag({ target }: { target: TSupervision['target'] }) {
  return <Tag color={target === 'hazard' ? 'volcano' : 'geekblue'}>{SUPERVISION_TARGET_LABELS[target]}</Tag>;
}

/** What is listed: the firm and its hazard, or the town. */
export const supervisionSubject = (s: TSupervision): string =>
  s.target === 'hazard'
    ? `${s.enterpriseName ?? '—'}：${s.hazardDescription ?? `隐患 #${s.hazardId}`}`
    : `${s.townName ?? s.divisionCode}（镇街）`;
