// DejaVu Sans from the extension's dist/fonts (esbuild.mjs copies them there), for every PDF.
import * as vscode from 'vscode';
import type { PdfFonts } from '../core/generate/invoicePdf';
import type { FeatureContext } from './featureContext';

export async function pdfFonts(ctx: FeatureContext): Promise<PdfFonts> {
  const fonts = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'fonts');
  const [regular, bold] = await Promise.all([vscode.workspace.fs.readFile(vscode.Uri.joinPath(fonts, 'DejaVuSans.ttf')), vscode.workspace.fs.readFile(vscode.Uri.joinPath(fonts, 'DejaVuSans-Bold.ttf'))]);
  return { regular: Buffer.from(regular), bold: Buffer.from(bold) };
}
