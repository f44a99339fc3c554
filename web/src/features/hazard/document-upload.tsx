import { FilePdfOutlined, LoadingOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useRef, useState } from 'react';
import { attachmentUrl } from '../../api/attachment.api';
import { isApiError } from '../../api/client';
import { uploadDocument } from '../../api/hazard.api';

const MAX_BYTES = 10 * 1024 * 1024;

/** Rectification documents (PDF: invoices, acceptance reports) as attachment hashes, each with a link and a remove button. */
export function DocumentUpload({ value = [], onChange, max = 9 }: { value?: string[]; onChange?: (v: string[]) => void; max?: number }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [names, setNames] = useState<Record<string, string>>({});

  async function add(files: FileList | null) {
    if (!files) return;
    const picked = [...files].slice(0, Math.max(0, max - value.length));
    if (files.length > picked.length) void message.warning(`材料最多 ${max} 份`);
    setBusy(true);
    const added: string[] = [];
    for (const file of picked) {
      if (file.size > MAX_BYTES) {
        void message.error(`${file.name} 超过 10 MB`);
        continue;
      }
      try {
        const saved = await uploadDocument(file);
        added.push(saved.sha256);
        setNames((n) => ({ ...n, [saved.sha256]: file.name }));
      } catch (e) {
        void message.error(isApiError(e) ? `${file.name}：${e.message}` : `${file.name} 上传失败，请重试`);
      }
    }
    setBusy(false);
    if (added.length) onChange?.([...value, ...added.filter((h) => !value.includes(h))]);
    if (input.current) input.current.value = '';
  }

  return (
    <div className="hazard-docs">
      {value.map((sha, n) => (
        <div key={sha} className="hazard-doc">
          <FilePdfOutlined />
          <a href={attachmentUrl(sha)} target="_blank" rel="noreferrer">
            {names[sha] ?? `材料 ${n + 1}`}
          </a>
          <Button type="link" size="small" danger onClick={() => onChange?.(value.filter((v) => v !== sha))}>
            删除
          </Button>
        </div>
      ))}
      {value.length < max && (
        <Button
          size="large"
          icon={busy ? <LoadingOutlined /> : <PaperClipOutlined />}
          disabled={busy}
          onClick={() => input.current?.click()}
        >
          {busy ? '上传中' : '添加 PDF 材料'}
        </Button>
      )}
      <input ref={input} type="file" accept="application/pdf,.pdf" multiple hidden onChange={(e) => void add(e.target.files)} />
    </div>
  );
}
