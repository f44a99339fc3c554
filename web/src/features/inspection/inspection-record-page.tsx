import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { INSPECTION_KIND_LABELS, type TInspectionDetail, type TInspectionUpdate } from '@yingji/domain/inspection/inspection.schema';
import { closingProblems, completenessProblems } from '@yingji/domain/inspection/inspection.rules';
import { App, Button, Card, Descriptions, Input, Result, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { inspectionApi } from '../../api/inspection.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { InspectionAnswerCard, type TAnswerDraft } from './inspection-answer-card';
import { INSPECTION_KEYS, KIND_COLORS } from './inspection-data';
import { SignaturePad } from './signature-pad';
import './inspection-styles.css';

interface TDraft {
  answers: Record<number, TAnswerDraft>;
  representativeName: string;
  signatureSha256: string | null;
  conclusion: string;
}

const fromDetail = (d: TInspectionDetail): TDraft => ({
  answers: Object.fromEntries(
    d.items.filter((i) => i.answer).map((i) => [i.id, { result: i.answer!.result, note: i.answer!.note ?? '', photos: i.answer!.photos }]),
  ),
  representativeName: d.inspection.representativeName ?? '',
  signatureSha256: d.inspection.signatureSha256,
  conclusion: d.inspection.conclusion ?? '',
});

const toUpdate = (d: TDraft): TInspectionUpdate => ({
  answers: Object.entries(d.answers).map(([itemId, a]) => ({
    itemId: Number(itemId),
    result: a.result,
    note: a.note.trim() || null,
    photos: a.photos,
  })),
  representativeName: d.representativeName.trim() || null,
  signatureSha256: d.signatureSha256,
  conclusion: d.conclusion.trim() || null,
});

/** Filling in the checklist at the firm: item cards, the representative's signature, the conclusion; save or submit. */
export function InspectionRecordPage() {
  const id = Number(useParams().id);
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: INSPECTION_KEYS.detail(id), queryFn: () => inspectionApi.detail(id) });
  const [draft, setDraft] = useState<TDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (detail.data && draft === null) setDraft(fromDetail(detail.data));
  }, [detail.data, draft]);

  const save = useMutation({
    mutationFn: () => inspectionApi.update(id, toUpdate(draft!)),
    onSuccess: (d) => {
      queryClient.setQueryData(INSPECTION_KEYS.detail(id), d);
      setDirty(false);
      void message.success('已保存草稿');
    },
    onError: (e) => onError(e),
  });
  /** Marks each problem on its field and brings the first unanswered or unexplained item into view. */
  const showProblems = (problems: { field: string; message: string }[]) => {
    setErrors(Object.fromEntries(problems.map((p) => [p.field, p.message])));
    const first = problems[0]?.field;
    if (first?.startsWith('answers.'))
      document.getElementById(`item-${first.slice(8)}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };
  const submit = useMutation({
    mutationFn: async () => {
      await inspectionApi.update(id, toUpdate(draft!));
      setDirty(false);
      return inspectionApi.submit(id);
    },
    onSuccess: (d) => {
      queryClient.setQueryData(INSPECTION_KEYS.detail(id), d);
      void queryClient.invalidateQueries({ queryKey: INSPECTION_KEYS.all });
      void message.success(`检查记录已提交，发现问题 ${d.inspection.findingsCount} 项`);
      void navigate(`/inspections/${id}`, { replace: true });
    },
    onError: (e) => {
      const problems = isApiError(e)
        ? ((e.details as { problems?: { field: string; message: string }[] } | undefined)?.problems ?? [])
        : [];
      showProblems(problems);
      onError(e);
    },
  });

  if (detail.isPending || (detail.data && !draft)) return <Spin className="full-page-center" size="large" />;
  if (detail.isError) return <Result status="warning" title={(detail.error as Error).message} />;
  const d = detail.data!;
  if (!d.can.edit) return <Navigate to={`/inspections/${id}`} replace />;
  const state = draft!;
  const change = (patch: Partial<TDraft>) => {
    setDraft({ ...state, ...patch });
    setDirty(true);
  };
  const answered = d.items.filter((i) => state.answers[i.id]).length;
  const bad = d.items.filter((i) => state.answers[i.id]?.result === 'non_compliant').length;

  // Checked before the confirmation, with the rules the server applies: a phone user fixes the record, then confirms.
  const confirmSubmit = () => {
    const record = toUpdate(state);
    const problems = [
      ...completenessProblems(d.items, record.answers ?? []),
      ...closingProblems({
        representativeName: record.representativeName ?? null,
        signatureSha256: record.signatureSha256 ?? null,
        conclusion: record.conclusion ?? null,
      }),
    ];
    showProblems(problems);
    if (problems.length > 0) {
      void message.error(problems.length === 1 ? problems[0]!.message : `还有 ${problems.length} 处未完成：${problems[0]!.message}`);
      return;
    }
    modal.confirm({
      title: '提交检查记录？',
      content: `共 ${d.items.length} 项，已填 ${answered} 项，不合格 ${bad} 项。提交后不能修改，不合格项将转为检查发现的问题。`,
      okText: '提交',
      cancelText: '再看看',
      onOk: () => submit.mutateAsync().catch(() => undefined),
    });
  };

  return (
    <div className="page record-page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          现场检查
        </Typography.Title>
      </div>
      <Card variant="borderless" className="record-summary" size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="企业">{d.inspection.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="方式">
            <Tag color={KIND_COLORS[d.inspection.kind]}>{INSPECTION_KIND_LABELS[d.inspection.kind]}</Tag>
            {d.inspection.inspectedOn}
          </Descriptions.Item>
          <Descriptions.Item label="地点">{d.inspection.place}</Descriptions.Item>
          <Descriptions.Item label="执法人员">
            {d.inspectors.map((o) => `${o.displayName}（${o.certificateNo}）`).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="检查表">{d.inspection.checklistName}</Descriptions.Item>
        </Descriptions>
      </Card>
      {d.items.map((item, i) => (
        <InspectionAnswerCard
          key={item.id}
          index={i}
          item={item}
          value={state.answers[item.id]}
          error={errors[`answers.${item.id}`]}
          onChange={(a) => change({ answers: { ...state.answers, [item.id]: a } })}
        />
      ))}
      <Card size="small" title="企业陪同人员签名" className="answer-card">
        <div className="answer-extra">
          <Input
            size="large"
            placeholder="企业陪同人员姓名"
            value={state.representativeName}
            status={errors.representativeName ? 'error' : ''}
            onChange={(e) => change({ representativeName: e.target.value })}
            maxLength={50}
          />
          <SignaturePad value={state.signatureSha256} onChange={(sha) => change({ signatureSha256: sha })} />
          {errors.signatureSha256 && <div className="ant-form-item-explain-error">{errors.signatureSha256}</div>}
        </div>
      </Card>
      <Card size="small" title="检查结论" className="answer-card">
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={state.conclusion}
          status={errors.conclusion ? 'error' : ''}
          placeholder={bad ? `发现问题 ${bad} 项，责令限期整改` : '未发现问题'}
          onChange={(e) => change({ conclusion: e.target.value })}
        />
      </Card>
      <div className="record-bar">
        <span className="record-progress">
          已填 {answered}/{d.items.length}
        </span>
        <Button size="large" onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
          保存草稿
        </Button>
        <Button size="large" type="primary" onClick={confirmSubmit} loading={submit.isPending}>
          提交
        </Button>
      </div>
    </div>
  );
}
