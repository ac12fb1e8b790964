/**
 * The `data.yaml` of an Ultralytics YOLO dataset: `path`, `train`/`val` (a folder or a list file)
 * and `names`. Only this small subset of YAML is read — `key: value` lines and `names` as an
 * indented `0: car` map, a `- car` list or an inline `[car, bus]` list — which is what YOLO
 * tools (Ultralytics, CVAT, Roboflow) write.
 */
import { refuse } from './issues.ts';

export interface YoloConfig {
  path: string | null;
  train: string | null;
  val: string | null;
  names: string[];
}

const PLAIN = /^[A-Za-z_][\w .()-]*$/;
const YAML_WORDS = /^(y|n|yes|no|true|false|on|off|null)$/i;

function scalar(text: string): string {
  return PLAIN.test(text) && !text.endsWith(' ') && !YAML_WORDS.test(text) ? text : JSON.stringify(text);
}

export function writeYoloConfig(names: string[], train: string): string {
  const lines = ['path: ./', `train: ${train}`, `val: ${train}`, `nc: ${names.length}`, 'names:'];
  names.forEach((name, i) => lines.push(`  ${i}: ${scalar(name)}`));
  return `${lines.join('\n')}\n`;
}

function unquote(raw: string, at: string): string {
  const text = raw.trim();
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      throw refuse(at, `cannot read the quoted value ${text}`);
    }
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw refuse(at, `cannot read the quoted value ${text}`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  return text;
}

/** Drops a `# comment` that is not inside quotes. */
function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

function splitInline(body: string): string[] {
  const parts: string[] = [];
  let quote = '';
  let current = '';
  for (const c of body) {
    if (quote) {
      if (c === quote) quote = '';
      current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === ',') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  if (current.trim() !== '') parts.push(current);
  return parts;
}

export function readYoloConfig(text: string, file = 'data.yaml'): YoloConfig {
  const config: YoloConfig = { path: null, train: null, val: null, names: [] };
  const indexed = new Map<number, string>();
  let inNames = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const at = `${file} line ${i + 1}`;
    const line = stripComment(raw).trimEnd();
    if (line.trim() === '') return;
    const indented = /^\s/.test(line);
    if (indented && inNames) {
      const item = line.trim();
      if (item.startsWith('- ')) indexed.set(indexed.size, unquote(item.slice(2), at));
      else {
        const m = /^(\d+)\s*:\s*(.+)$/.exec(item);
        if (!m) throw refuse(at, 'a class is "<index>: <name>" or "- <name>"');
        indexed.set(Number(m[1]), unquote(m[2]!, at));
      }
      return;
    }
    if (indented) return; // nested settings of keys Atelier does not use
    inNames = false;
    const m = /^([\w-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) throw refuse(at, 'expected "key: value"');
    const [, key, value = ''] = m;
    if (key === 'names') {
      const body = value.trim();
      if (body === '') inNames = true;
      else if (body.startsWith('[') && body.endsWith(']')) {
        splitInline(body.slice(1, -1)).forEach((part, n) => indexed.set(n, unquote(part, at)));
      } else if (body.startsWith('{') && body.endsWith('}')) {
        for (const part of splitInline(body.slice(1, -1))) {
          const pm = /^\s*(\d+)\s*:\s*(.+)$/.exec(part);
          if (!pm) throw refuse(at, 'a class is "<index>: <name>"');
          indexed.set(Number(pm[1]), unquote(pm[2]!, at));
        }
      } else throw refuse(at, 'names must be a list or a map of class indexes');
    } else if (key === 'path' || key === 'train' || key === 'val') {
      config[key] = value.trim() === '' ? null : unquote(value, at);
    }
  });
  for (let i = 0; i < indexed.size; i++) {
    const name = indexed.get(i);
    if (name === undefined || name === '') throw refuse(`${file}: names`, `class ${i} has no name (classes are numbered from 0 without gaps)`);
    config.names.push(name);
  }
  return config;
}
