import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, STATS_KIND_LABELS } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TRequestContext } from '../../../shared/context';
import { buildOfficialDocument, imageSize, type TDocBlock, type TDocImage } from '../../../shared/docx';
import { actorSees, requirePermission } from '../../../kit/access';
import * as repo from './inspection-document.repo';

export type TInspectionDocumentService = ReturnType<typeof createInspectionDocumentService>;

const RESULT_LABELS = { compliant: '符合', non_compliant: '不符合', not_applicable: '不适用' } as const;
const KIND_LABELS: Record<string, string> = {
  ...STATS_KIND_LABELS,
  unannounced: '“四不两直”检查（不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场）',
};

const cnDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The representative's signature, read from the content-addressed store `<filesDir>/<sha[0..2]>/<sha>`; null when absent or not an image. */
async function signatureImage(db: Db, filesDir: string, sha: string | null): Promise<TDocImage | null> {
  if (!sha || !/^[0-9a-f]{64}$/.test(sha)) return null;
  const meta = await repo.findAttachment(db, sha);
  if (meta && !meta.mime.startsWith('image/')) return null;
  const data = await fs.readFile(path.join(filesDir, sha.slice(0, 2), sha)).catch(() => null);
  const size = data && imageSize(data);
  return data && size ? { data, ...size } : null;
}

export function recordDocument(r: repo.TRecordData, signature: TDocImage | null) {
  const blocks: TDocBlock[] = [
    {
      kind: 'fields',
      rows: [
        ['被检查单位', r.enterpriseName],
        ['统一社会信用代码', r.creditCode],
        ['地址', r.address ?? '—'],
        ['法定代表人', r.legalRepresentative ?? '—'],
        ['所属镇街', r.divisionName ?? r.divisionCode],
        ['主要负责人', r.principalName ?? '—'],
        ['联系电话', r.principalPhone ?? '—'],
        ['检查时间', cnDate(r.inspectedOn)],
        ['检查场所', r.place],
        ['检查方式', KIND_LABELS[r.kind] ?? r.kind],
        ['检查表', r.checklistName ?? '—'],
        ['执法人员及证件号', r.inspectors.map((i) => `${i.name}（执法证号 ${i.certificateNo}）`).join('\n') || '—'],
      ],
    },
    {
      kind: 'paragraph',
      text: `我们是${r.divisionName ?? ''}应急管理部门执法人员，已出示执法证件。现依法对你单位进行安全生产监督检查，请予以配合。`,
    },
    { kind: 'heading', text: '一、检查内容及结果' },
    r.answers.length > 0
      ? {
          kind: 'table',
          columns: [
            { header: '序号', width: 6 },
            { header: '检查事项', width: 36 },
            { header: '结果', width: 10 },
            { header: '情况说明', width: 48 },
          ],
          rows: r.answers.map((a, i) => [String(i + 1), `${a.title}\n（${a.legalBasis}）`, RESULT_LABELS[a.result], a.note ?? '']),
        }
      : { kind: 'paragraph', text: '未按检查表逐项检查。' },
    { kind: 'heading', text: '二、发现的问题和隐患' },
    r.findings.length > 0
      ? {
          kind: 'paragraph',
          text: r.findings.map((f, i) => `${i + 1}. ${f.majorHazard ? '【重大事故隐患】' : ''}${f.description}`).join('\n'),
        }
      : { kind: 'paragraph', text: '未发现问题和隐患。' },
    { kind: 'heading', text: '三、检查结论' },
    { kind: 'paragraph', text: r.conclusion ?? '（未填写）' },
  ];
  return {
    title: r.status === 'draft' ? '现场检查记录（草稿）' : '现场检查记录',
    docNumber: `检查记录编号：${r.inspectedOn.slice(0, 4)}-${String(r.id).padStart(6, '0')}`,
    blocks,
    signatures: [
      ...r.inspectors.map((i) => ({ label: '执法人员', name: `${i.name}（${i.certificateNo}）` })),
      { label: '被检查单位现场负责人', name: r.representativeName ?? '', image: signature },
    ],
    closing: { issuer: `${r.divisionName ?? ''}应急管理部门`, date: cnDate(r.inspectedOn) },
    footer: `现场检查记录 · ${r.enterpriseName}`,
  };
}

/** The on-site inspection record (现场检查记录) as a Word document, generated from the records. */
export function createInspectionDocumentService({ db, filesDir }: { db: Db; filesDir: string }) {
  async function recordDocx(ctx: TRequestContext, id: number): Promise<{ buffer: Buffer; fileName: string }> {
    const actor = requirePermission(ctx, 'inspection.read');
    const r = await repo.loadRecord(db, id);
    if (!r || !actorSees(actor, r.divisionCode)) throw new AppError('not_found', '检查记录不存在', { field: 'id' });
    const buffer = await buildOfficialDocument(recordDocument(r, await signatureImage(db, filesDir, r.signatureSha256)));
    return { buffer, fileName: `现场检查记录-${r.enterpriseName}-${r.inspectedOn}.docx` };
  }
  return { recordDocx };
}
