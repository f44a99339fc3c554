import {
  AppError,
  CASE_DOCUMENT_LABELS,
  CASE_SOURCE_LABELS,
  CIRCUMSTANCE_LABELS,
  OTHER_PENALTY_LABELS,
  PENALTY_TARGET_LABELS,
  SERVICE_METHOD_LABELS,
  yuanText,
  type TCaseDetail,
  type TCaseDocumentKind,
  type TInquiryCreate,
  type TNoPenaltyGround,
  type TReductionGround,
} from '@yingji/domain';
import type { TRequestContext } from '../../../shared/context';
import { buildOfficialDocument, type TDocBlock, type TOfficialDocument } from '../../../shared/docx';
import type { TCaseService } from '../case.service';

const cnDate = (d: string | null) => (d ? `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '　　年　月　日');

function partyFields(c: TCaseDetail['case']): [string, string][] {
  const rows: [string, string][] = [];
  if (c.enterpriseName) rows.push(['当事单位', c.enterpriseName], ['统一社会信用代码', c.creditCode ?? '—']);
  if (c.personName)
    rows.push(['当事人', `${c.personName}${c.personPosition ? `（${c.personPosition}）` : ''}`], ['身份证号码', c.personIdNumber ?? '—']);
  return rows;
}

/** 行政处罚法 art. 32's grounds as the decision states them. */
const REDUCTION_GROUND_WORDS: Record<TReductionGround, string> = {
  eliminated_harm: '你（单位）主动消除或者减轻违法行为危害后果',
  coerced: '你（单位）受他人胁迫或者诱骗实施违法行为',
  confessed: '你（单位）主动供述行政机关尚未掌握的违法行为',
  meritorious: '你（单位）配合行政机关查处违法行为有立功表现',
  other_rule: '具有法律、法规、规章规定的其他应当减轻处罚的情形',
};

/** The decision not to penalise, by its ground (行政处罚法 art. 33, art. 57 (1)(3)). */
const NO_PENALTY_WORDS: Record<TNoPenaltyGround, string> = {
  minor_corrected:
    '你（单位）违法行为轻微并及时改正，没有造成危害后果，根据《中华人民共和国行政处罚法》第三十三条第一款的规定，决定不予行政处罚。',
  first_minor_corrected:
    '你（单位）初次违法且危害后果轻微并及时改正，根据《中华人民共和国行政处罚法》第三十三条第一款的规定，决定不予行政处罚。',
  no_fault: '你（单位）有证据足以证明没有主观过错，根据《中华人民共和国行政处罚法》第三十三条第二款的规定，决定不予行政处罚。',
  facts_not_established: '经查，违法事实不能成立，根据《中华人民共和国行政处罚法》第五十七条第一款第三项的规定，决定不予行政处罚。',
};

function penaltyText(d: TCaseDetail, decided: boolean): string {
  const lines = d.violations
    .filter((v) => v.target)
    .map((v) => {
      const fen = decided ? (v.decidedFineFen ?? 0) : (v.proposedFineFen ?? 0);
      // the second tier names the unmet order; a reduced fine names its art. 32 ground
      const overdue = v.tier === 2 && d.case.order ? `经责令限期改正（${d.case.order.orderNo}）逾期未改正，` : '';
      const reduced = v.reductionGround
        ? `鉴于${REDUCTION_GROUND_WORDS[v.reductionGround]}，依据《中华人民共和国行政处罚法》第三十二条减轻处罚，`
        : '';
      return `对${PENALTY_TARGET_LABELS[v.target!]}${v.target === 'unit' ? '' : '（' + (d.case.personName ?? '') + '）'}违反${v.violatedProvision}的行为，${overdue}依据${v.penaltyProvision}，${v.circumstance ? `违法情节${CIRCUMSTANCE_LABELS[v.circumstance]}，` : ''}${reduced}处罚款 ${yuanText(fen)}。`;
    });
  const other = d.case.otherPenalties.map((p) => OTHER_PENALTY_LABELS[p]);
  if (other.length) lines.push(`并处：${other.join('、')}。`);
  if (d.case.confiscationFen > 0) lines.push(`没收违法所得 ${yuanText(d.case.confiscationFen)}。`);
  return lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
}

/** The content of each case document, filled from the case (DOMAIN.md §2 list of case documents). */
export function caseDocument(
  kind: TCaseDocumentKind,
  number: string,
  issuedOn: string,
  d: TCaseDetail,
  body: string,
  content: unknown = null,
): TOfficialDocument {
  const c = d.case;
  const officers = d.officers.map((o) => `${o.displayName}（执法证号 ${o.certificateNo ?? '—'}）`).join('、');
  const blocks: TDocBlock[] = [];
  const signatures: TOfficialDocument['signatures'] = [];
  switch (kind) {
    case 'filing':
      blocks.push(
        {
          kind: 'fields',
          rows: [
            ['案由', c.summary],
            ['案件来源', CASE_SOURCE_LABELS[c.sourceKind]],
            ...partyFields(c),
            ['违法行为发生日期', cnDate(c.occurredOn)],
            ['发现日期', cnDate(c.discoveredOn)],
            ['承办人', officers],
          ],
        },
        { kind: 'heading', text: '涉嫌违法行为' },
        {
          kind: 'paragraph',
          text: d.violations.map((v, i) => `${i + 1}. ${v.title}（违反${v.violatedProvision}，依据${v.penaltyProvision}）`).join('\n'),
        },
        { kind: 'heading', text: '审批意见' },
        { kind: 'paragraph', text: `同意立案。立案日期：${cnDate(c.filedOn)}。` },
      );
      signatures.push(...d.officers.map((o) => ({ label: '承办人', name: o.displayName })), {
        label: '审批人',
        name: d.events.find((e) => e.action === 'approve_filing')?.actorName ?? '',
      });
      break;
    case 'notice':
    case 'hearing_notice':
      blocks.push(
        { kind: 'paragraph', text: `${c.partyName}：` },
        { kind: 'paragraph', text: `经查，${c.findings ?? c.summary}` },
        { kind: 'paragraph', text: `以上事实有${d.evidence.map((e) => e.title).join('、') || '相关证据'}为证。` },
        {
          kind: 'paragraph',
          text: `依据《中华人民共和国行政处罚法》第四十四条的规定，本机关拟对你（单位）作出如下行政处罚：\n${penaltyText(d, false)}`,
        },
        {
          kind: 'paragraph',
          text:
            kind === 'hearing_notice'
              ? '你（单位）有权进行陈述和申辩；根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有要求举行听证的权利，如要求听证，应当在收到本告知书之日起五日内向本机关提出，逾期视为放弃听证权利。'
              : '你（单位）有权进行陈述和申辩，逾期未提出的，视为放弃上述权利。',
        },
      );
      break;
    case 'decision':
      blocks.push(
        { kind: 'fields', rows: partyFields(c) },
        { kind: 'heading', text: '违法事实和证据' },
        {
          kind: 'paragraph',
          text: `${c.findings ?? c.summary}\n以上事实有${d.evidence.map((e) => e.title).join('、') || '现场检查记录等证据'}为证。`,
        },
        ...(c.notifiedOn
          ? [
              {
                kind: 'paragraph' as const,
                text: `本机关于${cnDate(c.notifiedOn)}告知你（单位）拟作出的行政处罚及陈述、申辩${c.hearingEligible ? '、听证' : ''}权利。${c.statement ? `你（单位）提出：${c.statement}` : '你（单位）未提出陈述、申辩。'}${c.hearingHeldOn ? `本机关于${cnDate(c.hearingHeldOn)}举行了听证。` : ''}`,
              },
            ]
          : []),
        { kind: 'heading', text: '处罚决定' },
        {
          kind: 'paragraph',
          text:
            c.decisionOutcome === 'no_penalty'
              ? c.noPenaltyGround
                ? NO_PENALTY_WORDS[c.noPenaltyGround]
                : '根据《中华人民共和国行政处罚法》第三十三条的规定，决定不予行政处罚。'
              : penaltyText(d, true),
        },
        {
          kind: 'paragraph',
          text: `罚款合计 ${yuanText(c.fineDecidedFen)}。请在收到本决定书之日起十五日内缴纳罚款。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（《中华人民共和国行政处罚法》第七十二条）。`,
        },
        {
          kind: 'paragraph',
          text: '如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。行政复议和行政诉讼期间，本决定不停止执行。',
        },
      );
      break;
    case 'service':
      blocks.push({
        kind: 'fields',
        rows: [
          ['送达文书', `行政处罚决定书（${d.documents.find((x) => x.kind === 'decision')?.number ?? '—'}）`],
          ['受送达人', c.partyName],
          ['送达日期', cnDate(c.servedOn)],
          ['送达方式', c.serviceMethod ? SERVICE_METHOD_LABELS[c.serviceMethod] : '—'],
          ['签收人', String((d.events.find((e) => e.action === 'serve')?.note ?? '').replace('签收人：', ''))],
          ['送达人', d.officers.map((o) => o.displayName).join('、')],
        ],
      });
      break;
    case 'closing':
      blocks.push(
        {
          kind: 'fields',
          rows: [
            ['案号', c.caseNo ?? '—'],
            ['案由', c.summary],
            ...partyFields(c),
            ['立案日期', cnDate(c.filedOn)],
            ['决定日期', cnDate(c.decidedOn)],
            ['罚款', yuanText(c.fineDecidedFen)],
            ['已缴罚款', yuanText(c.finePaidFen)],
            ['加处罚款', yuanText(c.surchargeFen)],
            ['结案日期', cnDate(c.closedOn)],
          ],
        },
        { kind: 'heading', text: '执行情况' },
        {
          kind: 'paragraph',
          text:
            d.payments
              .map(
                (p) =>
                  `${cnDate(p.paidOn)} 缴纳罚款 ${yuanText(p.principalFen)}${p.surchargeFen ? `、加处罚款 ${yuanText(p.surchargeFen)}` : ''}${p.receiptNo ? `（票据 ${p.receiptNo}）` : ''}`,
              )
              .join('\n') || '无罚款或未涉及缴款。',
        },
        { kind: 'paragraph', text: '处罚决定已执行完毕，同意结案。' },
      );
      signatures.push(...d.officers.map((o) => ({ label: '承办人', name: o.displayName })), {
        label: '审批人',
        name: d.events.find((e) => e.action === 'close')?.actorName ?? '',
      });
      break;
    // 行政强制法 art. 35: the demand states the period, the manner, the sum and the right to state and defend
    case 'demand': {
      const x = d.execution;
      blocks.push(
        { kind: 'paragraph', text: `${c.partyName}：` },
        {
          kind: 'paragraph',
          text: `本机关于${cnDate(c.decidedOn)}作出行政处罚决定（${d.documents.find((y) => y.kind === 'decision')?.number ?? '—'}），于${cnDate(c.servedOn)}送达你（单位），决定罚款 ${yuanText(c.fineDecidedFen)}。截至本催告书送达之日，你（单位）尚欠罚款 ${yuanText(c.fineDecidedFen - c.finePaidFen)}，已逾期未缴纳。`,
        },
        {
          kind: 'paragraph',
          text: `根据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告你（单位）于${cnDate(x?.demand?.complyBy ?? null)}前到指定银行缴纳上述罚款。依据《中华人民共和国行政处罚法》第七十二条第一款，逾期每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。`,
        },
        {
          kind: 'paragraph',
          text: '你（单位）有权进行陈述和申辩（《中华人民共和国行政强制法》第三十六条）。逾期仍不履行的，本机关将依法申请人民法院强制执行。',
        },
      );
      break;
    }
    case 'enforcement': {
      const x = d.execution;
      blocks.push(
        {
          kind: 'fields',
          rows: [
            ['受理法院', x?.enforcementCourt ?? '—'],
            ['申请人', body],
            ['被申请人', c.partyName],
            ...partyFields(c),
            ['行政处罚决定书', d.documents.find((y) => y.kind === 'decision')?.number ?? '—'],
            ['送达日期', cnDate(c.servedOn)],
            ['催告书', d.documents.find((y) => y.kind === 'demand')?.number ?? '—'],
            ['催告履行期限', cnDate(x?.demand?.complyBy ?? null)],
          ],
        },
        {
          kind: 'paragraph',
          text: `被申请人在法定期限内未申请行政复议、未提起行政诉讼，经催告仍未履行行政处罚决定，尚欠罚款 ${yuanText(c.fineDecidedFen - c.finePaidFen)}。根据《中华人民共和国行政强制法》第五十三条、第五十四条、第五十五条的规定，申请人民法院强制执行。`,
        },
      );
      break;
    }
    case 'daily_fine': {
      const f = d.execution?.dailyFine;
      if (f)
        blocks.push(
          { kind: 'fields', rows: partyFields(c) },
          {
            kind: 'paragraph',
            text: `你（单位）因违法行为（${f.code}）于${cnDate(c.decidedOn)}被处以罚款 ${yuanText(f.perDayFen)}，本机关于${cnDate(f.orderedOn)}责令改正（${f.orderNo}）。经${f.rechecks
              .filter((r) => !r.corrected)
              .map((r) => cnDate(r.on))
              .join('、')}复查，你（单位）拒不改正。`,
          },
          {
            kind: 'paragraph',
            text: `依据《中华人民共和国安全生产法》第一百一十二条，自${cnDate(f.fromOn)}起至${cnDate(f.throughOn)}止，共 ${f.days} 日，按照原处罚数额每日 ${yuanText(f.perDayFen)} 按日连续处罚，合计罚款 ${yuanText(f.totalFen)}。`,
          },
        );
      break;
    }
    case 'inquiry': {
      const q = content as TInquiryCreate | null;
      if (q) {
        blocks.push(
          {
            kind: 'fields',
            rows: [
              ['询问时间', cnDate(q.askedOn)],
              ['询问地点', q.place],
              ['被询问人', q.interviewee.name],
              ['职务', q.interviewee.position ?? '—'],
              ['身份证号码', q.interviewee.idNumber ?? '—'],
              ['联系电话', q.interviewee.phone ?? '—'],
              ['询问人', officers],
              ['案由', c.summary],
            ],
          },
          {
            kind: 'paragraph',
            text: '我们是应急管理部门的执法人员，已向你出示执法证件。现依法向你询问有关情况，你应当如实回答，对与案件无关的问题有拒绝回答的权利。你有申请执法人员回避的权利。',
          },
          { kind: 'paragraph', text: q.questions.map((x) => `问：${x.question}\n答：${x.answer}`).join('\n') },
          { kind: 'paragraph', text: '以上笔录我已看过，与我所说的相符。' },
        );
        signatures.push(
          { label: '被询问人', name: q.interviewee.name },
          ...d.officers.map((o) => ({ label: '询问人', name: o.displayName })),
        );
      }
      break;
    }
    default:
      blocks.push({ kind: 'fields', rows: partyFields(c) });
  }
  const title = kind === 'decision' && c.decisionOutcome === 'no_penalty' ? '不予行政处罚决定书' : CASE_DOCUMENT_LABELS[kind];
  return {
    title,
    docNumber: number,
    blocks,
    signatures,
    closing: { issuer: body, date: cnDate(issuedOn) },
    footer: `${CASE_DOCUMENT_LABELS[kind]} · ${c.partyName}`,
  };
}

/** A numbered case document as a Word file, generated from the case as it is now. */
export async function caseDocumentDocx(
  cases: TCaseService,
  ctx: TRequestContext,
  caseId: number,
  docId: number,
): Promise<{ buffer: Buffer; fileName: string }> {
  const d = await cases.detail(ctx, caseId);
  const doc = d.documents.find((x) => x.id === docId);
  if (!doc) throw new AppError('not_found', '文书不存在', { field: 'docId' });
  const name = d.case.divisionName ?? '';
  // the city bureau signs as 应急管理局; a town as its emergency office
  const body = d.case.divisionCode.length === 4 ? `${name}应急管理局` : `${name}应急管理部门`;
  const content = doc.kind === 'inquiry' ? await cases.documentContent(ctx, caseId, docId) : null;
  const buffer = await buildOfficialDocument(caseDocument(doc.kind, doc.number ?? '', doc.issuedOn, d, body, content));
  return { buffer, fileName: `${doc.kindLabel}-${doc.number ?? doc.id}.docx` };
}
