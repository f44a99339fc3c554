/**
 * The column-mapping form of every Excel import (企业名单, 避难场所普查表): for each field Yingji reads, the sheet's header
 * that holds it. The fields are the same records the server matches with (domain/src/shared/columns.ts), so a label
 * and its "required" mark are written once.
 */
import type { TColumnField } from '@yingji/domain/shared/columns';
import { Col, Row, Select, Typography } from 'antd';

export type TColumnMapping = Record<string, string>;

/** The required fields that have no column chosen. */
export function unmappedRequired<F extends string>(fields: Record<F, TColumnField>, mapping: TColumnMapping): F[] {
  return (Object.keys(fields) as F[]).filter((f) => fields[f].required && !mapping[f]);
}

/**
 * One select per field, with the sheet's headers as options; a cleared select means "not imported". A required field
 * without a column is marked: amber while the user is choosing, red with the field named once `showMissing` is set
 * (after a submit).
 */
export function ColumnMapping<F extends string>({
  fields,
  headers,
  value,
  onChange,
  showMissing = false,
}: {
  fields: Record<F, TColumnField>;
  headers: readonly string[];
  value: TColumnMapping;
  onChange: (mapping: TColumnMapping) => void;
  showMissing?: boolean;
}) {
  const options = headers.filter(Boolean).map((h) => ({ value: h, label: h }));
  return (
    <Row gutter={[12, 8]} className="column-mapping">
      {(Object.keys(fields) as F[]).map((f) => {
        const { label, required } = fields[f];
        const missing = required && !value[f];
        return (
          <Col key={f} xs={24} sm={12} lg={6}>
            <div className="cell-sub">
              {label}
              {required ? <span style={{ color: '#d9363e' }}> *</span> : ''}
            </div>
            <Select
              aria-label={label}
              allowClear
              style={{ width: '100%' }}
              status={missing ? (showMissing ? 'error' : 'warning') : undefined}
              placeholder={required ? '必选' : '不导入'}
              value={value[f]}
              options={options}
              onChange={(v?: string) => {
                const next = { ...value };
                if (v) next[f] = v;
                else delete next[f];
                onChange(next);
              }}
            />
            {missing && showMissing && <Typography.Text type="danger">请选择“{label}”所在的列</Typography.Text>}
          </Col>
        );
      })}
    </Row>
  );
}
