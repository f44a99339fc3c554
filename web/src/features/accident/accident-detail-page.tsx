import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  REPORT_FINDING_LABELS,
  REPORT_LEVELS,
  REPORT_LEVEL_LABELS,
  type TReportFindingKind,
  type TReportLevel,
} from '@yingji/domain/accident/accident.data';
import type { TAccidentDetail } from '@yingji/domain/accident/accident.schema';
import {
  Alert,
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
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { accidentApi } from '../../api/accident.api';
import { useCan, useCurrentMe } from '../../app/auth';
import { dayjs, formatTime, toBureauIso } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { AccidentCases } from './accident-cases';
import { ACCIDENT_KEYS, ClockTag, formatLoss, GradeTag, levelLabel, typeLabel } from './accident-data';
import './accident.css';

type TAction = 'step' | 'casualties' | 'finding' | 'open' | 'extend' | 'report' | 'reply' | 'close';

const INVESTIGATION_STATES: Record<string, ReactNode> = {
  investigating: <Tag color="blue">调查中</Tag>,
  report_overdue: <Tag color="red">调查报告逾期</Tag>,
  awaiting_reply: <Tag color="gold">待批复</Tag>,
  reply_overdue: <Tag color="red">批复逾期</Tag>,
  replied: <Tag color="green">已批复</Tag>,
};

const day = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

/** The fields of every action's form (each form validates its own required ones). */
interface TActionValues {
  level: TReportLevel;
  receivedAt?: dayjs.Dayjs;
  passedUpAt?: dayjs.Dayjs;
  deaths: number;
  missing: number;
  seriousInjuries: number;
  minorInjuries: number;
  lossYuan: number;
  note: string;
  kind: TReportFindingKind;
  reason: string;
  leadUnit: string;
  startedOn: dayjs.Dayjs;
  days: number;
  submittedOn: dayjs.Dayjs;
  party?: string;
  finding?: string;
  recommendedPenalty?: string;
  repliedOn: dayjs.Dayjs;
}

/** 事故详情: the chain with its clocks (迟报 shown), casualty changes with the grade history, findings, investigation. */
export function AccidentDetailPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const me = useCurrentMe();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const [action, setAction] = useState<TAction | null>(null);
  const [form] = Form.useForm<TActionValues>();
  const query = useQuery({ queryKey: [...ACCIDENT_KEYS.all, 'detail', id], queryFn: () => accidentApi.get(id) });
  const a = query.data;

  const run = useMutation({
    mutationFn: async (v: TActionValues): Promise<TAccidentDetail> => {
      const t = (x: dayjs.Dayjs | undefined) => (x ? toBureauIso(x) : null);
      switch (action) {
        case 'step':
          return accidentApi.step(id, { level: v.level, receivedAt: t(v.receivedAt), passedUpAt: t(v.passedUpAt) });
        case 'casualties':
          return accidentApi.casualties(id, {
            deaths: v.deaths,
            missing: v.missing,
            seriousInjuries: v.seriousInjuries,
            minorInjuries: v.minorInjuries,
            lossFen: Math.round(Number(v.lossYuan) * 100),
            note: v.note,
          });
        case 'finding':
          return accidentApi.finding(id, { kind: v.kind, reason: v.reason });
        case 'open':
          return accidentApi.openInvestigation(id, { leadUnit: v.leadUnit, startedOn: day(v.startedOn) });
        case 'extend':
          return accidentApi.extendInvestigation(id, { days: v.days, reason: v.reason });
        case 'report':
          return accidentApi.submitReport(id, {
            submittedOn: day(v.submittedOn),
            parties: v.party ? [{ party: v.party, finding: v.finding ?? '', recommendedPenalty: v.recommendedPenalty ?? '' }] : [],
          });
        case 'reply':
          return accidentApi.reply(id, { repliedOn: day(v.repliedOn) });
        default:
          return accidentApi.close(id, v.note ?? '');
      }
    },
    onSuccess: (d) => {
      qc.setQueryData([...ACCIDENT_KEYS.all, 'detail', id], d);
      void qc.invalidateQueries({ queryKey: [...ACCIDENT_KEYS.all, 'list'] });
      setAction(null);
      form.resetFields();
    },
    onError: (e) => onError(e, form),
  });

  if (!a)
    return <Card loading={query.isPending}>{query.error ? <Alert type="error" message={(query.error as Error).message} /> : null}</Card>;
  const isTown = me.user.divisionCode.length >= 9;
  const levels = isTown ? (['unit', 'town'] as const) : REPORT_LEVELS;
  const open = (act: TAction) => {
    form.resetFields();
    if (act === 'casualties')
      form.setFieldsValue({
        deaths: a.deaths,
        missing: a.missing,
        seriousInjuries: a.seriousInjuries,
        minorInjuries: a.minorInjuries,
        lossYuan: a.lossFen / 100,
      });
    setAction(act);
  };
  const inv = a.investigation;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {a.title}
            <GradeTag grade={a.grade} />
            {a.closed ? <Tag>已结案</Tag> : null}
          </Space>
        }
        extra={can('accident.manage') && !a.closed ? <Button onClick={() => open('close')}>结案</Button> : null}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="单位">{a.enterpriseName ?? a.partyName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="镇街">{a.townName}</Descriptions.Item>
          <Descriptions.Item label="行业">{a.industry ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="类别">{typeLabel(a)}</Descriptions.Item>
          <Descriptions.Item label="地点">{a.place}</Descriptions.Item>
          <Descriptions.Item label="发生时间">{formatTime(a.occurredAt)}</Descriptions.Item>
          <Descriptions.Item label="单位知悉">{formatTime(a.knownAt)}</Descriptions.Item>
          <Descriptions.Item label="伤亡">
            死亡 {a.deaths}，失踪 {a.missing}，重伤 {a.seriousInjuries}，轻伤 {a.minorInjuries}
          </Descriptions.Item>
          <Descriptions.Item label="直接经济损失">{formatLoss(a.lossFen)}</Descriptions.Item>
          {a.kind === 'emergency' ? (
            <Descriptions.Item label="灾情">
              受灾 {a.affectedPeople ?? '—'} 人，转移 {a.evacuated ?? '—'} 人，房屋损毁 {a.housesDamaged ?? '—'} 间
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label="简要经过" span={2}>
            {a.summary}
          </Descriptions.Item>
          <Descriptions.Item label="已采取措施" span={2}>
            {a.measures || <Typography.Text type="danger">未报告</Typography.Text>}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        title={`报告链（须报至${levelLabel(a.targetLevel)}）`}
        extra={can('accident.report') && !a.closed ? <Button onClick={() => open('step')}>登记接报/上报</Button> : null}
      >
        <Table
          rowKey="level"
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={a.clocks}
          columns={[
            { title: '环节', render: (_, c) => `${REPORT_LEVEL_LABELS[c.level]} → ${REPORT_LEVEL_LABELS[c.to]}` },
            { title: '接报', dataIndex: 'receivedAt', render: (v: string | null) => formatTime(v) },
            { title: '时限', render: (_, c) => `${c.limitMinutes / 60} 小时，${formatTime(c.dueAt)} 前` },
            { title: '上报', dataIndex: 'passedUpAt', render: (v: string | null) => formatTime(v) },
            { title: '状态', render: (_, c) => <ClockTag state={c.state} minutesLate={c.minutesLate} /> },
          ]}
        />
      </Card>

      <Card
        title="续报（伤亡变化）"
        extra={
          <Space>
            <Tag color={a.followUp.open ? 'green' : 'default'}>
              续报时限 {a.followUp.days} 日，至 {a.followUp.lastDay}（{a.followUp.open ? '未到期' : '已过'}）
            </Tag>
            {can('accident.report') && !a.closed ? <Button onClick={() => open('casualties')}>续报</Button> : null}
          </Space>
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={a.casualtyChanges}
          locale={{ emptyText: '尚无续报' }}
          columns={[
            { title: '时间', dataIndex: 'at', render: (v: string) => formatTime(v) },
            { title: '伤亡', render: (_, c) => `死亡 ${c.deaths} 失踪 ${c.missing} 重伤 ${c.seriousInjuries} 轻伤 ${c.minorInjuries}` },
            { title: '损失', dataIndex: 'lossFen', render: (v: number) => formatLoss(v) },
            {
              title: '等级',
              render: (_, c) =>
                c.gradeBefore === c.gradeAfter ? (
                  <GradeTag grade={c.gradeAfter} />
                ) : (
                  <Space size={2}>
                    <GradeTag grade={c.gradeBefore} />→<GradeTag grade={c.gradeAfter} />
                  </Space>
                ),
            },
            { title: '时限内', dataIndex: 'inWindow', render: (v: boolean) => (v ? '是' : <Tag color="red">超出续报时限</Tag>) },
            { title: '说明', dataIndex: 'note' },
          ]}
        />
      </Card>

      <Card title="漏报、谎报、瞒报认定" extra={can('accident.manage') ? <Button onClick={() => open('finding')}>认定</Button> : null}>
        {a.findings.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          a.findings.map((f) => (
            <p key={f.id}>
              <Tag color="red">{REPORT_FINDING_LABELS[f.kind]}</Tag>
              {f.reason}（{f.recordedBy}，{formatTime(f.at)}）
            </p>
          ))
        )}
      </Card>

      {a.kind === 'accident' ? (
        <Card
          title={<Space>事故调查{inv ? INVESTIGATION_STATES[inv.state] : null}</Space>}
          extra={
            can('accident.manage') && !a.closed ? (
              <Space wrap>
                {!inv ? <Button onClick={() => open('open')}>启动调查</Button> : null}
                {inv && !inv.reportSubmittedOn && inv.extensionDays === null ? <Button onClick={() => open('extend')}>延期</Button> : null}
                {inv && !inv.reportSubmittedOn ? <Button onClick={() => open('report')}>提交调查报告</Button> : null}
                {inv?.reportSubmittedOn && !inv.repliedOn ? <Button onClick={() => open('reply')}>登记批复</Button> : null}
              </Space>
            ) : null
          }
        >
          {inv ? (
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label="牵头单位">{inv.leadUnit}</Descriptions.Item>
              <Descriptions.Item label="开始">{inv.startedOn}</Descriptions.Item>
              <Descriptions.Item label="报告期限">
                {inv.reportDueOn}
                {inv.extensionDays ? `（已延长 ${inv.extensionDays} 日：${inv.extensionReason}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="报告提交">{inv.reportSubmittedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="批复期限">{inv.replyDueOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="批复">{inv.repliedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="责任认定与处理建议" span={2}>
                {inv.parties.length
                  ? inv.parties.map((p, i) => (
                      <div key={i}>
                        {p.party}：{p.finding} — 建议{p.recommendedPenalty}
                        {can('case.handle') && (
                          <Link
                            style={{ marginLeft: 8 }}
                            to={`/cases/new?source=accident&ref=${a.id}${a.enterpriseId ? `&enterpriseId=${a.enterpriseId}` : ''}`}
                          >
                            立案查处
                          </Link>
                        )}
                      </div>
                    ))
                  : '—'}
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Typography.Text type="secondary">未启动。调查报告应在事故发生之日起 60 日内提交，可延长一次、不超过 60 日。</Typography.Text>
          )}
        </Card>
      ) : null}

      {a.kind === 'accident' ? <AccidentCases accidentId={a.id} /> : null}

      <Card title="值班日志">
        {a.dutyLog.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          a.dutyLog.map((l) => (
            <p key={l.id}>
              {formatTime(l.at)} {l.content}（{l.recordedBy}）
            </p>
          ))
        )}
      </Card>

      <Modal
        open={action !== null}
        title={
          {
            step: '登记接报/上报时间',
            casualties: '续报伤亡变化',
            finding: '认定漏报、谎报、瞒报',
            open: '启动调查',
            extend: '延长调查期限',
            report: '提交调查报告',
            reply: '登记批复',
            close: '结案',
          }[action ?? 'close']
        }
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        confirmLoading={run.isPending}
        destroyOnHidden
      >
        <Form<TActionValues> form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
          {action === 'step' ? (
            <>
              <Form.Item name="level" label="层级" rules={[{ required: true, message: '请选择层级' }]}>
                <Select options={levels.map((l) => ({ value: l, label: REPORT_LEVEL_LABELS[l] }))} />
              </Form.Item>
              <Form.Item name="receivedAt" label="接报时间">
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="passedUpAt" label="向上级报告时间">
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </>
          ) : null}
          {action === 'casualties' ? (
            <>
              <div className="accident-counts">
                {(
                  [
                    ['deaths', '死亡'],
                    ['missing', '失踪'],
                    ['seriousInjuries', '重伤'],
                    ['minorInjuries', '轻伤'],
                  ] as const
                ).map(([n, l]) => (
                  <Form.Item key={n} name={n} label={l} rules={[{ required: true, message: `请填写${l}人数` }]}>
                    <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                ))}
              </div>
              <Form.Item name="lossYuan" label="直接经济损失（元）" rules={[{ required: true, message: '请填写损失' }]}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="note" label="续报说明" rules={[{ required: true, min: 2, message: '请填写续报说明' }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
          {action === 'finding' ? (
            <>
              <Form.Item name="kind" label="认定" rules={[{ required: true, message: '请选择' }]}>
                <Select options={Object.entries(REPORT_FINDING_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="reason" label="理由" rules={[{ required: true, min: 4, message: '请填写理由（至少 4 个字）' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          ) : null}
          {action === 'open' ? (
            <>
              <Form.Item name="leadUnit" label="牵头单位" rules={[{ required: true, message: '请填写牵头单位' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="startedOn" label="开始日期" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          ) : null}
          {action === 'extend' ? (
            <>
              <Form.Item name="days" label="延长天数（不超过 60 日，只能延长一次）" rules={[{ required: true, message: '请填写天数' }]}>
                <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="reason" label="理由" rules={[{ required: true, min: 4, message: '请填写理由' }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
          {action === 'report' ? (
            <>
              <Form.Item name="submittedOn" label="提交日期" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="party" label="责任单位或责任人">
                <Input />
              </Form.Item>
              <Form.Item name="finding" label="责任认定">
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="recommendedPenalty" label="处理建议">
                <Input />
              </Form.Item>
            </>
          ) : null}
          {action === 'reply' ? (
            <Form.Item name="repliedOn" label="批复日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
          {action === 'close' ? (
            <Form.Item name="note" label="结案说明">
              <Input.TextArea rows={2} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Space>
  );
}
