import { AppError, bureauDate, HAZARD_CATEGORY_LABELS, type THazardCategory } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TRequestContext } from '../../../shared/context';
import { buildOfficialDocument, type TOfficialDocument } from '../../../shared/docx';
import * as repo from './hazard.repo';
import { hazardActor, issuerOf, loadVisibleHazard } from './hazard-access';

const cnDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export interface THazardOrderData {
  orderNo: string;
  issuer: string;
  orderedOn: string;
  firm: { name: string; creditCode: string; address: string | null; legalRepresentative: string | null };
  hazards: {
    description: string;
    location: string;
    level: 'general' | 'major';
    category: string;
    criterion: { code: string; title: string; standard: string | null; legalBasis: string } | null;
  }[];
  deadline: string;
}

/** 责令限期整改指令书 (安全生产法 art. 65 (一)(三)): the firm, the hazards, the legal basis, the deadline, the issuing body and number. */
export function orderDocument(d: THazardOrderData): TOfficialDocument {
  const major = d.hazards.some((h) => h.level === 'major');
  const bases = [
    ...new Set(
      d.hazards.flatMap((h) =>
        h.criterion
          ? [`${h.criterion.standard ?? '重大事故隐患判定标准'}（${h.criterion.code} ${h.criterion.title}；${h.criterion.legalBasis}）`]
          : [],
      ),
    ),
  ];
  return {
    title: '责令限期整改指令书',
    docNumber: d.orderNo,
    blocks: [
      { kind: 'paragraph', text: `${d.firm.name}：` },
      {
        kind: 'fields',
        rows: [
          ['被责令单位', d.firm.name],
          ['统一社会信用代码', d.firm.creditCode],
          ['地址', d.firm.address ?? '—'],
          ['法定代表人', d.firm.legalRepresentative ?? '—'],
        ],
      },
      { kind: 'paragraph', text: `经查，你单位存在下列${major ? '重大事故隐患和' : ''}事故隐患：` },
      {
        kind: 'paragraph',
        text: d.hazards
          .map(
            (h, i) =>
              `${i + 1}. ${h.level === 'major' ? '【重大事故隐患】' : ''}${h.description}（部位：${h.location}；类别：${HAZARD_CATEGORY_LABELS[h.category as THazardCategory] ?? h.category}）`,
          )
          .join('\n'),
      },
      {
        kind: 'paragraph',
        text: `依据《中华人民共和国安全生产法》第六十五条第一款第（三）项${bases.length > 0 ? `及${bases.join('、')}` : ''}的规定，现责令你单位于${cnDate(d.deadline)}前整改完毕，达到有关法律、法规、规章和国家标准或者行业标准规定的要求，并将整改情况书面报送本机关。${major ? '重大事故隐患排除前或者排除过程中无法保证安全的，应当从危险区域内撤出作业人员，责令暂时停产停业或者停止使用相关设施、设备。' : ''}`,
      },
      { kind: 'paragraph', text: '整改期间，你单位应当采取有效措施，防止发生生产安全事故。逾期未整改或者整改不合格的，将依法予以处理。' },
      {
        kind: 'paragraph',
        text: '如果不服本指令，可以依法在六十日内申请行政复议，或者在六个月内依法向人民法院提起行政诉讼，但本指令不停止执行，法律另有规定的除外。',
      },
    ],
    signatures: [{ label: '被责令单位负责人（签收）', name: '' }],
    closing: { issuer: d.issuer, date: cnDate(d.orderedOn) },
    footer: `责令限期整改指令书 · ${d.orderNo}`,
  };
}

/** GET /api/hazards/:id/order.docx: the order as a Word document, once the hazard has been ordered. */
export async function hazardOrderDocx(db: Db, ctx: TRequestContext, id: number): Promise<{ buffer: Buffer; fileName: string }> {
  const actor = await hazardActor(db, ctx, 'hazard.read');
  const row = await loadVisibleHazard(db, actor, id);
  if (!row.orderNo || !row.orderedAt)
    throw new AppError('rule_violation', '该隐患尚未下达整改指令，没有责令限期整改指令书', { field: 'id' });
  const firm = (await repo.findFirm(db, row.enterpriseId))!;
  const criterion = row.criterionItemId ? await repo.findItem(db, row.criterionItemId) : undefined;
  const issuer = await issuerOf(db, (await repo.orderingDivision(db, id)) ?? row.divisionCode);
  // The deadline the order set (a later extension or re-check does not rewrite the issued document).
  const ordered = await repo.orderTransition(db, id);
  const buffer = await buildOfficialDocument(
    orderDocument({
      orderNo: row.orderNo,
      issuer: issuer.body,
      orderedOn: bureauDate(new Date(row.orderedAt)),
      firm,
      hazards: [
        { description: row.description, location: row.location, level: row.level, category: row.category, criterion: criterion ?? null },
      ],
      deadline: ordered?.deadline ?? row.deadline,
    }),
  );
  return { buffer, fileName: `责令限期整改指令书-${firm.name}-${row.orderNo}.docx` };
}
