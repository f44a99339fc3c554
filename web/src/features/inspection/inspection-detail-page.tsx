import { EditOutlined, FileWordOutlined, NotificationOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ANSWER_RESULT_LABELS, INSPECTION_KIND_LABELS, INSPECTION_STATUS_LABELS } from '@yingji/domain/inspection/inspection.schema';
import { App, Button, Card, Descriptions, Empty, Image, List, Result, Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { attachmentUrl } from '../../api/attachment.api';
import { inspectionApi } from '../../api/inspection.api';
import { inspectionReportApi } from '../../api/inspection-report.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { formatTime } from '../../app/locale';
import { InspectionHazardsCard } from '../hazard/inspection-hazards';
import { COLOUR_LABELS, INSPECTION_KEYS, KIND_COLORS } from './inspection-data';
import './inspection-styles.css';

const RESULT_COLORS = { compliant: 'green', non_compliant: 'red', not_applicable: 'default' } as const;

function Photos({ hashes }: { hashes: string[] }) {
  if (hashes.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <div className="photo-upload">
        {hashes.map((h) => (
          <Image key={h} src={attachmentUrl(h)} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} alt="现场照片" />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

/** One inspection as recorded: who, when, each item's result with notes and photos, the signature, the findings. */
export function InspectionDetailPage() {
  const id = Number(useParams().id);
  const detail = useQuery({ queryKey: INSPECTION_KEYS.detail(id), queryFn: () => inspectionApi.detail(id) });
  const client = useQueryClient();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const publish = useMutation({
    mutationFn: () => inspectionApi.publish(id),
    onSuccess: (data) => {
      client.setQueryData(INSPECTION_KEYS.detail(id), data);
      void message.success('检查结果已公示');
    },
    onError: (e) => onError(e),
  });
  if (detail.isPending) return <Spin className="full-page-center" size="large" />;
  if (detail.isError) return <Result status="warning" title={(detail.error as Error).message} />;
  const { inspection: i, inspectors, items, findings, can } = detail.data;
  const colour = i.colour ? COLOUR_LABELS[i.colour] : null;
  return (
    <div className="page record-page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          检查记录 #{i.id}
        </Typography.Title>
        <div className="page-actions">
          {i.status === 'submitted' && (
            <Button icon={<FileWordOutlined />} href={inspectionReportApi.recordDocxUrl(i.id)}>
              现场检查记录（Word）
            </Button>
          )}
          {can.publish && (
            <Button icon={<NotificationOutlined />} loading={publish.isPending} onClick={() => publish.mutate()}>
              公示检查结果
            </Button>
          )}
          {can.edit && (
            <Link to={`/inspections/${i.id}/record`}>
              <Button type="primary" icon={<EditOutlined />}>
                继续填写
              </Button>
            </Link>
          )}
        </div>
      </div>
      <Card variant="borderless" className="record-summary">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="企业">
            <Link to={`/enterprises/${i.enterpriseId}`}>{i.enterpriseName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="镇街">{i.divisionName ?? i.divisionCode}</Descriptions.Item>
          <Descriptions.Item label="检查方式">
            <Tag color={KIND_COLORS[i.kind]}>{INSPECTION_KIND_LABELS[i.kind]}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="风险等级">{colour ? <Tag color={colour.color}>{colour.label}</Tag> : '未定级'}</Descriptions.Item>
          <Descriptions.Item label="检查日期">{i.inspectedOn}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={i.status === 'submitted' ? 'green' : 'gold'}>{INSPECTION_STATUS_LABELS[i.status]}</Tag>
          </Descriptions.Item>
          {i.status === 'submitted' && (
            <Descriptions.Item label="结果公示">
              {i.publishedAt ? (
                <Tag color="green">已公示 {formatTime(i.publishedAt)}</Tag>
              ) : (
                <Tag color="orange">待公示，期限 {i.publicationDueOn}</Tag>
              )}
            </Descriptions.Item>
          )}
          <Descriptions.Item label="检查地点">{i.place}</Descriptions.Item>
          <Descriptions.Item label="检查表">{i.checklistName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="执法人员" span={2}>
            {inspectors.map((o) => `${o.displayName}（证号 ${o.certificateNo}）`).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="检查结论" span={2}>
            {i.conclusion ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="陪同人员" span={2}>
            {i.representativeName ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="记录时间">{formatTime(i.createdAt)}</Descriptions.Item>
        </Descriptions>
        {i.signatureSha256 && <img className="signature-image" src={attachmentUrl(i.signatureSha256)} alt="企业陪同人员签名" />}
      </Card>
      <Card variant="borderless" title={`发现的问题（${findings.length}）`} className="record-summary">
        {findings.length === 0 ? (
          <Empty description={i.status === 'submitted' ? '未发现问题' : '提交后，不合格项将列在这里'} />
        ) : (
          <List
            dataSource={findings}
            renderItem={(f) => (
              <List.Item>
                <div className="answer-extra">
                  <div>
                    {f.majorHazard && <Tag color="red">重大事故隐患</Tag>}
                    {f.description}
                    {f.hazardId && (
                      <Link to={`/hazards/${f.hazardId}`}>
                        <Tag color="blue" style={{ marginLeft: 8 }}>
                          已转为隐患
                        </Tag>
                      </Link>
                    )}
                  </div>
                  <Photos hashes={f.photos} />
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
      <InspectionHazardsCard
        inspectionId={i.id}
        findings={findings}
        place={i.place}
        representative={i.representativeName}
        submitted={i.status === 'submitted'}
      />
      <Card variant="borderless" title="逐项检查结果">
        <List
          dataSource={items}
          renderItem={(item, n) => (
            <List.Item>
              <div className="answer-extra">
                <div className="answer-title">
                  {n + 1}. {item.title}{' '}
                  {item.answer ? (
                    <Tag color={RESULT_COLORS[item.answer.result]}>{ANSWER_RESULT_LABELS[item.answer.result]}</Tag>
                  ) : (
                    <Tag>未填</Tag>
                  )}
                </div>
                <div className="answer-basis">依据：{item.legalBasis}</div>
                {item.answer?.note && <div>{item.answer.note}</div>}
                <Photos hashes={item.answer?.photos ?? []} />
              </div>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
