import { useMutation, useQuery } from '@tanstack/react-query';
import {
  CASE_PROCEDURE_LABELS,
  CASE_PROCEDURES,
  CASE_SOURCE_KINDS,
  CASE_SOURCE_LABELS,
  type TCaseProcedure,
  type TCaseSourceKind,
} from '@yingji/domain/case/case.schema';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Segmented, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { caseApi } from '../../api/case.api';
import { enterpriseApi } from '../../api/enterprise.api';
import { useCurrentMe } from '../../app/auth';
import { bureauNow, dayjs } from '../../app/locale';
import { useCaseErrorHandler, useViolations } from './case-data';
import './case.css';
import { firmLabel, FirmPicker, idNumberRule, OfficerPicker, required, useTowns } from '../../kit';

interface TValues {
  procedure: TCaseProcedure;
  enterpriseId?: number;
  withPerson: boolean;
  person?: { name: string; idNumber: string; position?: string };
  sourceKind: TCaseSourceKind;
  sourceRef?: number;
  violationCodes: string[];
  occurredOn: dayjs.Dayjs;
  discoveredOn: dayjs.Dayjs;
  harmsLifeOrHealth: boolean;
  divisionCode: string;
  officerIds: number[];
  summary: string;
}

const SOURCE_OPTIONS = CASE_SOURCE_KINDS.map((k) => ({ value: k, label: CASE_SOURCE_LABELS[k] }));
const REF_LABELS: Record<TCaseSourceKind, string> = {
  inspection: '检查记录编号',
  hazard: '隐患编号',
  accident: '事故编号',
  complaint: '投诉举报编号',
  referral: '移送函编号',
};

/**
 * 立案登记: parties, source, violations from the catalogue, handling body, two or more officers with certificates and the
 * facts. `?source=hazard&ref=<id>&enterpriseId=<id>` fills the source and the firm (a hazard page links here).
 */
export function CaseNewPage() {
  const [form] = Form.useForm<TValues>();
  const navigate = useNavigate();
  const onError = useCaseErrorHandler();
  const me = useCurrentMe();
  const towns = useTowns();
  const [params] = useSearchParams();
  const presetFirm = Number(params.get('enterpriseId')) || undefined;
  const presetSource = CASE_SOURCE_KINDS.find((k) => k === params.get('source'));
  const presetRef = Number(params.get('ref')) || undefined;
  const violations = useViolations();
  const firm = useQuery({
    queryKey: ['enterprise', 'detail', presetFirm],
    queryFn: () => enterpriseApi.detail(presetFirm!),
    enabled: !!presetFirm,
  });
  const withPerson = Form.useWatch('withPerson', form);
  const procedure = Form.useWatch('procedure', form) ?? 'general';
  const sourceKind = Form.useWatch('sourceKind', form) ?? presetSource ?? 'inspection';
  const body = Form.useWatch('divisionCode', form);
  const picked = Form.useWatch('violationCodes', form);
  const today = bureauNow().format('YYYY-MM-DD');

  const bodies = useMemo(() => {
    const own = { value: me.user.divisionCode, label: me.user.divisionName ?? me.user.divisionCode };
    return me.user.divisionCode.length === 9 ? [own] : [own, ...towns.options];
  }, [me.user.divisionCode, me.user.divisionName, towns.options]);

  const preset = firm.data?.enterprise;

  const chosen = (violations.data ?? []).filter((v) => picked?.includes(v.code));

  const create = useMutation({
    mutationFn: (v: TValues) =>
      caseApi.create({
        procedure: v.procedure,
        enterpriseId: v.enterpriseId ?? null,
        person: v.withPerson && v.person ? { name: v.person.name, idNumber: v.person.idNumber, position: v.person.position || null } : null,
        sourceKind: v.sourceKind,
        sourceRef: v.sourceRef ?? null,
        summary: v.summary,
        violationCodes: v.violationCodes,
        occurredOn: v.occurredOn.format('YYYY-MM-DD'),
        discoveredOn: v.discoveredOn.format('YYYY-MM-DD'),
        harmsLifeOrHealth: v.harmsLifeOrHealth,
        divisionCode: v.divisionCode,
        officerIds: v.officerIds,
      }),
    onSuccess: (d) => void navigate(`/cases/${d.case.id}`, { replace: true }),
    onError: (e) => onError(e, form),
  });

  return (
    <div className="page record-page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          立案登记
        </Typography.Title>
      </div>
      <Card variant="borderless">
        <Form<TValues>
          form={form}
          name="case-new"
          layout="vertical"
          initialValues={{
            procedure: 'general',
            enterpriseId: presetFirm,
            withPerson: false,
            sourceKind: presetSource ?? 'inspection',
            sourceRef: presetRef,
            violationCodes: [],
            discoveredOn: dayjs(today),
            harmsLifeOrHealth: false,
            divisionCode: me.user.divisionCode,
            officerIds: [],
          }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="procedure" label="程序">
            <Segmented options={CASE_PROCEDURES.map((p) => ({ value: p, label: CASE_PROCEDURE_LABELS[p] }))} />
          </Form.Item>
          {procedure === 'simple' && (
            <Alert
              type="info"
              showIcon
              className="form-alert"
              style={{ marginBottom: 16 }}
              message="简易程序（行政处罚法第五十一条）：违法事实确凿并有法定依据，对公民处 200 元以下、对法人或者其他组织处 3,000 元以下罚款或者警告的，可以当场作出行政处罚决定。"
            />
          )}
          <Typography.Title level={5} className="section-title">
            当事人
          </Typography.Title>
          <Form.Item name="enterpriseId" label="当事单位（企业台账）" extra="输入企业名称或统一社会信用代码搜索；只处罚个人时可不选">
            <FirmPicker current={preset ? { id: preset.id, name: firmLabel(preset) } : null} loading={firm.isFetching} />
          </Form.Item>
          <Form.Item name="withPerson" valuePropName="checked">
            <Checkbox>当事人包括个人（如主要负责人）</Checkbox>
          </Form.Item>
          {withPerson && (
            <Row gutter={16}>
              <Col xs={24} md={6}>
                <Form.Item
                  name={['person', 'name']}
                  label="姓名"
                  rules={[{ required: true, whitespace: true, message: '请填写当事人姓名' }]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name={['person', 'idNumber']} label="身份证号码" rules={[required('身份证号码'), idNumberRule]}>
                  <Input className="mono" maxLength={18} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['person', 'position']} label="职务">
                  <Input placeholder="如 主要负责人" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Typography.Title level={5} className="section-title">
            案件来源与违法行为
          </Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="sourceKind" label="案件来源" rules={[{ required: true, message: '请选择案件来源' }]}>
                <Select options={SOURCE_OPTIONS} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="sourceRef" label={REF_LABELS[sourceKind]}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} placeholder="选填" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="violationCodes"
            label="违法行为（违法行为目录）"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项违法行为' }]}
          >
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              loading={violations.isFetching}
              placeholder="选择违法行为"
              options={(violations.data ?? []).filter((v) => v.active).map((v) => ({ value: v.code, label: `${v.title}（${v.code}）` }))}
            />
          </Form.Item>
          {chosen.length > 0 && (
            <div className="band-hint">
              {chosen.map((v) => (
                <div key={v.code}>
                  <b>{v.title}</b>：违反 {v.violatedProvision}；依据 {v.penaltyProvision}
                </div>
              ))}
            </div>
          )}
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="occurredOn" label="违法行为发生（终了）日期" rules={[{ required: true, message: '请选择违法行为发生日期' }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="discoveredOn" label="发现日期" rules={[{ required: true, message: '请选择发现日期' }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="harmsLifeOrHealth"
                label="追责时效"
                valuePropName="checked"
                extra="涉及生命健康安全的，时效为五年（行政处罚法第三十六条）"
              >
                <Checkbox>涉及公民生命健康安全</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5} className="section-title">
            办案机关与承办人
          </Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="divisionCode" label="办案机关" rules={[{ required: true, message: '请选择办案机关' }]}>
                <Select options={bodies} onChange={() => form.setFieldValue('officerIds', [])} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="officerIds"
                label="承办人（至少 2 名，须持有效执法证，行政处罚法第四十二条）"
                rules={[{ required: true, type: 'array', min: 2, message: '请选择至少 2 名承办人' }]}
              >
                {/* officers of the handling body (a city body may send its own people; a town's must be that town's) */}
                <OfficerPicker multiple on={today} divisionPrefix={body} placeholder="选择执法人员名录中的人员" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="summary" label="案情摘要" rules={[{ required: true, whitespace: true, min: 2, message: '请填写案情摘要' }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder="何时、何地、何人有何种违法行为，如何发现" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" loading={create.isPending}>
            提交立案审批
          </Button>
        </Form>
      </Card>
    </div>
  );
}
