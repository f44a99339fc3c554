import { useQuery } from '@tanstack/react-query';
import { WARNING_KINDS, WARNING_LEVELS } from '@yingji/domain/warning/warning.settings';
import { Alert, DatePicker, Form, Input, Radio, Select, Space, Switch, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { warningApi } from '../../api/warning.api';
import { useTowns } from '../../kit';
import { LEVEL_LABELS } from './warning-data';
import { WarningFileUpload } from './warning-file-upload';

export interface TWarningFormValues {
  kind: string;
  level: (typeof WARNING_LEVELS)[number];
  areaAll: boolean;
  towns: string[];
  issuedAt?: Dayjs;
  expectedUntil?: Dayjs | null;
  text: string;
  source?: 'meteorological' | 'bureau';
  attachment?: string | null;
}

/**
 * The fields of a warning, for issuing it and for each later version (更新): kind, colour, area, times, text and file.
 * Posts in the area with nobody on them are named before it goes out. An update keeps the first issue's time and
 * source, so those two fields are only on the issuing form (`issuing`).
 */
export function WarningFormFields({ form, issuing }: { form: FormInstance<TWarningFormValues>; issuing: boolean }) {
  const towns = useTowns();
  const areaAll = Form.useWatch('areaAll', form);
  const chosen = Form.useWatch('towns', form) ?? [];
  const unheld = useQuery({
    queryKey: ['warning-chain', 'unheld'],
    queryFn: () => warningApi.posts({ unheld: '1', page: 1, pageSize: 200 }),
  });
  const unheldInArea = (unheld.data?.items ?? []).filter((p) => p.level !== 'city' && (areaAll || chosen.includes(p.divisionCode)));
  return (
    <>
      <Space wrap size={24}>
        <Form.Item name="kind" label="预警种类" rules={[{ required: true, message: '请选择预警种类' }]}>
          <Select style={{ width: 160 }} options={WARNING_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="level" label="预警级别">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={WARNING_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="areaAll" label="全市范围" valuePropName="checked">
        <Switch checkedChildren="全市" unCheckedChildren="选镇街" />
      </Form.Item>
      {!areaAll ? (
        <Form.Item name="towns" label="预警镇街" rules={[{ required: true, type: 'array', min: 1, message: '请选择至少一个镇街' }]}>
          <Select mode="multiple" options={towns.options} placeholder="选择镇街" showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      ) : null}
      {unheldInArea.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={`范围内有 ${unheldInArea.length} 个岗位无人在岗，${issuing ? '发布' : '更新'}后这些岗位无人接收叫应`}
          description={unheldInArea
            .slice(0, 10)
            .map((p) => `${p.townName}${p.villageName ?? ''}${p.title}`)
            .join('、')}
        />
      ) : null}
      <Space wrap size={24}>
        {issuing ? (
          <Form.Item name="issuedAt" label="发布时间" rules={[{ required: true, message: '请选择发布时间' }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        ) : null}
        <Form.Item name="expectedUntil" label="预计持续至">
          <DatePicker showTime format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        {issuing ? (
          <Form.Item name="source" label="来源">
            <Radio.Group
              options={[
                { value: 'meteorological', label: '气象台' },
                { value: 'bureau', label: '本局（三防办）' },
              ]}
            />
          </Form.Item>
        ) : null}
      </Space>
      <Form.Item name="text" label="预警内容" rules={[{ required: true, min: 4, message: '预警内容至少 4 个字' }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="attachment" label="附件（预警文件，可选）">
        <WarningFileUpload />
      </Form.Item>
    </>
  );
}
