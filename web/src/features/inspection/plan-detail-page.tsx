import { CheckOutlined, EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PLAN_STATUS_LABELS } from '@yingji/domain/inspection/plan.schema';
import {
  App,
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { drawApi, PLAN_KEYS, planApi } from '../../api/inspection-plan.api';
import { formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { categoryLabel, tagLabel } from '../enterprise/enterprise-data';
import { DrawList } from './draw-list';
import { percent, PLAN_STATUS_COLORS, stratumLabel } from './draw-data';
import { PlanFormDrawer } from './plan-form-drawer';
import './plan-draw.css';
import { townName, useTowns } from '../../kit';

type TCheckRow = Awaited<ReturnType<typeof planApi.detail>>['checks'][number];

/** One plan: what its ratios give grade by grade against the frequency setting, its approval, and its draws. */
export function PlanDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const { names } = useTowns();
  const [editing, setEditing] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [form] = Form.useForm<{ label: string }>();

  const detail = useQuery({ queryKey: PLAN_KEYS.plan(id), queryFn: () => planApi.detail(id) });
  const draws = useQuery({ queryKey: PLAN_KEYS.draws(id), queryFn: () => drawApi.ofPlan(id) });
  const rounds = (draws.data ?? []).filter((d) => d.redrawOf === null).length;
  const approve = useMutation({
    mutationFn: () => planApi.approve(id),
    onSuccess: () => {
      void message.success('计划已审批，可以抽取');
      void queryClient.invalidateQueries({ queryKey: PLAN_KEYS.all });
    },
    onError: (e) => showError(e),
  });
  const commit = useMutation({
    mutationFn: (label: string) => drawApi.commit(id, label),
    onSuccess: (d) => {
      void queryClient.invalidateQueries({ queryKey: PLAN_KEYS.all });
      setCommitting(false);
      void navigate(`/inspection/draws/${d.id}`);
    },
    onError: (e) => showError(e, form),
  });

  if (detail.isPending) return <Spin className="full-page-center" />;
  if (detail.isError)
    return (
      <Result
        status="404"
        title="检查计划不存在"
        extra={<Button onClick={() => void navigate('/inspection/plans')}>返回计划列表</Button>}
      />
    );
  const { plan, checks, inspectors, can, approveProblem } = detail.data;
  const warnings = checks.filter((c) => c.message);
  const total = checks.reduce((s, c) => s + c.perRound, 0);
  const list = (values: string[], label: (v: string) => string, all: string) => (values.length === 0 ? all : values.map(label).join('、'));

  const columns: TableColumnsType<TCheckRow> = [
    { title: '风险等级', key: 'stratum', render: (_, c) => stratumLabel(c.stratum) },
    { title: '名录企业数', dataIndex: 'pool', align: 'right' },
    { title: '每轮抽查比例', dataIndex: 'ratio', align: 'right', render: percent },
    { title: '每轮抽取', dataIndex: 'perRound', align: 'right' },
    { title: `全年（${plan.rounds} 轮）`, dataIndex: 'checks', align: 'right' },
    {
      title: '每家每年平均',
      key: 'perFirm',
      align: 'right',
      render: (_, c) => (
        <Tooltip title={c.message}>
          <Space size={4}>
            {c.perFirm}
            {c.warning === 'below_min' && <Tag color="orange">低于下限</Tag>}
            {c.warning === 'above_max' && <Tag color="red">超过上限</Tag>}
          </Space>
        </Tooltip>
      ),
    },
    { title: '频次设置（最少–最多）', key: 'freq', align: 'right', render: (_, c) => `${c.min}–${c.max}` },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Space wrap>
          <Typography.Title level={4} className="page-title">
            {plan.title}
          </Typography.Title>
          <Tag color={PLAN_STATUS_COLORS[plan.status]}>{PLAN_STATUS_LABELS[plan.status]}</Tag>
        </Space>
        <div className="page-actions">
          {can.edit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              修改
            </Button>
          )}
          {plan.status === 'draft' && (
            <Tooltip title={approveProblem}>
              <Popconfirm title="审批后计划不能再修改，确认审批？" disabled={!can.approve} onConfirm={() => approve.mutate()}>
                <Button type="primary" icon={<CheckOutlined />} disabled={!can.approve} loading={approve.isPending}>
                  审批
                </Button>
              </Popconfirm>
            </Tooltip>
          )}
          {can.draw && (
            <Button
              type="primary"
              icon={<ThunderboltOutlined />}
              onClick={() => (form.setFieldsValue({ label: `第 ${rounds + 1} 轮` }), setCommitting(true))}
              data-testid="draw-commit"
            >
              新一轮抽取
            </Button>
          )}
        </div>
      </div>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label="制定单位">{plan.divisionName}</Descriptions.Item>
            <Descriptions.Item label="实施期间">
              {plan.periodStart} 至 {plan.periodEnd}
            </Descriptions.Item>
            <Descriptions.Item label="检查重点" span={2}>
              {plan.focus}
            </Descriptions.Item>
            <Descriptions.Item label="监管类别">{list(plan.pool.categories, categoryLabel, '全部')}</Descriptions.Item>
            <Descriptions.Item label="特殊标签">{list(plan.pool.tags, tagLabel, '不限')}</Descriptions.Item>
            <Descriptions.Item label="镇街">
              {list(plan.pool.towns, (t) => townName(names, t), plan.divisionCode.length === 9 ? (plan.divisionName ?? '') : '全市')}
            </Descriptions.Item>
            <Descriptions.Item label="风险等级">{list(plan.pool.colours, stratumLabel, '全部（含未定级）')}</Descriptions.Item>
            <Descriptions.Item label="每家企业执法人员">{plan.inspectorsPerTarget} 名</Descriptions.Item>
            <Descriptions.Item label="起草 / 审批">
              {plan.createdByName ?? '—'} / {plan.approvedByName ? `${plan.approvedByName}（${formatTime(plan.approvedAt)}）` : '待审批'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={`抽查户次与频次对照（每轮共 ${total} 家）`}>
          {warnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message="按当前比例与轮次，部分等级的检查频次不符合设置"
              description={warnings.map((w) => (
                <div key={w.stratum}>{w.message}</div>
              ))}
            />
          )}
          <Table
            className="plan-checks"
            rowKey="stratum"
            size="small"
            pagination={false}
            dataSource={checks}
            columns={columns}
            scroll={{ x: 720 }}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            名录企业数为当前在管企业按计划范围实时统计；每轮抽取数 = 比例 × 企业数，四舍五入。本单位在岗执法人员 {inspectors.active}{' '}
            名，其中执法证有效 {inspectors.drawable} 名。
          </Typography.Paragraph>
        </Card>
        <DrawList planId={id} />
      </Space>
      <PlanFormDrawer plan={plan} open={editing} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      <Modal
        title="第一步：生成承诺"
        open={committing}
        onCancel={() => setCommitting(false)}
        onOk={() => form.submit()}
        confirmLoading={commit.isPending}
        okText="生成承诺"
      >
        <Typography.Paragraph>
          系统将冻结当前的候选企业名录和执法人员名录，生成一个保密的随机种子，并立即公布种子的 SHA-256
          承诺值和两份名录的哈希。抽取执行后公开种子，任何人都可以复算核对。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => commit.mutate(v.label)}>
          <Form.Item name="label" label="批次名称" rules={[{ required: true, message: '请填写批次名称' }]}>
            <Input maxLength={60} placeholder="如：第 1 轮（一季度）" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
