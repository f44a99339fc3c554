import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TEnterprise, TEnterpriseUpdate, TSpecialTag } from '@yingji/domain/enterprise/enterprise.schema';
import { App, Button, Col, Divider, Drawer, Form, Grid, Input, InputNumber, Row, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { enterpriseApi, type TEnterpriseDetail } from '../../api/enterprise.api';
import { dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { CATEGORY_OPTIONS, ENTERPRISE_KEYS, REGISTRATION_STATUS_OPTIONS, TAG_OPTIONS } from './enterprise-data';
import { creditCodeRule, phoneRule, useTowns } from '../../kit';
import { LicenceFields, toFields, type TEnterpriseForm } from './enterprise-form-fields';

/** Creates a firm (`detail` null) or edits one; either way the officer states the reason, which the audit log keeps. */
export function EnterpriseFormDrawer({ open, detail, onClose }: { open: boolean; detail: TEnterpriseDetail | null; onClose: () => void }) {
  const [form] = Form.useForm<TEnterpriseForm>();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const towns = useTowns();
  const firm = detail?.enterprise ?? null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (detail) {
      const e = detail.enterprise;
      form.setFieldsValue({
        name: e.name,
        supervisionCategory: e.supervisionCategory,
        tags: e.tags as TSpecialTag[],
        registrationStatus: e.registrationStatus,
        address: e.address ?? '',
        legalRepresentative: e.legalRepresentative ?? '',
        principalName: e.principalName ?? '',
        principalPhone: e.principalPhone ?? '',
        safetyManagerName: e.safetyManagerName ?? '',
        safetyManagerPhone: e.safetyManagerPhone ?? '',
        industryCode: e.industryCode ?? '',
        employees: e.employees,
        aboveScale: e.aboveScale === null ? null : e.aboveScale ? 'yes' : 'no',
        longitude: e.longitude,
        latitude: e.latitude,
        licences: detail.licences.map((l) => ({
          kind: l.kind,
          number: l.number,
          issuedOn: l.issuedOn ? dayjs(l.issuedOn) : null,
          expiresOn: l.expiresOn ? dayjs(l.expiresOn) : null,
        })),
      });
    } else {
      form.setFieldsValue({ tags: [], registrationStatus: '存续', licences: [] });
      if (towns.towns.length === 1) form.setFieldValue('divisionCode', towns.towns[0]!.code);
    }
  }, [open, detail, form, towns.towns]);

  const save = useMutation({
    mutationFn: async (values: TEnterpriseForm): Promise<TEnterprise | null> => {
      const fields = toFields(values);
      const reason = values.reason.trim();
      if (!detail)
        return enterpriseApi.create({
          ...fields,
          creditCode: values.creditCode.trim().toUpperCase(),
          divisionCode: values.divisionCode,
          reason,
        });
      // send only what changed, so the history shows the real change
      const e = detail.enterprise;
      const current: Record<string, unknown> = {
        ...e,
        licences: detail.licences.map((l) => ({ kind: l.kind, number: l.number, issuedOn: l.issuedOn, expiresOn: l.expiresOn })),
      };
      const change: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields)) {
        if (JSON.stringify(value) !== JSON.stringify(current[key] ?? null)) change[key] = value;
      }
      if (Object.keys(change).length === 0) return null;
      return enterpriseApi.update(e.id, { ...(change as Partial<TEnterpriseUpdate>), reason });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ENTERPRISE_KEYS.all });
      onClose();
      if (!saved) {
        void message.info('没有修改任何内容');
        return;
      }
      if (!detail) {
        void message.success(`已新增 ${saved.name}`);
        void navigate(`/enterprises/${saved.id}`);
      } else void message.success('已保存');
    },
    onError: (e) => showError(e, form),
  });

  const half = { xs: 24, sm: 12 };
  return (
    <Drawer
      open={open}
      title={firm ? `编辑企业：${firm.name}` : '新增企业'}
      size={isPhone ? '100%' : 720}
      onClose={onClose}
      forceRender
      destroyOnHidden={false}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {firm ? '保存' : '新增'}
          </Button>
        </Space>
      }
    >
      <Form<TEnterpriseForm> form={form} name="enterprise" layout="vertical" onFinish={(v) => save.mutate(v)} scrollToFirstError>
        <Row gutter={16}>
          {!firm && (
            <>
              <Col {...half}>
                <Form.Item
                  name="creditCode"
                  label="统一社会信用代码"
                  validateFirst
                  rules={[
                    { required: true, whitespace: true, message: '请输入统一社会信用代码' },
                    // the server's own check (GB 32100), so the same message shows before sending
                    creditCodeRule,
                  ]}
                >
                  <Input autoComplete="off" className="mono" maxLength={18} placeholder="18 位，如 91442000…" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="divisionCode" label="所属镇街" rules={[{ required: true, message: '请选择所属镇街' }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={towns.options}
                    loading={towns.isPending}
                    placeholder="选择镇街，可输入名称搜索"
                  />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24}>
            <Form.Item
              name="name"
              label="企业名称"
              rules={[
                { required: true, whitespace: true, message: '请输入企业名称' },
                { min: 2, message: '企业名称至少 2 个字' },
                { max: 200 },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="supervisionCategory"
              label="监管类别"
              rules={[{ required: true, message: '请选择监管类别' }]}
              tooltip="决定市级或镇街监管（市镇两级执法权责清单）"
            >
              <Select options={CATEGORY_OPTIONS} placeholder="请选择" showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="registrationStatus" label="登记状态" rules={[{ required: true }]}>
              <Select options={REGISTRATION_STATUS_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="tags" label="特殊标签">
              <Select mode="multiple" allowClear options={TAG_OPTIONS} placeholder="可多选，如 粉尘涉爆、有限空间" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label="住所" rules={[{ max: 300 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="legalRepresentative" label="法定代表人" rules={[{ max: 50 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="industryCode"
              label="国民经济行业代码"
              rules={[{ pattern: /^[A-Ta-t]?\d{2,4}$/, message: '格式如 C2614 或 2614' }]}
            >
              <Input autoComplete="off" placeholder="GB/T 4754，如 C2614" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="principalName" label="主要负责人" rules={[{ max: 50 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="principalPhone" label="主要负责人电话" rules={[phoneRule()]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="safetyManagerName" label="安全管理人员" rules={[{ max: 50 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="safetyManagerPhone" label="安全管理人员电话" rules={[phoneRule()]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="employees" label="从业人数">
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="aboveScale" label="规模以上">
              <Select
                allowClear
                placeholder="未填"
                options={[
                  { value: 'yes', label: '是（规上）' },
                  { value: 'no', label: '否（规下）' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="longitude" label="经度">
              <InputNumber min={73} max={136} step={0.000001} style={{ width: '100%' }} placeholder="如 113.39" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="latitude" label="纬度">
              <InputNumber min={3} max={54} step={0.000001} style={{ width: '100%' }} placeholder="如 22.52" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          许可证
        </Divider>
        <LicenceFields />
        <Divider />
        <Form.Item
          name="reason"
          label={firm ? '修改原因' : '纳入台账的原因'}
          rules={[{ required: true, whitespace: true, message: '请填写原因' }, { min: 2, message: '原因至少 2 个字' }, { max: 500 }]}
          extra="原因记入变更记录和审计日志"
        >
          <Input.TextArea rows={2} placeholder={firm ? '如 企业提交新的许可证' : '如 镇街排查新发现'} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
