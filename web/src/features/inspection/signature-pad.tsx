import { ClearOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { attachmentUrl, uploadImage } from '../../api/attachment.api';
import { isApiError } from '../../api/client';

interface TSignaturePadProps {
  /** The stored signature's hash, or null. */
  value: string | null;
  onChange: (sha256: string | null) => void;
  disabled?: boolean;
}

/**
 * The firm representative signs with a finger on the phone: strokes on a canvas, saved as a PNG attachment.
 * A stored signature shows as an image; 重新签名 clears it.
 */
export function SignaturePad({ value, onChange, disabled = false }: TSignaturePadProps) {
  const { message } = App.useApp();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);
  const [saving, setSaving] = useState(false);

  // The canvas is sized to its box in device pixels, so lines stay sharp on a phone.
  useEffect(() => {
    const c = canvas.current;
    if (!c || value) return;
    const ratio = window.devicePixelRatio || 1;
    const box = c.getBoundingClientRect();
    c.width = Math.round(box.width * ratio);
    c.height = Math.round(box.height * ratio);
    const ctx = c.getContext('2d')!;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
    setEmpty(true);
  }, [value]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  const start = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (disabled) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const ctx = e.currentTarget.getContext('2d')!;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(p.x + 0.1, p.y + 0.1);
    ctx.stroke();
    setEmpty(false);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext('2d')!;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
  };
  const end = () => {
    drawing.current = false;
  };

  const clear = () => {
    const c = canvas.current;
    if (c) c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
    setEmpty(true);
  };

  async function save() {
    const c = canvas.current;
    if (!c || empty) return;
    setSaving(true);
    try {
      const blob = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error('canvas');
      onChange((await uploadImage(blob, '签名.png')).sha256);
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '签名保存失败，请重试');
    } finally {
      setSaving(false);
    }
  }

  if (value) {
    return (
      <div className="signature-box">
        <img className="signature-image" src={attachmentUrl(value)} alt="企业陪同人员签名" />
        {!disabled && (
          <Button size="large" icon={<EditOutlined />} onClick={() => onChange(null)}>
            重新签名
          </Button>
        )}
      </div>
    );
  }
  return (
    <div className="signature-box">
      <canvas
        ref={canvas}
        className="signature-canvas"
        aria-label="签名区：用手指在此签名"
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
        onPointerLeave={end}
      />
      {empty && <div className="signature-hint">请企业陪同人员在此处签名</div>}
      <div className="signature-actions">
        <Button size="large" icon={<ClearOutlined />} onClick={clear} disabled={empty || disabled}>
          清除
        </Button>
        <Button size="large" type="primary" onClick={() => void save()} loading={saving} disabled={empty || disabled}>
          确认签名
        </Button>
      </div>
    </div>
  );
}
