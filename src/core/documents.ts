/**
 * Reports as documents: one list of blocks (headings, paragraphs, lists, tables, charts) written
 * out as Markdown or as a self-contained HTML page (what Chromium prints to PDF). Every value in a
 * block may come from users (project, pool and people's names), so each is escaped for the format
 * it goes into; a chart is SVG its maker has already escaped.
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'list'; items: string[] }
  | { kind: 'chart'; svg: string };

/** Text may hold tags or emphasis: both are shown as written. */
const mdText = (text: string): string => text.replace(/([\\`*_[\]<>#])/g, '\\$1').replace(/\r?\n/g, ' ');
/** A table cell also may not end its cell with a pipe. */
const mdCell = (text: string): string => mdText(text).replace(/\|/g, '\\|');

/** Markdown has no charts: the tables beside them say the same. */
export function renderMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') out.push(`${'#'.repeat(b.level)} ${mdText(b.text)}`);
    else if (b.kind === 'paragraph') out.push(mdText(b.text));
    else if (b.kind === 'list') out.push(b.items.map((i) => `- ${mdText(i)}`).join('\n'));
    else if (b.kind === 'table') out.push([`| ${b.head.map(mdCell).join(' | ')} |`, `|${b.head.map(() => ' --- ').join('|')}|`, ...b.rows.map((row) => `| ${row.map(mdCell).join(' | ')} |`)].join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `body{font:11pt/1.45 system-ui,sans-serif;margin:2em;color:#1a1a1a}@media screen{body{max-width:1100px}}h1{font-size:18pt}h2{font-size:13pt;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.6em 0;font-size:9pt}th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}th{background:#f0f0f0}
figure{margin:1em 0}svg text{font-family:system-ui,sans-serif}@page{size:A4 landscape;margin:12mm}`;

export function renderHtml(blocks: readonly Block[], title: string): string {
  const body = blocks
    .map((b) => {
      if (b.kind === 'heading') return `<h${b.level}>${escapeXml(b.text)}</h${b.level}>`;
      if (b.kind === 'paragraph') return `<p>${escapeXml(b.text)}</p>`;
      if (b.kind === 'list') return `<ul>${b.items.map((i) => `<li>${escapeXml(i)}</li>`).join('')}</ul>`;
      if (b.kind === 'chart') return `<figure>${b.svg}</figure>`;
      return `<table><thead><tr>${b.head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((row) => `<tr>${row.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title><style>${STYLE}</style></head><body>\n${body}\n</body></html>\n`;
}
