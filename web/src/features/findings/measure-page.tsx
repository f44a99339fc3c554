import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  LINK_KIND_LABELS,
  LINK_KINDS,
  MEASURE_TERM_LABELS,
  type TMeasureDetail,
  type TRecordLink,
} from '@yingji/domain/findings/findings.schema';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { findingsApi, FINDINGS_KEYS } from '../../api/findings.api';
import { formatTime } from '../../app/locale';
import { enumLabel, enumOptions } from '../../kit';
import { DueTag, MeasureStateTag, PersonPicker } from './findings-data';

const STEP_LABELS: Record<TMeasureDetail['progress'][number]['kind'], string> = {
  progress: '报送进展',
  submit: '提请销号',
  sign_off: '审核销号',
  return: '退回整改',
  reopen: '回头看重新打开',
};

/** Where a linked record opens (the platform's own pages). */
const LINK_PATHS: Partial<Record<TRecordLink['kind'], string>> = {
  case: '/cases/',
  hazard: '/hazards/',
  inspection: '/inspections/',
  accident: '/accidents/',
  enterprise: '/enterprises/',
};

type TDialog = 'progress' | 'submit' | 'signOff' | 'return' | 'reopen' | null;

/** One measure: its finding, owner and deadline, the steps with evidence and links, and what the viewer may do now. */
export function MeasurePage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<TDialog>(null);
  const [form] = Form.useForm();
  const measure = useQuery({ queryKey: [...FINDINGS_KEYS.all, 'measure', id], queryFn: () => findingsApi.measure(id) });
  const rounds = useQuery({ queryKey: [...FINDINGS_KEYS.all, 'rounds'], queryFn: findingsApi.rounds, enabled: dialog === 'reopen' });
  const act = useMutation({
    mutationFn: async (v: Record<string, unknown>) => {
      const note = String(v.note ?? '');
      if (dialog === 'progress') {
        const links = ((v.links as { kind: TRecordLink['kind']; id: number; label?: string }[] | undefined) ?? []).filter(
          (l) => l?.kind && l?.id,
        );
        return findingsApi.progress(id, { note, links: links.map((l) => ({ kind: l.kind, id: l.id, label: l.label ?? '' })) });
      }
      if (dialog === 'submit') return findingsApi.submit(id, { reviewerId: v.reviewerId as number, note });
      if (dialog === 'signOff') return findingsApi.signOff(id, { note });
      if (dialog === 'return') return findingsApi.returnMeasure(id, { note });
      return findingsApi.reopen(id, { lookBackRoundId: v.lookBackRoundId as number, note });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: FINDINGS_KEYS.all });
      void qc.invalidateQueries({ queryKey: ['workbench'] });
      message.success('已保存');
      setDialog(null);
      form.resetFields();
    },
    onError: (e: Error) => message.error(e.message),
  });

  const m = measure.data;
  if (!m) return <Card loading={measure.isLoading}>{measure.isError ? measure.error.message : null}</Card>;
  const titles: Record<Exclude<TDialog, null>, string> = {
    progress: '报送整改进展',
    submit: '提请销号',
    signOff: '审核销号',
    return: '退回继续整改',
    reopen: '回头看：重新打开',
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            整改措施
            <MeasureStateTag state={m.state} />
            <DueTag due={m.due} />
          </Space>
        }
        extra={
          <Space wrap>
            {m.can.progress ? <Button onClick={() => setDialog('progress')}>报送进展</Button> : null}
            {m.can.submit ? (
              <Button type="primary" onClick={() => setDialog('submit')}>
                提请销号
              </Button>
            ) : null}
            {m.can.signOff ? (
              <>
                <Button type="primary" onClick={() => setDialog('signOff')}>
                  同意销号
                </Button>
                <Button danger onClick={() => setDialog('return')}>
                  退回
                </Button>
              </>
            ) : null}
            {m.can.reopen ? <Button onClick={() => setDialog('reopen')}>回头看重新打开</Button> : null}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="轮次">
            <Link to={`/rectification/rounds/${m.roundId}`}>{m.roundTitle}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="问题">
            {m.itemNo}. {m.findingTitle}
          </Descriptions.Item>
          <Descriptions.Item label="整改措施" span={2}>
            {m.content}
          </Descriptions.Item>
          <Descriptions.Item label="牵头领导">{m.leadLeader}</Descriptions.Item>
          <Descriptions.Item label="责任部门">{m.department}</Descriptions.Item>
          <Descriptions.Item label="责任人">{m.ownerName}</Descriptions.Item>
          <Descriptions.Item label="整改时限">
            {m.deadline}（{enumLabel(MEASURE_TERM_LABELS, m.term)}）
          </Descriptions.Item>
          <Descriptions.Item label="销号审核人">{m.reviewerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="重新打开">{m.reopenCount} 次</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="整改过程" size="small">
        {m.progress.length === 0 ? (
          <Typography.Text type="secondary">尚未报送整改进展</Typography.Text>
        ) : (
          <Timeline
            items={m.progress.map((p) => ({
              key: p.id,
              children: (
                <Space direction="vertical" size={2}>
                  <Typography.Text strong>
                    {STEP_LABELS[p.kind]} · {p.authorName} · {formatTime(p.at)}
                  </Typography.Text>
                  {p.note ? <Typography.Text>{p.note}</Typography.Text> : null}
                  {p.links.length > 0 ? (
                    <Space size={4} wrap>
                      {p.links.map((l) => (
                        <Tag key={`${l.kind}-${l.id}`}>
                          {LINK_PATHS[l.kind] ? (
                            <Link to={`${LINK_PATHS[l.kind]}${l.id}`}>
                              {LINK_KIND_LABELS[l.kind]} {l.label || `#${l.id}`}
                            </Link>
                          ) : (
                            `${LINK_KIND_LABELS[l.kind]} ${l.label || `#${l.id}`}`
                          )}
                        </Tag>
                      ))}
                    </Space>
                  ) : null}
                  {p.attachments.length > 0 ? (
                    <Space size={4} wrap>
                      {p.attachments.map((h) => (
                        <a key={h} href={`/api/attachments/${h}`} target="_blank" rel="noreferrer">
                          佐证材料 {h.slice(0, 8)}
                        </a>
                      ))}
                    </Space>
                  ) : null}
                </Space>
              ),
            }))}
          />
        )}
      </Card>
      <Modal
        title={dialog ? titles[dialog] : ''}
        open={dialog !== null}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okText="提交"
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)} preserve={false}>
          {dialog === 'submit' ? (
            <Form.Item name="reviewerId" label="销号审核人" rules={[{ required: true, message: '请指定销号审核人' }]}>
              <PersonPicker exclude={m.ownerId} />
            </Form.Item>
          ) : null}
          {dialog === 'reopen' ? (
            <Form.Item name="lookBackRoundId" label="回头看轮次" rules={[{ required: true, message: '请选择回头看轮次' }]}>
              <Select
                options={(rounds.data?.items ?? []).filter((r) => r.lookBackOf === m.roundId).map((r) => ({ value: r.id, label: r.title }))}
                placeholder="先在整改轮次中新建对本轮的回头看"
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="note"
            label={dialog === 'progress' ? '整改进展' : dialog === 'reopen' ? '重新打开的理由' : '意见'}
            rules={dialog === 'progress' || dialog === 'reopen' ? [{ required: true, message: '请填写' }] : []}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          {dialog === 'progress' ? (
            <Form.List name="links">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {fields.map((f) => (
                    <Space key={f.key} wrap>
                      <Form.Item name={[f.name, 'kind']} noStyle rules={[{ required: true, message: '请选择记录类型' }]}>
                        <Select
                          aria-label="记录类型"
                          style={{ width: 110 }}
                          placeholder="记录类型"
                          options={enumOptions(LINK_KINDS, LINK_KIND_LABELS)}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'id']} noStyle rules={[{ required: true, message: '请填写记录编号' }]}>
                        <InputNumber min={1} placeholder="编号" style={{ width: 100 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'label']} noStyle>
                        <Input placeholder="说明（文号、名称）" style={{ width: 180 }} />
                      </Form.Item>
                      <Button type="link" onClick={() => remove(f.name)}>
                        删除
                      </Button>
                    </Space>
                  ))}
                  <Button onClick={() => add()}>关联平台记录（案件、隐患、检查……）</Button>
                </Space>
              )}
            </Form.List>
          ) : null}
        </Form>
      </Modal>
    </Space>
  );
}
