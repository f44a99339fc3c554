import { NodeExpandOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addDaysToDate, type TFinding, type THazardCategory, type THazardItem } from '@yingji/domain';
import { App, Button, Card, Checkbox, DatePicker, Drawer, Empty, Form, Grid, Input, List, Select, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { hazardApi } from '../../api/hazard.api';
import { useCan } from '../../app/auth';
import { bureauNow, dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { CATEGORY_OPTIONS, HAZARD_KEYS, HazardTags } from './hazard-data';
import './hazard.css';

interface TRow {
  category?: THazardCategory;
  deadline?: dayjs.Dayjs;
  responsiblePerson?: string;
  location?: string;
}

/** The findings of one inspection become hazards in one action: pick findings, set each one's category, deadline, person and place. */
function FromFindingsDrawer({
  open,
  onClose,
  inspectionId,
  findings,
  place,
  representative,
}: {
  open: boolean;
  onClose: () => void;
  inspectionId: number;
  findings: TFinding[];
  place: string;
  representative: string | null;
}) {
  const [form] = Form.useForm<{ rows: Record<string, TRow> }>();
  const [picked, setPicked] = useState<number[]>([]);
  const client = useQueryClient();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const isPhone = Grid.useBreakpoint().md === false;
  const today = bureauNow().format('YYYY-MM-DD');
  const pending = findings.filter((f) => f.hazardId === null);

  const convert = useMutation({
    mutationFn: (rows: Record<string, TRow>) =>
      hazardApi.fromFindings({
        inspectionId,
        items: picked.map((id) => {
          const r = rows[String(id)] ?? {};
          return {
            findingId: id,
            category: r.category!,
            deadline: r.deadline!.format('YYYY-MM-DD'),
            responsiblePerson: (r.responsiblePerson ?? '').trim(),
            location: (r.location ?? '').trim(),
          };
        }),
      }),
    onSuccess: (d) => {
      void message.success(`已转为 ${d.hazards.length} 条隐患`);
      void client.invalidateQueries({ queryKey: HAZARD_KEYS.ofInspection(inspectionId) });
      void client.invalidateQueries({ queryKey: ['inspection', 'detail', inspectionId] });
      // the findings page's list and its banner (待转 / 已转) count these findings too
      void client.invalidateQueries({ queryKey: ['inspection', 'findings'] });
      void client.invalidateQueries({ queryKey: ['hazard', 'list'] });
      setPicked([]);
      onClose();
    },
    onError: (e) => onError(e),
  });

  const initialRows = Object.fromEntries(
    pending.map((f) => [
      String(f.id),
      {
        category: 'other',
        deadline: dayjs(addDaysToDate(today, f.majorHazard ? 30 : 15)),
        responsiblePerson: representative ?? '',
        location: place,
      },
    ]),
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="检查发现问题转为隐患"
      size={isPhone ? '100%' : 720}
      forceRender
      extra={
        <Button type="primary" disabled={picked.length === 0} loading={convert.isPending} onClick={() => form.submit()}>
          转为隐患（{picked.length}）
        </Button>
      }
    >
      {pending.length === 0 ? (
        <Empty description="本次检查发现的问题均已转为隐患" />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ rows: initialRows }} onFinish={(v) => convert.mutate(v.rows)}>
          <Checkbox
            checked={picked.length === pending.length}
            indeterminate={picked.length > 0 && picked.length < pending.length}
            onChange={(e) => setPicked(e.target.checked ? pending.map((f) => f.id) : [])}
            style={{ marginBottom: 12 }}
          >
            全选（{pending.length} 条未转）
          </Checkbox>
          {pending.map((f) => {
            const on = picked.includes(f.id);
            const req = (message: string) => (on ? [{ required: true, whitespace: true, message }] : []);
            return (
              <Card key={f.id} size="small" className="hazard-section">
                <Checkbox
                  checked={on}
                  onChange={(e) => setPicked((p) => (e.target.checked ? [...p, f.id] : p.filter((x) => x !== f.id)))}
                  aria-label={`选择问题 ${f.description}`}
                >
                  {f.majorHazard && <Tag color="volcano">重大</Tag>}
                  {f.description}
                </Checkbox>
                {on && (
                  <div className="hazard-finding-fields">
                    <Form.Item
                      name={['rows', String(f.id), 'category']}
                      label="隐患类别"
                      rules={[{ required: true, message: '请选择隐患类别' }]}
                    >
                      <Select options={CATEGORY_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
                    </Form.Item>
                    <Form.Item
                      name={['rows', String(f.id), 'deadline']}
                      label="整改期限"
                      rules={[{ required: true, message: '请选择整改期限' }]}
                    >
                      <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
                    </Form.Item>
                    <Form.Item
                      name={['rows', String(f.id), 'responsiblePerson']}
                      label="整改责任人"
                      rules={[...req('请填写整改责任人'), { min: 2, max: 50, message: '整改责任人 2–50 个字' }]}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={['rows', String(f.id), 'location']}
                      label="隐患部位"
                      rules={[...req('请填写隐患部位'), { min: 2, max: 200, message: '隐患部位 2–200 个字' }]}
                    >
                      <Input />
                    </Form.Item>
                  </div>
                )}
              </Card>
            );
          })}
        </Form>
      )}
    </Drawer>
  );
}

/** On the inspection page: the hazards made from its findings, with their state, and the 转为隐患 action. */
export function InspectionHazardsCard({
  inspectionId,
  findings,
  place,
  representative,
  submitted,
}: {
  inspectionId: number;
  findings: TFinding[];
  place: string;
  representative: string | null;
  submitted: boolean;
}) {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: HAZARD_KEYS.ofInspection(inspectionId),
    queryFn: () => hazardApi.ofInspection(inspectionId),
    enabled: can('hazard.read'),
  });
  if (!can('hazard.read')) return null;
  const unconverted = findings.filter((f) => f.hazardId === null).length;
  const mayConvert = submitted && can('hazard.manage') && unconverted > 0;
  return (
    <Card
      variant="borderless"
      title={`隐患（${list.data?.length ?? 0}）`}
      className="record-summary"
      extra={
        mayConvert && (
          <Button type="primary" icon={<NodeExpandOutlined />} onClick={() => setOpen(true)}>
            转为隐患
          </Button>
        )
      }
    >
      <List<THazardItem>
        loading={list.isPending}
        dataSource={list.data ?? []}
        locale={{ emptyText: unconverted > 0 ? `还有 ${unconverted} 条发现问题未转为隐患` : '没有由本次检查产生的隐患' }}
        renderItem={(h) => (
          <List.Item>
            <div className="cell-stack">
              <Link to={`/hazards/${h.id}`}>{h.description}</Link>
              <span className="cell-sub">
                <HazardTags h={h} /> 整改期限 {h.deadline}
              </span>
            </div>
          </List.Item>
        )}
      />
      {mayConvert && (
        <FromFindingsDrawer
          open={open}
          onClose={() => setOpen(false)}
          inspectionId={inspectionId}
          findings={findings}
          place={place}
          representative={representative}
        />
      )}
    </Card>
  );
}
