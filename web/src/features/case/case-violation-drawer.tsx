/** The drawer that adds or edits one violation of the catalogue (裁量基准): its articles, ranges and discretion bands. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  CIRCUMSTANCE_LABELS,
  CIRCUMSTANCES,
  OTHER_PENALTIES,
  OTHER_PENALTY_LABELS,
  PENALTY_TARGET_LABELS,
  PENALTY_TARGETS,
  type TCircumstance,
  type TFineRange,
  type TFineTier,
  type TPenaltyTarget,
  type TViolation,
} from '@yingji/domain/case/case.schema';
import { App, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';

import { caseApi } from '../../api/case.api';

import { CASE_KEYS, toFen, useCaseErrorHandler, yuan } from './case-data';
import './case.css';

interface TBandValues {
  tier?: TFineTier;
  target: TPenaltyTarget;
  circumstance: TCircumstance;
  minYuan: number;
  maxYuan: number;
  description?: string;
}
interface TValues {
  code: string;
  title: string;
  violatedProvision: string;
  penaltyProvision: string;
  unitMin?: number;
  unitMax?: number;
  personMin?: number;
  personMax?: number;
  /** 第二档 (逾期未改正). */
  unit2Min?: number;
  unit2Max?: number;
  person2Min?: number;
  person2Max?: number;
  otherPenalties: string[];
  active: boolean;
  bands: TBandValues[];
}

/** A fine range in yuan, `1,000 至 5,000 元`; — for none. */
export const range = (r: TFineRange | null) => (r ? `${yuan(r.minFen)} 至 ${yuan(r.maxFen)}` : '—');
const rangeOf = (min?: number | null, max?: number | null): TFineRange | null =>
  max === undefined || max === null ? null : { minFen: toFen(min ?? 0), maxFen: toFen(max) };

function toValues(v: TViolation | null): Partial<TValues> {
  if (!v) return { otherPenalties: [], active: true, bands: [] };
  return {
    code: v.code,
    title: v.title,
    violatedProvision: v.violatedProvision,
    penaltyProvision: v.penaltyProvision,
    unitMin: v.unitRange ? v.unitRange.minFen / 100 : undefined,
    unitMax: v.unitRange ? v.unitRange.maxFen / 100 : undefined,
    personMin: v.personRange ? v.personRange.minFen / 100 : undefined,
    personMax: v.personRange ? v.personRange.maxFen / 100 : undefined,
    unit2Min: v.tier2?.unitRange ? v.tier2.unitRange.minFen / 100 : undefined,
    unit2Max: v.tier2?.unitRange ? v.tier2.unitRange.maxFen / 100 : undefined,
    person2Min: v.tier2?.personRange ? v.tier2.personRange.minFen / 100 : undefined,
    person2Max: v.tier2?.personRange ? v.tier2.personRange.maxFen / 100 : undefined,
    otherPenalties: v.otherPenalties,
    active: v.active,
    bands: v.bands.map((b) => ({
      tier: b.tier,
      target: b.target,
      circumstance: b.circumstance,
      minYuan: b.minFen / 100,
      maxYuan: b.maxFen / 100,
      description: b.description,
    })),
  };
}

export function EditDrawer({ editing, onClose }: { editing: TViolation | null | undefined; onClose: () => void }) {
  const [form] = Form.useForm<TValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const onError = useCaseErrorHandler();
  const save = useMutation({
    mutationFn: (v: TValues) =>
      caseApi.saveViolation({
        code: v.code,
        title: v.title,
        violatedProvision: v.violatedProvision,
        penaltyProvision: v.penaltyProvision,
        unitRange: rangeOf(v.unitMin, v.unitMax),
        personRange: rangeOf(v.personMin, v.personMax),
        // the second tier is kept when the violation had one or one of its ranges is filled in
        tier2:
          editing?.tier2 || v.unit2Max != null || v.person2Max != null
            ? {
                unitRange: rangeOf(v.unit2Min, v.unit2Max),
                personRange: rangeOf(v.person2Min, v.person2Max),
                otherPenalties: editing?.tier2?.otherPenalties ?? [],
              }
            : null,
        otherPenalties: v.otherPenalties as TViolation['otherPenalties'],
        active: v.active,
        bands: (v.bands ?? []).map((b) => ({
          tier: b.tier ?? 1,
          target: b.target,
          circumstance: b.circumstance,
          minFen: toFen(b.minYuan),
          maxFen: toFen(b.maxYuan),
          description: b.description ?? '',
        })),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: CASE_KEYS.violations });
      void message.success('已保存');
      onClose();
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Drawer
      open={editing !== undefined}
      title={editing ? `修改：${editing.title}` : '新增违法行为'}
      size={720}
      onClose={onClose}
      destroyOnHidden
    >
      <Form<TValues>
        form={form}
        layout="vertical"
        name="case-violation"
        initialValues={toValues(editing ?? null)}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="code" label="编码" rules={[{ required: true, message: '请填写编码' }]}>
              <Input disabled={!!editing} placeholder="如 SAFL-99" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="title" label="违法行为" rules={[{ required: true, whitespace: true, message: '请填写违法行为' }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="violatedProvision" label="违法依据" rules={[{ required: true, whitespace: true, message: '请填写违法依据' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="penaltyProvision" label="处罚依据" rules={[{ required: true, whitespace: true, message: '请填写处罚依据' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Row gutter={12}>
          {(
            [
              ['unitMin', '第一档对单位罚款下限（元）'],
              ['unitMax', '第一档对单位罚款上限（元）'],
              ['personMin', '第一档对个人罚款下限（元）'],
              ['personMax', '第一档对个人罚款上限（元）'],
              ['unit2Min', '第二档（逾期未改正）对单位罚款下限（元）'],
              ['unit2Max', '第二档（逾期未改正）对单位罚款上限（元）'],
              ['person2Min', '第二档（逾期未改正）对个人罚款下限（元）'],
              ['person2Max', '第二档（逾期未改正）对个人罚款上限（元）'],
            ] as const
          ).map(([name, label]) => (
            <Col span={12} key={name}>
              <Form.Item name={name} label={label}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} placeholder="无则不填" />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={12}>
          <Col span={18}>
            <Form.Item name="otherPenalties" label="其他处罚">
              <Select mode="multiple" allowClear options={OTHER_PENALTIES.map((p) => ({ value: p, label: OTHER_PENALTY_LABELS[p] }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="active" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5} className="section-title">
          自由裁量基准
        </Typography.Title>
        <Form.List name="bands">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.length > 0 && (
                <Row gutter={8} className="cell-sub" style={{ marginBottom: 4 }}>
                  <Col span={3}>档次</Col>
                  <Col span={3}>处罚对象</Col>
                  <Col span={3}>违法情节</Col>
                  <Col span={4}>下限（元）</Col>
                  <Col span={4}>上限（元）</Col>
                  <Col span={5}>情节描述</Col>
                </Row>
              )}
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col span={3}>
                    <Form.Item name={[f.name, 'tier']}>
                      <Select
                        options={[
                          { value: 1, label: '第一档' },
                          { value: 2, label: '第二档' },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[f.name, 'target']} rules={[{ required: true, message: '对象' }]}>
                      <Select options={PENALTY_TARGETS.map((t) => ({ value: t, label: PENALTY_TARGET_LABELS[t] }))} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[f.name, 'circumstance']} rules={[{ required: true, message: '情节' }]}>
                      <Select options={CIRCUMSTANCES.map((c) => ({ value: c, label: CIRCUMSTANCE_LABELS[c] }))} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[f.name, 'minYuan']} rules={[{ required: true, message: '下限' }]}>
                      <InputNumber min={0} precision={2} style={{ width: '100%' }} placeholder="下限（元）" />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[f.name, 'maxYuan']} rules={[{ required: true, message: '上限' }]}>
                      <InputNumber min={0} precision={2} style={{ width: '100%' }} placeholder="上限（元）" />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, 'description']}>
                      <Input placeholder="情节描述" />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  </Col>
                </Row>
              ))}
              {errors.length > 0 && (
                <div>
                  <Typography.Text type="danger">{errors}</Typography.Text>
                </div>
              )}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ tier: 1, target: 'unit', circumstance: 'general' })}
                style={{ marginBottom: 16, marginTop: 8 }}
              >
                添加裁量档次
              </Button>
            </>
          )}
        </Form.List>
        <div>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </div>
      </Form>
    </Drawer>
  );
}
