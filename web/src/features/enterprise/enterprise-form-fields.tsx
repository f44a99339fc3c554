/** The firm form's values, how they become the API's fields, and its licence rows. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { TRegistrationStatus, TSpecialTag, TSupervisionCategory } from '@yingji/domain/enterprise/enterprise.schema';
import { Button, Col, DatePicker, Form, Grid, Input, Row } from 'antd';
import type { Dayjs } from 'dayjs';

export interface TLicenceForm {
  kind: string;
  number: string;
  issuedOn?: Dayjs | null;
  expiresOn?: Dayjs | null;
}

export interface TEnterpriseForm {
  creditCode: string;
  name: string;
  divisionCode: string;
  supervisionCategory: TSupervisionCategory;
  tags: TSpecialTag[];
  registrationStatus: TRegistrationStatus;
  address?: string;
  legalRepresentative?: string;
  principalName?: string;
  principalPhone?: string;
  safetyManagerName?: string;
  safetyManagerPhone?: string;
  industryCode?: string;
  employees?: number | null;
  aboveScale?: 'yes' | 'no' | null;
  longitude?: number | null;
  latitude?: number | null;
  licences: TLicenceForm[];
  reason: string;
}

const textOrNull = (v: string | undefined): string | null => v?.trim() || null;
const day = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);

/** The form's values as the fields the API takes (everything but credit code, town and reason). */
export function toFields(v: TEnterpriseForm) {
  return {
    name: v.name.trim(),
    supervisionCategory: v.supervisionCategory,
    tags: v.tags ?? [],
    registrationStatus: v.registrationStatus,
    address: textOrNull(v.address),
    legalRepresentative: textOrNull(v.legalRepresentative),
    principalName: textOrNull(v.principalName),
    principalPhone: textOrNull(v.principalPhone),
    safetyManagerName: textOrNull(v.safetyManagerName),
    safetyManagerPhone: textOrNull(v.safetyManagerPhone),
    industryCode: textOrNull(v.industryCode)?.toUpperCase() ?? null,
    employees: v.employees ?? null,
    aboveScale: v.aboveScale === 'yes' ? true : v.aboveScale === 'no' ? false : null,
    longitude: v.longitude ?? null,
    latitude: v.latitude ?? null,
    licences: (v.licences ?? []).map((l) => ({
      kind: l.kind.trim(),
      number: l.number.trim(),
      issuedOn: day(l.issuedOn),
      expiresOn: day(l.expiresOn),
    })),
  };
}

/** The licences: kind, number, issue and expiry dates; one row each, added and removed freely. */
export function LicenceFields() {
  const isPhone = Grid.useBreakpoint().md === false;
  return (
    <Form.List name="licences">
      {(items, { add, remove }) => (
        <>
          {items.map(({ key, name }) => (
            <Row gutter={8} key={key} align="top" className="licence-row">
              <Col xs={12} sm={6}>
                <Form.Item name={[name, 'kind']} rules={[{ required: true, whitespace: true, message: '请填写类别' }]}>
                  <Input placeholder="类别，如 安全生产许可证" aria-label="许可证类别" />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name={[name, 'number']} rules={[{ required: true, whitespace: true, message: '请填写编号' }]}>
                  <Input placeholder="编号" aria-label="许可证编号" />
                </Form.Item>
              </Col>
              <Col xs={11} sm={5}>
                <Form.Item name={[name, 'issuedOn']}>
                  <DatePicker placeholder="发证日期" style={{ width: '100%' }} inputReadOnly={isPhone} />
                </Form.Item>
              </Col>
              <Col xs={11} sm={5}>
                <Form.Item name={[name, 'expiresOn']}>
                  <DatePicker placeholder="有效期至" style={{ width: '100%' }} inputReadOnly={isPhone} />
                </Form.Item>
              </Col>
              <Col xs={2} sm={2}>
                <Button type="text" danger icon={<MinusCircleOutlined />} aria-label="删除许可证" onClick={() => remove(name)} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ kind: '', number: '' })}>
            添加许可证
          </Button>
        </>
      )}
    </Form.List>
  );
}
