// A rendered document as PDF, through the invoice pipeline's pdfkit with the embedded DejaVu Sans
// (Cyrillic, №, «», ₽): the Markdown of the document laid out block by block — headings,
// paragraphs with bold runs, lists, tables — with pdfkit's own page breaks.
import MarkdownIt from 'markdown-it';
import { type PdfFonts, startPdf } from '../generate/invoicePdf';

type Token = ReturnType<MarkdownIt['parse']>[number];

const MARGIN = 50;
const HEADING_SIZES: Record<string, number> = { h1: 16, h2: 13, h3: 11.5 };

/** The runs of an inline token: text with its weight; line breaks as '\n'. */
function runs(inline: Token | undefined): { text: string; bold: boolean }[] {
  const out: { text: string; bold: boolean }[] = [];
  let bold = 0;
  for (const child of inline?.children ?? []) {
    if (child.type === 'strong_open') bold++;
    else if (child.type === 'strong_close') bold--;
    else if (child.type === 'text' || child.type === 'code_inline') out.push({ text: child.content, bold: bold > 0 });
    else if (child.type === 'softbreak' || child.type === 'hardbreak') out.push({ text: '\n', bold: false });
  }
  return out;
}

export async function renderDocumentPdf(markdown: string, title: string, fonts: PdfFonts): Promise<Buffer> {
  const { doc, done } = await startPdf(title, fonts, MARGIN);
  const width = doc.page.width - 2 * MARGIN;

  // A line of runs is one chain of `continued` texts; a line break ends the chain.
  const write = (parts: { text: string; bold: boolean }[], size: number, indent = 0, forceBold = false): void => {
    const lines: { text: string; bold: boolean }[][] = [[]];
    for (const part of parts) {
      if (part.text === '\n') lines.push([]);
      else lines[lines.length - 1]!.push(part);
    }
    for (const line of lines) {
      const list = line.length > 0 ? line : [{ text: ' ', bold: false }];
      list.forEach((part, i) => {
        doc.font(part.bold || forceBold ? 'bold' : 'regular').fontSize(size).text(part.text, MARGIN + indent, undefined, { width: width - indent, continued: i < list.length - 1 });
      });
    }
  };

  const tokens = new MarkdownIt({ html: false, breaks: true }).parse(markdown, {});
  let bullet: string | undefined;
  let ordered = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'heading_open') {
      write(runs(tokens[i + 1]), HEADING_SIZES[token.tag] ?? 11, 0, true);
      doc.moveDown(0.4);
      i += 2;
    } else if (token.type === 'bullet_list_open') {
      bullet = '•';
    } else if (token.type === 'ordered_list_open') {
      bullet = '#';
      ordered = 0;
    } else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') {
      bullet = undefined;
      doc.moveDown(0.3);
    } else if (token.type === 'paragraph_open') {
      const parts = runs(tokens[i + 1]);
      if (bullet !== undefined) write([{ text: bullet === '#' ? `${++ordered}. ` : '• ', bold: false }, ...parts], 10, 12);
      else {
        write(parts, 10);
        doc.moveDown(0.5);
      }
      i += 2;
    } else if (token.type === 'table_open') {
      // The rows of the table as cells of inline text, then drawn in equal columns.
      const rows: { cells: { text: string; bold: boolean }[][]; head: boolean }[] = [];
      let head = false;
      for (i++; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
        const t = tokens[i]!;
        if (t.type === 'thead_open') head = true;
        else if (t.type === 'thead_close') head = false;
        else if (t.type === 'tr_open') rows.push({ cells: [], head });
        else if (t.type === 'inline') rows[rows.length - 1]?.cells.push(runs(t));
      }
      // Each column as wide as its longest cell asks, within bounds: a "№" column stays narrow.
      const columns = Math.max(1, ...rows.map((r) => r.cells.length));
      const longest = Array.from({ length: columns }, (_, c) => Math.min(40, Math.max(3, ...rows.map((r) => (r.cells[c] ?? []).map((p) => p.text).join('').length))));
      const total = longest.reduce((a, b) => a + b, 0);
      const widths = longest.map((n) => (width * n) / total);
      const lefts = widths.map((_, c) => MARGIN + widths.slice(0, c).reduce((a, b) => a + b, 0));
      for (const row of rows) {
        if (doc.y > doc.page.height - MARGIN - 40) doc.addPage();
        const top = doc.y;
        let bottom = top;
        row.cells.forEach((cell, c) => {
          doc.font(row.head ? 'bold' : 'regular').fontSize(9).text(cell.map((p) => p.text).join(''), lefts[c]!, top, { width: widths[c]! - 6 });
          bottom = Math.max(bottom, doc.y);
        });
        doc.moveTo(MARGIN, bottom + 2).lineTo(MARGIN + width, bottom + 2).lineWidth(0.5).strokeColor('#bbbbbb').stroke();
        doc.x = MARGIN;
        doc.y = bottom + 5;
      }
      doc.moveDown(0.5);
    } else if (token.type === 'hr') {
      doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).strokeColor('#999999').stroke();
      doc.moveDown(0.5);
    }
  }
  doc.end();
  return done;
}
