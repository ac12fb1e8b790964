/**
 * Canonical JSON: one byte sequence per value, whatever the key order it was built or stored in
 * (PostgreSQL `jsonb` reorders keys). Object keys are sorted by UTF-16 code units, numbers and
 * strings are written as `JSON.stringify` writes them (the ECMAScript rules RFC 8785 also uses),
 * `undefined` object members are left out as JSON leaves them out.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`${path}: a ${typeof value} has no JSON form`);
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return write(withJson.toJSON(), path);
  if (Array.isArray(value)) {
    return `[${value.map((v, i) => (v === undefined ? 'null' : write(v, `${path}[${i}]`))).join(',')}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new TypeError(`${path}: only plain objects have a JSON form`);
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`)}`);
  return `{${members.join(',')}}`;
}
