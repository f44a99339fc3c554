import { CheckCircleFilled, PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Result, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { warningApi } from '../../api/warning.api';
import { formatTime } from '../../app/locale';
import { WarningTag } from './warning-data';

/** The phone page an SMS answer link opens (no login): the warning, and one button — 已知悉 — with an optional note. */
export function AnswerPage() {
  const token = useParams().token ?? '';
  const [note, setNote] = useState('');
  const view = useQuery({ queryKey: ['warning-answer', token], queryFn: () => warningApi.answerView(token), retry: false });
  const answer = useMutation({ mutationFn: () => warningApi.answer(token, note), onSuccess: () => void view.refetch() });
  const v = view.data;
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 16 }}>
      {view.isPending ? <Spin style={{ display: 'block', marginTop: 80 }} /> : null}
      {view.isError ? (
        <Result status="warning" title="无法打开应答链接" subTitle={isApiError(view.error) ? view.error.message : '请检查网络后重试'} />
      ) : null}
      {v ? (
        <Card title={<WarningTag kind={v.kind} level={v.level} />} data-testid="answer-card">
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            <Typography.Text>
              {v.name}（{v.postTitle}）：
            </Typography.Text>
            <Typography.Paragraph style={{ fontSize: 16, marginBottom: 0 }}>{v.text}</Typography.Paragraph>
            {v.attachment ? (
              <Button
                icon={<PaperClipOutlined />}
                href={warningApi.answerFileUrl(token)}
                target="_blank"
                block
                style={{ whiteSpace: 'normal', height: 'auto', minHeight: 40 }}
                data-testid="answer-file"
              >
                查看预警文件：{v.attachment.fileName}
              </Button>
            ) : null}
            <Typography.Text type="secondary">
              发布于 {formatTime(v.issuedAt)}
              {v.expectedUntil ? `，预计持续至 ${formatTime(v.expectedUntil)}` : ''}
            </Typography.Text>
            {v.state === 'answered' ? (
              <Result
                icon={<CheckCircleFilled style={{ color: '#52c41a' }} />}
                title="已应答：已知悉"
                subTitle={v.answeredAt ? formatTime(v.answeredAt) : ''}
              />
            ) : v.problem ? (
              <Alert type="info" showIcon message={v.problem} />
            ) : (
              <>
                <Input.TextArea
                  rows={2}
                  maxLength={200}
                  placeholder="备注（可选），如：已通知村民"
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
                {answer.isError ? (
                  <Alert type="error" showIcon message={isApiError(answer.error) ? answer.error.message : '提交失败，请重试'} />
                ) : null}
                <Button
                  type="primary"
                  size="large"
                  block
                  loading={answer.isPending}
                  onClick={() => answer.mutate()}
                  data-testid="answer-button"
                >
                  已知悉
                </Button>
              </>
            )}
          </Space>
        </Card>
      ) : null}
    </div>
  );
}
