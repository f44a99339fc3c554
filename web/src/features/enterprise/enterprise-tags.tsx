import type { TRegistrationStatus, TSupervisionStatus } from '@yingji/domain/enterprise/enterprise.schema';
import { Tag } from 'antd';
import { REGISTRATION_STATUS_COLORS, SUPERVISION_STATUS_COLORS, tagLabel } from './enterprise-data';

export function SupervisionStatusTag({ status }: { status: TSupervisionStatus }) {
  return <Tag color={SUPERVISION_STATUS_COLORS[status]}>{status}</Tag>;
}
export function RegistrationStatusTag({ status }: { status: TRegistrationStatus }) {
  return <Tag color={REGISTRATION_STATUS_COLORS[status]}>{status}</Tag>;
}
export function SpecialTags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <span className="cell-sub">—</span>;
  return (
    <span className="tag-list">
      {tags.map((t) => (
        <Tag key={t} color="purple">
          {tagLabel(t)}
        </Tag>
      ))}
    </span>
  );
}
