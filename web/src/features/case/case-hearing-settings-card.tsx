/**
 * 听证起点 on the settings page (行政处罚法 art. 63: 较大数额 is the province's). Each threshold shows where its shipped
 * value comes from; a value no primary text confirms is marked 来源未核实 so a legal officer checks it. Saved as the
 * caseProcedure setting, its other fields unchanged.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CASE_PROCEDURE_SOURCES,
  DEFAULT_CASE_PROCEDURE,
  ZCaseProcedureSettingsSchema,
  type TCaseProcedureSettings,
} from '@yingji/domain/case/case.settings';
import { App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { settingsApi } from '../../api/org.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { ORG_KEYS } from '../org/org-data';
import { toFen, yuan } from './case-data';

type TKey = 'hearingPersonFineFen' | 'hearingUnitFineFen' | 'hearingConfiscationFen';
const FIELDS: { key: TKey; label: string }[] = [
  { key: 'hearingPersonFineFen', label: '对公民罚款（较大数额）' },
  { key: 'hearingUnitFineFen', label: '对法人或其他组织罚款（较大数额）' },
  { key: 'hearingConfiscationFen', label: '没收违法所得、非法财物（较大数额）' },
];
type TValues = Record<TKey, number>;

function Source({ k, valueFen }: { k: TKey; valueFen: number | undefined }) {
  const src = CASE_PROCEDURE_SOURCES[k];
  const shipped = DEFAULT_CASE_PROCEDURE[k];
  const own = valueFen !== undefined && valueFen !== shipped;
  return (
    <div className="cell-sub" data-testid={`source-${k}`}>
      {own ? <Tag color="blue">本局设定</Tag> : null}
      {src && !src.sourced ? <Tag color="orange">{src.secondary ? '来源未核实（二手资料）' : '来源不明，待核实'}</Tag> : null}
      {own ? `出厂值 ${yuan(shipped)}。` : ''}
      {src?.source ?? '依据未登记'}
    </div>
  );
}

export function CaseHearingSettingsCard({ canManage }: { canManage: boolean }) {
  const [form] = Form.useForm<TValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useErrorHandler();
  const settings = useQuery({ queryKey: ORG_KEYS.settings, queryFn: settingsApi.get });
  const current = settings.data?.caseProcedure;
  const toYuan = (p: TCaseProcedureSettings): TValues =>
    Object.fromEntries(FIELDS.map((f) => [f.key, p[f.key] / 100])) as unknown as TValues;
  useEffect(() => {
    if (current) form.setFieldsValue(toYuan(current));
  }, [current, form]);
  const watched = Form.useWatch([], form) as Partial<TValues> | undefined;
  const save = useMutation({
    mutationFn: (value: TCaseProcedureSettings) => settingsApi.save('caseProcedure', value),
    onSuccess: (answer) => {
      queryClient.setQueryData(ORG_KEYS.settings, answer);
      void message.success('听证起点已保存，此后告知的案件按新起点判断是否可以要求听证');
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Card variant="borderless" title="行政处罚听证起点" data-testid="case-hearing-settings">
      {!current ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <Form<TValues>
          form={form}
          layout="vertical"
          disabled={!canManage}
          onFinish={(values) => {
            // the server's own schema, so the message names the field here as there
            const next = { ...current, ...Object.fromEntries(FIELDS.map((f) => [f.key, toFen(values[f.key])])) };
            const parsed = ZCaseProcedureSettingsSchema.safeParse(next);
            if (!parsed.success) {
              const issue = parsed.error.issues[0]!;
              return form.setFields([{ name: issue.path[0] as TKey, errors: [issue.message] }]);
            }
            save.mutate(parsed.data);
          }}
        >
          <Typography.Paragraph type="secondary">
            罚款或没收达到下列数额，或者拟降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业的，当事人可以要求听证（行政处罚法第六十三条）。听证结束后须根据听证笔录再次法制审核、集体讨论（第五十八条、第六十五条）。
          </Typography.Paragraph>
          <Row gutter={24}>
            {FIELDS.map((f) => (
              <Col key={f.key} xs={24} xl={8}>
                <Form.Item
                  name={f.key}
                  label={f.label}
                  rules={[{ required: true, message: `请填写${f.label}` }]}
                  extra={<Source k={f.key} valueFen={watched?.[f.key] == null ? undefined : toFen(watched[f.key])} />}
                >
                  <InputNumber min={0} precision={2} suffix="元及以上" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          {canManage ? (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          ) : null}
        </Form>
      )}
    </Card>
  );
}
