// A rendered document as a printable page: Markdown through markdown-it with raw HTML off (the
// values are already escaped by the template), in a page whose Content Security Policy allows no
// script, no network and no frames; the same page the editor previews and the CLI writes. A line
// break in the template is a line break on the page (the PDF keeps them too).
import MarkdownIt from 'markdown-it';

/** The HTML page around a rendered Markdown body: values already escaped, no raw HTML, no scripts. */
export function documentHtml(title: string, markdown: string, lang: string): string {
  const body = new MarkdownIt({ html: false, linkify: false, breaks: true }).render(markdown);
  const escape = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<!DOCTYPE html>
<html lang="${escape(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escape(title)}</title>
<style>
  @page { size: A4; margin: 18mm; }
  body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 11pt; color: #111; max-width: 180mm; margin: 0 auto; }
  h1 { font-size: 16pt; } h2 { font-size: 12pt; }
  table { width: 100%; border-collapse: collapse; } th, td { border-bottom: 1px solid #ccc; padding: 4pt 6pt; text-align: left; }
</style>
</head>
<body>
${body}</body>
</html>
`;
}