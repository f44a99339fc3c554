import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LOAN_STATE_LABELS, LOAN_STATES, type TLoanState } from '@yingji/domain/resources/resources.data';
import type { TLoanListItem } from '@yingji/domain/resources/resources.schema';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { resourcesApi } from '../../api/resources.api';
import { useCan, useMe } from '../../app/auth';
import { dayjs, formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { EnumTag, FlagFilter, ListPage, SelectFilter, TownSelect, enumOptions, param, useListParams } from '../../kit';

export const RESOURCE_KEYS = { all: ['resources'] as const };
export const LOAN_STATE_COLORS: Partial<Record<TLoanState, string>> = {
  requested: 'gold',
  approved: 'blue',
  issued: 'purple',
  returning: 'orange',
  closed: 'green',
  refused: 'red',
};
const FILTERS = { state: param.oneOf(LOAN_STATES), overdue: param.flag(), q: param.text() };

/** 出借台账: every loan with its state, overdue ones flagged, the ledger exported with the same filter. */
export function LoansPage() {
  const can = useCan();
  const list = useListParams(FILTERS);
  const [creating, setCreating] = useState(false);
  const query = useQuery({
    queryKey: [...RESOURCE_KEYS.all, 'loans', list.filter, list.page, list.pageSize],
    queryFn: () => resourcesApi.loans({ ...list.filter, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const state = (r: TLoanListItem) => (
    <Space size={4} wrap>
      <EnumTag value={r.state} labels={LOAN_STATE_LABELS} colors={LOAN_STATE_COLORS} />
      {r.overdue && <Tag color="red">逾期</Tag>}
    </Space>
  );
  const columns: TableColumnsType<TLoanListItem> = [
    { title: '单号', dataIndex: 'number', width: 120, render: (v: string, r) => <Link to={`/resources/loans/${r.id}`}>{v}</Link> },
    { title: '借用单位', dataIndex: 'borrowerUnit', render: (v: string, r) => `${v}（${r.borrowerDivisionName}）` },
    { title: '物资', dataIndex: 'summary' },
    { title: '出借仓库', dataIndex: 'warehouseName', width: 160 },
    { title: '预计归还', dataIndex: 'expectedReturnOn', width: 110 },
    { title: '申请', width: 170, render: (_, r) => `${r.applicantName} ${formatTime(r.requestedAt)}` },
    { title: '状态', width: 150, render: (_, r) => state(r) },
  ];
  const card = (r: TLoanListItem) => (
    <div className="cell-stack">
      <Link to={`/resources/loans/${r.id}`}>
        {r.number} {r.borrowerUnit}
      </Link>
      <span>{r.summary}</span>
      <span className="cell-sub">
        {r.warehouseName} · 预计 {r.expectedReturnOn} 归还
      </span>
      {state(r)}
    </div>
  );
  return (
    <>
      <ListPage
        title="物资出借台账"
        refresh
        exportHref={resourcesApi.loansExportUrl(list.filter)}
        exportTestId="loans-export"
        actions={
          can('resources.loan') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              申请借用
            </Button>
          )
        }
        list={list}
        query={query}
        search={{ placeholder: '借用单位、用途' }}
        filters={
          <>
            <SelectFilter
              list={list}
              name="state"
              placeholder="全部状态"
              label="状态"
              options={enumOptions(LOAN_STATES, LOAN_STATE_LABELS)}
            />
            <FlagFilter list={list} name="overdue" label="逾期未还" />
          </>
        }
        columns={columns}
        card={card}
        emptyText="没有出借记录"
        unit="笔"
      />
      {creating && <LoanRequestModal onClose={() => setCreating(false)} />}
    </>
  );
}

interface TLoanForm {
  warehouseId: number;
  borrowerUnit: string;
  borrowerDivisionCode: string;
  contact: string;
  contactPhone: string;
  purpose: string;
  expectedReturnOn: dayjs.Dayjs;
  lines: { itemId: number; quantity: number }[];
}

/** 申请借用: warehouse, borrowing unit, items and quantities, purpose and the expected return. */
function LoanRequestModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<TLoanForm>();
  const me = useMe().data?.user;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const warehouses = useQuery({ queryKey: [...RESOURCE_KEYS.all, 'warehouses'], queryFn: resourcesApi.warehouses });
  const items = useQuery({ queryKey: [...RESOURCE_KEYS.all, 'items'], queryFn: resourcesApi.items });
  const create = useMutation({
    mutationFn: (v: TLoanForm) => resourcesApi.createLoan({ ...v, expectedReturnOn: v.expectedReturnOn.format('YYYY-MM-DD') }),
    onSuccess: (loan) => {
      void message.success(`已提交出借申请 ${loan.number}`);
      void queryClient.invalidateQueries({ queryKey: RESOURCE_KEYS.all });
      navigate(`/resources/loans/${loan.id}`);
    },
    onError: (e) => showError(e, form),
  });
  const isTown = me?.divisionCode.length === 9;
  return (
    <Modal
      open
      title="申请借用应急物资"
      okText="提交申请"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<TLoanForm>
        form={form}
        layout="vertical"
        initialValues={{
          lines: [{}],
          borrowerDivisionCode: isTown ? me?.divisionCode : undefined,
          expectedReturnOn: dayjs().add(14, 'day'),
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="warehouseId" label="出借仓库" rules={[{ required: true, message: '请选择出借仓库' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={warehouses.isPending}
            options={(warehouses.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.name}（${w.divisionName}）` }))}
          />
        </Form.Item>
        <Form.Item name="borrowerUnit" label="借用单位" rules={[{ required: true, message: '请填写借用单位' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="borrowerDivisionCode" label="借用单位所属镇街" rules={[{ required: true, message: '请选择镇街' }]}>
          <TownSelect disabled={isTown} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="contact" label="联系人" rules={[{ required: true, message: '请填写联系人' }]} style={{ flex: 1 }}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]} style={{ flex: 1 }}>
            <Input maxLength={20} />
          </Form.Item>
        </Space.Compact>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item
                    name={[f.name, 'itemId']}
                    label={i === 0 ? '物资' : undefined}
                    rules={[{ required: true, message: '请选择物资' }]}
                  >
                    <Select
                      style={{ width: 220 }}
                      aria-label={`物资 ${i + 1}`}
                      showSearch={{ optionFilterProp: 'label' }}
                      options={(items.data?.items ?? []).map((it) => ({ value: it.id, label: `${it.name} ${it.spec}`.trim() }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'quantity']}
                    label={i === 0 ? '数量' : undefined}
                    rules={[{ required: true, message: '请填写数量' }]}
                  >
                    <InputNumber min={1} precision={0} aria-label={`数量 ${i + 1}`} />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>删除</Button>}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})} block>
                再加一项物资
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="purpose" label="用途" rules={[{ required: true, message: '请填写用途' }]} style={{ marginTop: 16 }}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Form.Item name="expectedReturnOn" label="预计归还日期（使用期限）" rules={[{ required: true, message: '请选择预计归还日期' }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
