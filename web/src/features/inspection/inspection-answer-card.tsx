import { CheckOutlined, CloseOutlined, MinusOutlined } from '@ant-design/icons';
import { ANSWER_RESULT_LABELS, type TAnswerResult, type TInspectionDetail } from '@yingji/domain/inspection/inspection.schema';
import { Button, Card, Input, Tag } from 'antd';
import { PhotoUpload } from '../attachment/photo-upload';

export interface TAnswerDraft {
  result: TAnswerResult;
  note: string;
  photos: string[];
}

interface TAnswerCardProps {
  index: number;
  item: TInspectionDetail['items'][number];
  value: TAnswerDraft | undefined;
  onChange: (value: TAnswerDraft) => void;
  /** The problem submit reported for this item, if any. */
  error?: string | undefined;
}

const BUTTONS: { result: TAnswerResult; icon: React.ReactNode; danger?: boolean }[] = [
  { result: 'compliant', icon: <CheckOutlined /> },
  { result: 'non_compliant', icon: <CloseOutlined />, danger: true },
  { result: 'not_applicable', icon: <MinusOutlined /> },
];

/** One checklist item: three big buttons; a non-compliant item asks what was wrong and for photos. */
export function InspectionAnswerCard({ index, item, value, onChange, error }: TAnswerCardProps) {
  const set = (patch: Partial<TAnswerDraft>) =>
    onChange({ result: value?.result ?? 'compliant', note: value?.note ?? '', photos: value?.photos ?? [], ...patch });
  return (
    <Card size="small" className={`answer-card ${value ? `is-${value.result}` : ''}`} id={`item-${item.id}`}>
      <div className="answer-title">
        {index + 1}. {item.title} {item.majorHazard && <Tag color="red">重大隐患判定项</Tag>}
      </div>
      <div className="answer-content">{item.content}</div>
      <div className="answer-basis">依据：{item.legalBasis}</div>
      <div className="answer-buttons" role="group" aria-label={`第 ${index + 1} 项检查结果`}>
        {BUTTONS.map((b) => (
          <Button
            key={b.result}
            icon={b.icon}
            type={value?.result === b.result ? 'primary' : 'default'}
            danger={b.danger ?? false}
            aria-pressed={value?.result === b.result}
            onClick={() => set({ result: b.result })}
          >
            {ANSWER_RESULT_LABELS[b.result]}
          </Button>
        ))}
      </div>
      {value && (
        <div className="answer-extra">
          <Input.TextArea
            rows={value.result === 'non_compliant' ? 3 : 1}
            maxLength={1000}
            value={value.note}
            status={error ? 'error' : ''}
            placeholder={value.result === 'non_compliant' ? '必填：发现的问题（部位、情形）' : '检查情况说明（选填）'}
            onChange={(e) => set({ note: e.target.value })}
          />
          <PhotoUpload value={value.photos} onChange={(photos) => set({ photos })} />
        </div>
      )}
      {error && <div className="ant-form-item-explain-error">{error}</div>}
    </Card>
  );
}
