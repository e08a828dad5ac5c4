// DejaVu Sans, copied next to the bundle by esbuild.mjs (dist/fonts), for every PDF the CLI makes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PdfFonts } from '../core/generate/invoicePdf';

export async function cliFonts(): Promise<PdfFonts> {
  const dir = path.join(__dirname, 'fonts');
  const [regular, bold] = await Promise.all([fs.promises.readFile(path.join(dir, 'DejaVuSans.ttf')), fs.promises.readFile(path.join(dir, 'DejaVuSans-Bold.ttf'))]);
  return { regular, bold };
}
