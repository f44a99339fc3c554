import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FLOOD_CHECK_STATE_LABELS, type TFloodCheckState } from '@yingji/domain/resources/flood-check.rules';
import type { TFloodCheckRoundInput, TFloodCheckRoundView } from '@yingji/domain/resources/flood-check.schema';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { floodCheckApi } from '../../api/resources.api';
import { useCan, useMe } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { useIsPhone } from '../../kit';
import { RESOURCE_KEYS } from './loans-page';

export const FLOOD_KEYS = [...RESOURCE_KEYS.all, 'flood-checks'] as const;
export const STATE_COLORS: Record<TFloodCheckState, string> = { not_started: 'default', in_progress: 'blue', complete: 'green' };

type TTownRow = TFloodCheckRoundView['byTown'][number];

/** 汛前检查: a round's city summary (towns' 九必检, villages' 十个有), each town's progress, the ledger; the bureau opens rounds. */
export function FloodChecksPage() {
  const [params, setParams] = useSearchParams();
  const rounds = useQuery({ queryKey: [...FLOOD_KEYS, 'rounds'], queryFn: floodCheckApi.rounds });
  const id = Number(params.get('round')) || rounds.data?.items[0]?.id;
  const round = useQuery({ queryKey: [...FLOOD_KEYS, 'round', id], queryFn: () => floodCheckApi.round(id!), enabled: id !== undefined });
  const isPhone = useIsPhone();
  if (rounds.isPending) return <Spin />;
  const v = round.data;
  const columns: TableColumnsType<TTownRow> = [
    {
      title: '镇街',
      render: (_, t) => <Link to={`/resources/flood-checks/${id}/units/${t.divisionCode}`}>{t.divisionName}</Link>,
    },
    {
      title: '九必检',
      width: 150,
      render: (_, t) => (
        <Space size={4}>
          <Tag color={STATE_COLORS[t.progress.state]}>{FLOOD_CHECK_STATE_LABELS[t.progress.state]}</Tag>
          <span className="cell-sub">
            {t.progress.recorded}/{t.progress.total}
          </span>
        </Space>
      ),
    },
    { title: '九必检缺失', width: 100, align: 'right', render: (_, t) => t.progress.missing.length || '—' },
    {
      title: '村居“十个有”完成',
      width: 140,
      align: 'right',
      render: (_, t) => (t.villages.units ? `${t.villages.complete}/${t.villages.units}` : '未登记村居'),
    },
    { title: '村居缺失项', width: 100, align: 'right', render: (_, t) => t.villages.missingItems || '—' },
    {
      title: '未整改',
      width: 90,
      align: 'right',
      render: (_, t) => {
        const n = t.progress.open.length + t.villages.openProblems;
        return n ? <Tag color="orange">{n}</Tag> : '—';
      },
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <h2 style={{ margin: 0 }}>汛前检查</h2>
          {rounds.data && rounds.data.items.length > 0 && (
            <Select
              aria-label="检查轮次"
              style={{ minWidth: 200 }}
              value={id}
              onChange={(v) => setParams({ round: String(v) })}
              options={rounds.data.items.map((r) => ({ value: r.id, label: r.name }))}
            />
          )}
        </Space>
        <Space wrap>
          {id !== undefined && (
            <Button icon={<DownloadOutlined />} href={floodCheckApi.exportUrl(id)}>
              导出台账
            </Button>
          )}
          {rounds.data && <NewRoundButton defaults={rounds.data.defaults} onCreated={(rid) => setParams({ round: String(rid) })} />}
        </Space>
      </Space>
      {id === undefined && (
        <Alert
          type="info"
          showIcon
          message="尚未发起汛前检查。市应急管理局（市三防办）发起后，各镇街逐项登记“九必检”，各村居登记“十个有”。"
        />
      )}
      {v && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Card size="small" title={`镇街“九必检”（${v.round.townItems.length} 项）`}>
                <Space size="large" wrap>
                  <Statistic title="已完成镇街" value={v.towns.complete} suffix={`/ ${v.towns.units}`} />
                  <Statistic title="检查中" value={v.towns.inProgress} />
                  <Statistic title="缺失项" value={v.towns.missingItems} />
                  <Statistic title="未整改" value={v.towns.openProblems} />
                </Space>
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={`村居“十个有”（${v.round.villageItems.length} 项）`}>
                <Space size="large" wrap>
                  <Statistic title="已完成村居" value={v.villages.complete} suffix={`/ ${v.villages.units}`} />
                  <Statistic title="检查中" value={v.villages.inProgress} />
                  <Statistic title="缺失项" value={v.villages.missingItems} />
                  <Statistic title="未整改" value={v.villages.openProblems} />
                </Space>
              </Card>
            </Col>
          </Row>
          <div className="cell-sub">
            {v.round.startsOn} 至 {v.round.endsOn} · 参检部门：{v.round.departments.join('、')}
          </div>
          {isPhone ? (
            // a phone: one card a town, as the list pages show rows (kit/list-page.tsx), nothing cut at 390 px
            <Table
              rowKey="divisionCode"
              size="small"
              pagination={false}
              showHeader={false}
              className="kit-cards"
              dataSource={v.byTown}
              columns={[{ key: 'card', render: (_, t) => <TownCard round={id!} t={t} /> }]}
            />
          ) : (
            <Table rowKey="divisionCode" size="small" pagination={false} scroll={{ x: 700 }} dataSource={v.byTown} columns={columns} />
          )}
        </>
      )}
    </Space>
  );
}

/** A town's progress as a phone card: its 九必检, its villages' 十个有 and what is still open. */
function TownCard({ round, t }: { round: number; t: TTownRow }) {
  const open = t.progress.open.length + t.villages.openProblems;
  return (
    <Link to={`/resources/flood-checks/${round}/units/${t.divisionCode}`} className="kit-card" data-testid="flood-town-card">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <strong>{t.divisionName}</strong>
        <Tag color={STATE_COLORS[t.progress.state]}>{FLOOD_CHECK_STATE_LABELS[t.progress.state]}</Tag>
      </Space>
      <div className="cell-sub">
        九必检 {t.progress.recorded}/{t.progress.total}
        {t.progress.missing.length ? ` · 缺失 ${t.progress.missing.length} 项` : ''}
      </div>
      <div className="cell-sub">
        {t.villages.units ? `村居“十个有” ${t.villages.complete}/${t.villages.units} 完成` : '未登记村居'}
        {t.villages.missingItems ? ` · 缺失 ${t.villages.missingItems} 项` : ''}
      </div>
      {open > 0 && <Tag color="orange">未整改 {open}</Tag>}
    </Link>
  );
}

type TDefaults = Pick<TFloodCheckRoundInput, 'departments' | 'townItems' | 'villageItems'>;
interface TRoundForm {
  name: string;
  season: number;
  dates: [Dayjs, Dayjs];
  departments: string[];
  townItems: string;
  villageItems: string;
}

/** One item per line, `编号 内容`. */
const toLines = (items: { code: string; label: string }[]) => items.map((i) => `${i.code} ${i.label}`).join('\n');
const fromLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [code = '', ...rest] = l.split(/\s+/);
      return { code, label: rest.join(' ') };
    });

/** 发起检查: the bureau names the round, its dates and departments, and edits the two checklists (one item a line). */
function NewRoundButton({ defaults, onCreated }: { defaults: TDefaults; onCreated: (id: number) => void }) {
  const can = useCan();
  const me = useMe().data?.user;
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<TRoundForm>();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const create = useMutation({
    mutationFn: (f: TRoundForm) =>
      floodCheckApi.create({
        name: f.name,
        season: f.season,
        startsOn: f.dates[0].format('YYYY-MM-DD'),
        endsOn: f.dates[1].format('YYYY-MM-DD'),
        departments: f.departments,
        townItems: fromLines(f.townItems),
        villageItems: fromLines(f.villageItems),
      }),
    onSuccess: (r) => {
      void message.success('已发起汛前检查');
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: FLOOD_KEYS });
      onCreated(r.id);
    },
    onError: (e) => showError(e, form),
  });
  if (!can('resources.manage') || !me || me.divisionCode.length > 4) return null;
  const year = new Date().getFullYear();
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        发起检查
      </Button>
      <Modal
        title="发起汛前检查"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="发起"
        confirmLoading={create.isPending}
        destroyOnHidden
        width={640}
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            name: `${year}年汛前检查`,
            season: year,
            departments: defaults.departments,
            townItems: toLines(defaults.townItems),
            villageItems: toLines(defaults.villageItems),
          }}
          onFinish={(f) => create.mutate(f)}
        >
          <Space wrap>
            <Form.Item name="name" label="检查名称" rules={[{ required: true, message: '检查名称必须填写' }]}>
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="season" label="汛期年份" rules={[{ required: true, message: '汛期年份必须填写' }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="dates" label="检查时间" rules={[{ required: true, message: '检查时间必须选择' }]}>
              <DatePicker.RangePicker />
            </Form.Item>
          </Space>
          <Form.Item name="departments" label="参检部门" rules={[{ required: true, message: '至少要有一个参检部门' }]}>
            <Select mode="tags" tokenSeparators={['，', ',']} />
          </Form.Item>
          <Form.Item name="townItems" label="镇街“九必检”（每行一项：编号 内容）" rules={[{ required: true, message: '九必检必须填写' }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
          </Form.Item>
          <Form.Item
            name="villageItems"
            label="村居“十个有”（每行一项：编号 内容）"
            rules={[{ required: true, message: '十个有必须填写' }]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
