import { CameraOutlined, CloseOutlined, LoadingOutlined } from '@ant-design/icons';
import { App, Image } from 'antd';
import { useRef, useState } from 'react';
import { attachmentUrl, uploadImage } from '../../api/attachment.api';
import { isApiError } from '../../api/client';
import { downscaleImage } from './downscale';
import './photo-upload.css';

interface TPhotoUploadProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  max?: number;
  disabled?: boolean;
}

/**
 * Photos as attachment hashes: a big camera button (the phone opens its back camera), thumbnails that open
 * full size, and a remove button on each. Each photo is downscaled to 1600 px JPEG before upload.
 */
export function PhotoUpload({ value = [], onChange, max = 9, disabled = false }: TPhotoUploadProps) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(0);

  async function add(files: FileList | null) {
    if (!files) return;
    const room = Math.max(0, max - value.length);
    const picked = [...files].slice(0, room);
    if (files.length > room) void message.warning(`最多 ${max} 张照片`);
    setBusy((n) => n + picked.length);
    const added: string[] = [];
    for (const file of picked) {
      try {
        const small = await downscaleImage(file);
        added.push((await uploadImage(small, file.name)).sha256);
      } catch (e) {
        void message.error(isApiError(e) ? e.message : '照片上传失败，请重试');
      } finally {
        setBusy((n) => n - 1);
      }
    }
    if (added.length) onChange?.([...value, ...added.filter((h) => !value.includes(h))]);
    if (input.current) input.current.value = '';
  }

  return (
    <div className="photo-upload">
      <Image.PreviewGroup>
        {value.map((sha) => (
          <div key={sha} className="photo-thumb">
            <Image src={attachmentUrl(sha)} width={72} height={72} alt="现场照片" />
            {!disabled && (
              <button
                type="button"
                className="photo-remove"
                aria-label="删除照片"
                onClick={() => onChange?.(value.filter((v) => v !== sha))}
              >
                <CloseOutlined />
              </button>
            )}
          </div>
        ))}
      </Image.PreviewGroup>
      {!disabled && value.length < max && (
        <button type="button" className="photo-add" onClick={() => input.current?.click()} disabled={busy > 0}>
          {busy > 0 ? <LoadingOutlined /> : <CameraOutlined />}
          <span>{busy > 0 ? '上传中' : '拍照'}</span>
        </button>
      )}
      <input ref={input} type="file" accept="image/*" capture="environment" multiple hidden onChange={(e) => void add(e.target.files)} />
    </div>
  );
}
