import { LoadingOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useRef, useState } from 'react';
import { ATTACHMENT_MAX_BYTES, attachmentUrl } from '../../api/attachment.api';
import { isApiError } from '../../api/client';
import { warningApi } from '../../api/warning.api';

/** The warning's one file (预警文件: the meteorological bureau's PDF or a chart image) as its hash, with remove. */
export function WarningFileUpload({ value, onChange }: { value?: string | null; onChange?: (v: string | null) => void }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState<string | null>(null);

  async function pick(file: File | undefined) {
    if (!file) return;
    if (file.size > ATTACHMENT_MAX_BYTES) {
      void message.error(`${file.name} 超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`);
      return;
    }
    setBusy(true);
    try {
      const saved = await warningApi.uploadFile(file);
      setName(file.name);
      onChange?.(saved.sha256);
    } catch (e) {
      void message.error(isApiError(e) ? `${file.name}：${e.message}` : `${file.name} 上传失败，请重试`);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <Space wrap>
      {value ? (
        <>
          <a href={attachmentUrl(value)} target="_blank" rel="noreferrer">
            <PaperClipOutlined /> {name ?? '预警文件'}
          </a>
          <Button type="link" size="small" danger onClick={() => onChange?.(null)}>
            删除
          </Button>
        </>
      ) : (
        <Button icon={busy ? <LoadingOutlined /> : <PaperClipOutlined />} disabled={busy} onClick={() => input.current?.click()}>
          {busy ? '上传中' : '添加预警文件（PDF 或图片）'}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept="application/pdf,.pdf,image/jpeg,image/png,image/webp"
        hidden
        data-testid="warning-file-input"
        onChange={(e) => void pick(e.target.files?.[0])}
      />
    </Space>
  );
}
