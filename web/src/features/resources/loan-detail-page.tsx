import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  LOAN_STATE_LABELS,
  RETURN_CONDITION_LABELS,
  RETURN_CONDITIONS,
  type TReturnCondition,
} from '@yingji/domain/resources/resources.data';
import type { TLoanDetail } from '@yingji/domain/resources/resources.schema';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { resourcesApi } from '../../api/resources.api';
import { bureauNow, dayjs, formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { EnumTag, enumOptions, useIsPhone } from '../../kit';
import { LOAN_STATE_COLORS, RESOURCE_KEYS } from './loans-page';

type TLine = TLoanDetail['lines'][number];

/** One loan: its items and what came back, its steps, and the step the user may take now (large buttons on a phone). */
export function LoanDetailPage() {
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const [returning, setReturning] = useState(false);
  const [deciding, setDeciding] = useState<'approve' | 'refuse' | null>(null);
  const [note, setNote] = useState('');
  const loan = useQuery({ queryKey: [...RESOURCE_KEYS.all, 'loan', id], queryFn: () => resourcesApi.loan(id) });
  const done = (text: string) => () => {
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: RESOURCE_KEYS.all });
  };
  const decide = useMutation({
    mutationFn: (v: { action: 'approve' | 'refuse'; note: string }) =>
      v.action === 'approve' ? resourcesApi.approve(id, v.note) : resourcesApi.refuse(id, v.note),
    onSuccess: () => {
      setDeciding(null);
      done('已审批')();
    },
    onError: (e) => showError(e),
  });
  const issue = useMutation({ mutationFn: () => resourcesApi.issue(id), onSuccess: done('已出库'), onError: (e) => showError(e) });
  const cancel = useMutation({ mutationFn: () => resourcesApi.cancel(id), onSuccess: done('已撤回'), onError: (e) => showError(e) });
  if (loan.isPending) return <Spin />;
  if (!loan.data) return <Alert type="error" message="出借记录不存在" />;
  const l = loan.data;
  const size = isPhone ? 'large' : 'middle';
  const lineColumns = [
    { title: '物资', render: (_: unknown, r: TLine) => `${r.itemName} ${r.spec}`.trim() },
    { title: '数量', render: (_: unknown, r: TLine) => `${r.quantity}${r.unit}` },
    { title: '完好归还', dataIndex: 'returnedGood' },
    { title: '损坏', dataIndex: 'returnedDamaged' },
    { title: '消耗', dataIndex: 'consumed' },
    { title: '丢失', dataIndex: 'lost' },
    { title: '未归还', dataIndex: 'outstanding', render: (v: number) => (v > 0 ? <Tag color="orange">{v}</Tag> : 0) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space wrap>
            <span>出借 {l.number}</span>
            <EnumTag value={l.state} labels={LOAN_STATE_LABELS} colors={LOAN_STATE_COLORS} />
            {l.overdue && <Tag color="red">逾期未还</Tag>}
          </Space>
        }
        extra={<Link to="/resources/loans">返回台账</Link>}
      >
        <Descriptions column={isPhone ? 1 : 2} size="small">
          <Descriptions.Item label="借用单位">
            {l.borrowerUnit}（{l.borrowerDivisionName}）
          </Descriptions.Item>
          <Descriptions.Item label="联系人">
            {l.contact} {l.contactPhone}
          </Descriptions.Item>
          <Descriptions.Item label="出借仓库">{l.warehouseName}</Descriptions.Item>
          <Descriptions.Item label="用途">{l.purpose}</Descriptions.Item>
          <Descriptions.Item label="预计归还">{l.expectedReturnOn}</Descriptions.Item>
          <Descriptions.Item label="审批">
            {l.firstApproverName ?? '—'}
            {l.needsSecondApproval ? ` / 二级：${l.secondApproverName ?? '待审批'}` : ''}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }}>
          {l.can.approve && (
            <Button type="primary" size={size} onClick={() => setDeciding('approve')}>
              审批同意
            </Button>
          )}
          {l.can.refuse && (
            <Button danger size={size} onClick={() => setDeciding('refuse')}>
              不同意
            </Button>
          )}
          {l.can.issue && (
            <Button type="primary" size={size} loading={issue.isPending} onClick={() => issue.mutate()}>
              确认出库
            </Button>
          )}
          {l.can.return && (
            <Button type="primary" size={size} onClick={() => setReturning(true)}>
              登记归还
            </Button>
          )}
          {l.can.cancel && (
            <Button size={size} loading={cancel.isPending} onClick={() => cancel.mutate()}>
              撤回申请
            </Button>
          )}
        </Space>
      </Card>
      <Card title="出借物资">
        {isPhone ? (
          l.lines.map((r) => (
            <div key={r.id} className="cell-stack" style={{ marginBottom: 12 }}>
              <strong>
                {r.itemName} {r.quantity}
                {r.unit}
              </strong>
              <span className="cell-sub">
                完好归还 {r.returnedGood} · 损坏 {r.returnedDamaged} · 消耗 {r.consumed} · 丢失 {r.lost} · 未归还 {r.outstanding}
              </span>
            </div>
          ))
        ) : (
          <Table rowKey="id" size="small" pagination={false} columns={lineColumns} dataSource={l.lines} />
        )}
      </Card>
      <Card title="流程">
        <Timeline
          items={l.steps.map((s) => ({
            children: (
              <div>
                <strong>{s.action}</strong> {s.byName} <span className="cell-sub">{formatTime(s.at)}</span>
                {s.note && <div className="cell-sub">{s.note}</div>}
              </div>
            ),
          }))}
        />
      </Card>
      <Modal
        open={deciding !== null}
        title={deciding === 'approve' ? '审批同意' : '审批不同意'}
        okText="确定"
        cancelText="取消"
        confirmLoading={decide.isPending}
        onCancel={() => setDeciding(null)}
        onOk={() => deciding && decide.mutate({ action: deciding, note })}
      >
        <Input.TextArea rows={3} placeholder="审批意见" value={note} onChange={(e) => setNote(e.target.value)} aria-label="审批意见" />
      </Modal>
      {returning && <ReturnModal loan={l} onClose={() => setReturning(false)} onDone={done('已登记归还')} />}
    </Space>
  );
}

interface TReturnForm {
  returnedOn: dayjs.Dayjs;
  items: { lineId: number; quantity: number; condition: TReturnCondition; note?: string }[];
}

/** 登记归还: per item, how many came back and in which condition (good ones go back into stock). */
function ReturnModal({ loan, onClose, onDone }: { loan: TLoanDetail; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<TReturnForm>();
  const showError = useErrorHandler();
  const open = loan.lines.filter((l) => l.outstanding > 0);
  const save = useMutation({
    mutationFn: (v: TReturnForm) =>
      resourcesApi.returnItems(loan.id, {
        returnedOn: v.returnedOn.format('YYYY-MM-DD'),
        items: v.items.filter((i) => i.quantity > 0).map((i) => ({ ...i, note: i.note ?? '' })),
      }),
    onSuccess: () => {
      onDone();
      onClose();
    },
    onError: (e) => showError(e),
  });
  return (
    <Modal
      open
      title="登记归还"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<TReturnForm>
        form={form}
        layout="vertical"
        initialValues={{ returnedOn: bureauNow(), items: open.map((l) => ({ lineId: l.id, quantity: l.outstanding, condition: 'good' })) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="returnedOn" label="归还日期" rules={[{ required: true, message: '请选择归还日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'lineId']} label={i === 0 ? '物资' : undefined}>
                    <Select
                      style={{ width: 150 }}
                      aria-label={`归还物资 ${i + 1}`}
                      options={open.map((l) => ({ value: l.id, label: `${l.itemName}（未还 ${l.outstanding}）` }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quantity']} label={i === 0 ? '数量' : undefined}>
                    <InputNumber min={0} precision={0} aria-label={`归还数量 ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'condition']} label={i === 0 ? '状况' : undefined}>
                    <Select
                      style={{ width: 100 }}
                      aria-label={`归还状况 ${i + 1}`}
                      options={enumOptions(RETURN_CONDITIONS, RETURN_CONDITION_LABELS)}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']} label={i === 0 ? '说明' : undefined}>
                    <Input style={{ width: 140 }} maxLength={200} aria-label={`归还说明 ${i + 1}`} />
                  </Form.Item>
                </Space>
              ))}
              <Button type="dashed" block onClick={() => add({ lineId: open[0]?.id, quantity: 0, condition: 'damaged' })}>
                再加一行（同一物资不同状况）
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
