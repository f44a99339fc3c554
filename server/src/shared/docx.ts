import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IFontAttributesProperties,
} from 'docx';

/**
 * The bureau's official documents as Word files (GB/T 9704-2012 党政机关公文格式): A4, title in 宋体 (方正小标宋 where
 * the template has it), body in 仿宋, a document number line, key–value tables, body paragraphs, a signature block
 * and a page footer. Each run names an East Asian font and a Latin one, so Word and WPS fall back per script.
 */
export const DOC_FONTS = {
  title: {
    eastAsia: '方正小标宋简体',
    ascii: 'Times New Roman',
    hAnsi: 'Times New Roman',
    cs: 'SimSun',
  } satisfies IFontAttributesProperties,
  heading: { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'SimHei' } satisfies IFontAttributesProperties,
  body: { eastAsia: '仿宋', ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'FangSong' } satisfies IFontAttributesProperties,
  table: { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'SimSun' } satisfies IFontAttributesProperties,
};

/** Half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, heading: 32, table: 24, small: 21 };
const mm = (v: number) => Math.round(v * 56.7);
/** A4 with the standard's margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
const PAGE = { width: mm(210), height: mm(297), margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } };
const CONTENT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

export interface TDocImage {
  data: Buffer;
  type: 'png' | 'jpg';
  /** Pixels at 96 dpi. */
  width: number;
  height: number;
}

export type TDocBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Label–value pairs, two pairs a row. */
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; columns: { header: string; width: number }[]; rows: string[][] };

export interface TOfficialDocument {
  title: string;
  /** The document number line (文号), e.g. 中应急现记〔2026〕12号. */
  docNumber?: string;
  blocks: TDocBlock[];
  /** Who signs: a label, a name, and their signature image when there is one. */
  signatures?: { label: string; name: string; image?: TDocImage | null }[];
  /** The issuing body and date closing the document (落款). */
  closing?: { issuer: string; date: string };
  /** The footer's text; the page number follows it. */
  footer: string;
}

const run = (text: string, font: IFontAttributesProperties, size: number, bold = false) => new TextRun({ text, font, size, bold });
const line = (
  text: string,
  o: {
    font?: IFontAttributesProperties;
    size?: number;
    bold?: boolean;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: boolean;
  } = {},
) =>
  new Paragraph({
    alignment: o.align,
    spacing: { line: 360 },
    indent: o.indent ? { firstLine: (o.size ?? SIZE.body) * 20 } : undefined,
    children: [run(text, o.font ?? DOC_FONTS.body, o.size ?? SIZE.body, o.bold)],
  });

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };
const cell = (text: string, width: number, o: { bold?: boolean; shade?: boolean; span?: number } = {}) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: o.span,
    verticalAlign: VerticalAlign.CENTER,
    shading: o.shade ? { fill: 'F2F2F2' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: text.split('\n').map((t) => line(t, { font: DOC_FONTS.table, size: SIZE.table, bold: o.bold })),
  });

/** A value longer than this takes a whole row; shorter ones sit two pairs to a row. */
const SHORT_VALUE = 16;

function fieldsTable(rows: [string, string][]): Table {
  const label = Math.round(CONTENT_WIDTH * 0.16);
  const value = Math.round(CONTENT_WIDTH * 0.34);
  const out: TableRow[] = [];
  const labelCell = (t: string) => cell(t, label, { bold: true, shade: true });
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    const b = rows[i + 1];
    if (a[1].length <= SHORT_VALUE && b && b[1].length <= SHORT_VALUE) {
      out.push(new TableRow({ children: [labelCell(a[0]), cell(a[1], value), labelCell(b[0]), cell(b[1], value)] }));
      i++;
    } else out.push(new TableRow({ children: [labelCell(a[0]), cell(a[1], value * 2 + label, { span: 3 })] }));
  }
  return new Table({ width: { size: CONTENT_WIDTH, type: WidthType.DXA }, columnWidths: [label, value, label, value], borders, rows: out });
}

function dataTable(columns: { header: string; width: number }[], rows: string[][]): Table {
  const sum = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => Math.round((c.width / sum) * CONTENT_WIDTH));
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c.header, widths[i]!, { bold: true, shade: true })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, widths[i]!)) })),
    ],
  });
}

/** Width and height of a PNG or JPEG, read from its header; null when it is neither. */
export function imageSize(data: Buffer): { type: 'png' | 'jpg'; width: number; height: number } | null {
  if (data.length > 24 && data.readUInt32BE(0) === 0x89504e47)
    return { type: 'png', width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) return null;
      const marker = data[i + 1]!;
      const len = data.readUInt16BE(i + 2);
      // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { type: 'jpg', height: data.readUInt16BE(i + 5), width: data.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
  }
  return null;
}

/** Fits an image in a box, keeping its proportions. */
export const fitImage = (img: { width: number; height: number }, maxWidth: number, maxHeight: number) => {
  const k = Math.min(1, maxWidth / img.width, maxHeight / img.height);
  return { width: Math.max(1, Math.round(img.width * k)), height: Math.max(1, Math.round(img.height * k)) };
};

/** Renders an official document to a .docx file. */
export async function buildOfficialDocument(doc: TOfficialDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    line(doc.title, { font: DOC_FONTS.title, size: SIZE.title, bold: true, align: AlignmentType.CENTER }),
  ];
  if (doc.docNumber) children.push(line(doc.docNumber, { align: AlignmentType.CENTER }));
  children.push(line(''));
  for (const b of doc.blocks) {
    if (b.kind === 'heading') children.push(line(b.text, { font: DOC_FONTS.heading, size: SIZE.heading }));
    else if (b.kind === 'paragraph') children.push(...b.text.split('\n').map((t) => line(t, { indent: true })));
    else if (b.kind === 'fields') children.push(fieldsTable(b.rows), line(''));
    else children.push(dataTable(b.columns, b.rows), line(''));
  }
  for (const s of doc.signatures ?? []) {
    const parts: (TextRun | ImageRun)[] = [run(`${s.label}：`, DOC_FONTS.body, SIZE.body)];
    if (s.image) {
      const size = fitImage(s.image, 160, 60);
      parts.push(
        new ImageRun({
          type: s.image.type,
          data: s.image.data,
          transformation: size,
          altText: { name: 'signature', description: `${s.name}的签名`, title: '签名' },
        }),
      );
      parts.push(run(`（${s.name}）`, DOC_FONTS.body, SIZE.body));
    } else parts.push(run(s.name, DOC_FONTS.body, SIZE.body));
    children.push(new Paragraph({ spacing: { line: 480 }, children: parts }));
  }
  if (doc.closing) {
    children.push(
      line(''),
      line(doc.closing.issuer, { align: AlignmentType.RIGHT }),
      line(doc.closing.date, { align: AlignmentType.RIGHT }),
    );
  }
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          run(`${doc.footer}  第 `, DOC_FONTS.table, SIZE.small),
          new TextRun({ children: [PageNumber.CURRENT], font: DOC_FONTS.table, size: SIZE.small }),
          run(' 页 共 ', DOC_FONTS.table, SIZE.small),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], font: DOC_FONTS.table, size: SIZE.small }),
          run(' 页', DOC_FONTS.table, SIZE.small),
        ],
      }),
    ],
  });
  const document = new Document({
    title: doc.title,
    creator: 'Yingji',
    styles: { default: { document: { run: { font: DOC_FONTS.body, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        footers: { default: footer },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
