// The invoice as PDF, drawn with pdfkit from the same view as the HTML. The font is embedded
// (DejaVu Sans: Cyrillic, №, «», ₽), passed in as bytes so this stays free of file paths.
import type { InvoiceView } from './invoiceView';

export interface PdfFonts {
  regular: Buffer;
  bold: Buffer;
}

const MARGIN = 50;

/**
 * An A4 pdfkit document with the embedded fonts as `regular` and `bold`, and the promise of its
 * bytes once `doc.end()` is called: what every PDF of Plain CRM starts from.
 */
export async function startPdf(title: string, fonts: PdfFonts, margin: number): Promise<{ doc: PDFKit.PDFDocument; done: Promise<Buffer> }> {
  // Loaded on first use: most runs never make a PDF, and pdfkit takes ~100 ms to load.
  const { default: PDFDocument } = await import('pdfkit');
  // `font` replaces the default Helvetica, which has no Cyrillic (pdfkit takes bytes there, its
  // types say a path); a fixed date keeps the output reproducible.
  const doc = new PDFDocument({ size: 'A4', margin, font: fonts.regular as unknown as string, info: { Title: title, CreationDate: new Date(0) } });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export async function renderInvoicePdf(view: InvoiceView, fonts: PdfFonts): Promise<Buffer> {
  const { doc, done } = await startPdf(view.title, fonts, MARGIN);

  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(16).text(view.title, { width });
  doc.moveDown(0.8);

  const top = doc.y;
  const half = (width - 20) / 2;
  const party = (x: number, label: string, p: { name: string; lines: string[] }): number => {
    doc.font('regular').fontSize(8).fillColor('#555').text(label.toUpperCase(), x, top, { width: half });
    doc.font('bold').fontSize(10).fillColor('#111').text(p.name, x, doc.y, { width: half });
    doc.font('regular').fontSize(9);
    for (const line of p.lines) doc.text(line, x, doc.y, { width: half });
    return doc.y;
  };
  const bottom = Math.max(party(MARGIN, view.labels.seller, view.seller), party(MARGIN + half + 20, view.labels.buyer, view.buyer));
  doc.font('regular').fontSize(10).text(`${view.labels.due}: ${view.due}`, MARGIN, bottom + 12, { width });
  doc.moveDown(0.8);

  // Columns: №, description, qty, price, amount.
  const cols = [24, width - 24 - 60 - 90 - 100, 60, 90, 100];
  const xs = cols.map((_, i) => MARGIN + cols.slice(0, i).reduce((a, b) => a + b, 0));
  const row = (cells: string[], font: 'regular' | 'bold', size = 9): void => {
    const y = doc.y;
    doc.font(font).fontSize(size);
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: cols[i]! - 6 }));
    if (y + Math.max(...heights) > doc.page.height - MARGIN) doc.addPage();
    const start = doc.y;
    cells.forEach((cell, i) => doc.text(cell, xs[i]! + 3, start, { width: cols[i]! - 6, align: i >= 2 ? 'right' : 'left' }));
    doc.y = start + Math.max(...heights) + 4;
    doc.moveTo(MARGIN, doc.y - 2).lineTo(MARGIN + width, doc.y - 2).strokeColor('#ccc').lineWidth(0.5).stroke();
  };
  row([view.labels.no, view.labels.item, view.labels.qty, view.labels.price, view.labels.sum], 'bold', 8);
  for (const line of view.lines) row([String(line.n), line.description, line.qty, line.price, line.amount], 'regular');
  row(['', view.labels.subtotal, '', '', view.subtotal], 'regular');
  for (const tax of view.taxes) row(['', tax.label, '', '', tax.amount], 'regular');
  row(['', view.labels.total, '', '', view.total], 'bold', 11);
  if (view.totalInWords !== '') {
    doc.moveDown(0.6);
    doc.font('regular').fontSize(9).text(`${view.labels.inWords}: ${view.totalInWords}`, MARGIN, doc.y, { width });
  }
  if (view.notes !== '') {
    doc.moveDown(1);
    doc.font('regular').fontSize(9).text(view.notes, MARGIN, doc.y, { width });
  }
  doc.end();
  return done;
}
