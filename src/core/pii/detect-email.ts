import type { Finding } from './types.ts';

// Scanning from each `@` outwards is several times faster than a regex that must try every
// position of the text as the start of a local part.
const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
// Domain labels accept Unicode letters (internationalised addresses); the top-level domain is
// letters only, which keeps version strings such as `a@1.2.3` out.
const DOMAIN = /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/uy;

// `icon@2x.png` is a file name: these extensions are not top-level domains.
const FILE_EXTENSION = /\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|pdf|txt|csv|json|xml|html?|js|ts|docx?|xlsx?)$/i;

function isLocalChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
  }
  return LOCAL_CHAR.test(text[i]!);
}

export function detectEmails(text: string, out: Finding[]): void {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isLocalChar(text, start - 1)) start--;
    while (start < at && text[start] === '.') start++; // a sentence's full stop is not part of the address
    if (start === at) continue;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(text);
    if (!domain) continue;
    if (FILE_EXTENSION.test(domain[0])) continue;
    const end = at + 1 + domain[0].length;
    out.push({ type: 'email', start, end, text: text.slice(start, end) });
  }
}
