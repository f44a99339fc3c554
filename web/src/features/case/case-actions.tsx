import { useMutation, useQueryClient } from '@tanstack/react-query';

import { CASE_ACTION_LABELS, type TCaseDetail } from '@yingji/domain/case/case.schema';
import { Alert, App, Button, Card, Collapse, Empty, Form } from 'antd';
import { useState } from 'react';
import { caseApi, caseInquiryApi } from '../../api/case.api';
import { isApiError } from '../../api/client';
import { CASE_KEYS, useCaseErrorHandler } from './case-data';
import { todayDay, type TFormSpec, type TKind, type TValues } from './case-action-fields';
import { DECISION_FORMS } from './case-actions-decision';
import { EXECUTION_FORMS } from './case-actions-execution';
import { HEARING_FORMS } from './case-actions-hearing';
import { INVESTIGATION_FORMS } from './case-actions-investigation';
import { REVIEW_FORMS } from './case-actions-review';
import { proposeInitial } from './case-propose-form';

/** Every action's form, one file per stage of the procedure. */
const FORMS = { ...INVESTIGATION_FORMS, ...REVIEW_FORMS, ...HEARING_FORMS, ...DECISION_FORMS, ...EXECUTION_FORMS } as Record<
  TKind,
  TFormSpec
>;

/** Today in every date field the form has; the rest from the spec; the proposal starts from the case's violations. */
function initialOf(kind: TKind, d: TCaseDetail): TValues {
  const dates = [
    'askedOn',
    'collectedOn',
    'heldOn',
    'notifiedOn',
    'receivedOn',
    'waivedOn',
    'requestedOn',
    'decidedOn',
    'servedOn',
    'paidOn',
    'closedOn',
    'appliedOn',
    'approvedOn',
    'orderedOn',
  ];
  const out: TValues = Object.fromEntries(dates.map((k) => [k, todayDay()]));
  Object.assign(out, FORMS[kind].initial ?? {});
  if (kind === 'propose') Object.assign(out, proposeInitial(d));
  if (kind === 'record_payment') out.principalYuan = (d.case.fineDecidedFen - d.case.finePaidFen) / 100;
  if (kind === 'decide_on_spot') out.code = d.violations[0]?.code;
  return out;
}

function ActionForm({ kind, d }: { kind: TKind; d: TCaseDetail }) {
  const [form] = Form.useForm<TValues>();
  const spec = FORMS[kind];
  const client = useQueryClient();
  const { message } = App.useApp();
  const onError = useCaseErrorHandler();
  const [refusal, setRefusal] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (v: TValues) =>
      kind === 'add_evidence'
        ? caseApi.addEvidence(d.case.id, spec.toBody(v, d) as never)
        : kind === 'add_inquiry'
          ? caseInquiryApi.create(d.case.id, spec.toBody(v, d) as never)
          : caseApi.act(d.case.id, kind, spec.toBody(v, d)),
    onSuccess: (next) => {
      client.setQueryData(CASE_KEYS.detail(d.case.id), next);
      void client.invalidateQueries({ queryKey: ['case', 'list'] });
      setRefusal(null);
      form.resetFields();
      void message.success(`${CASE_ACTION_LABELS[kind]}：已完成`);
    },
    onError: (e) => {
      // a refusal names the rule and the article: it stays on the form until the next try
      if (isApiError(e) && !e.field && (e.code === 'rule_violation' || e.code === 'conflict' || e.code === 'invalid'))
        setRefusal(e.message);
      else onError(e, form);
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      name={`case-${kind}`}
      initialValues={initialOf(kind, d)}
      onFinish={(v) => run.mutate(v)}
      onValuesChange={() => setRefusal(null)}
    >
      {spec.fields(form, d)}
      {refusal && (
        <Alert
          type="error"
          showIcon
          className="case-refusal"
          style={{ marginBottom: 12 }}
          message="未通过程序校验，案件未作任何改动"
          description={refusal}
        />
      )}
      <Button type="primary" danger={spec.danger} htmlType="submit" loading={run.isPending}>
        {spec.submit}
      </Button>
    </Form>
  );
}

/** Order of the panels: the step forward first, the side actions (extension, withdrawal) last. */
const SIDE: TKind[] = ['extend', 'withdraw', 'record_daily_fine'];

/** The actions the detail says this user may take now, one form each; the server checks every rule again. */
export function CaseActions({ d }: { d: TCaseDetail }) {
  const kinds = (d.can as TKind[]).filter((k) => k in FORMS).sort((a, b) => Number(SIDE.includes(a)) - Number(SIDE.includes(b)));
  return (
    <Card variant="borderless" title="办理" className="case-actions">
      {kinds.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前阶段您没有可办理的事项" />
      ) : (
        <Collapse
          key={kinds.join()}
          accordion
          defaultActiveKey={kinds[0]}
          items={kinds.map((k) => ({ key: k, label: CASE_ACTION_LABELS[k], children: <ActionForm kind={k} d={d} /> }))}
        />
      )}
    </Card>
  );
}
