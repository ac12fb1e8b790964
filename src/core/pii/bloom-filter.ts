/**
 * A Bloom filter over strings: a compact set that answers "maybe in it" or "certainly not". The
 * name detector asks it whether a capitalised word is an English word (a quarter of a million of
 * them in a third of a megabyte, where the list itself is three). A false "maybe" makes a foreign
 * name look English, which costs a guess, never a wrong finding.
 */

export interface BloomFilter {
  has(key: string): boolean;
}

/** Two independent 32-bit hashes of a string (FNV-1a with two offsets), for double hashing. */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x6c62272e;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // An odd step visits every bit position of a power-of-two table before repeating.
  return [a >>> 0, (b | 1) >>> 0];
}

function positions(key: string, bitCount: number, hashCount: number, visit: (bit: number) => boolean | void): boolean {
  const [h1, h2] = hashes(key);
  for (let i = 0; i < hashCount; i++) {
    if (visit(((h1 + Math.imul(i, h2)) >>> 0) % bitCount) === false) return false;
  }
  return true;
}

/** A filter of `keys` with about `falsePositiveRate` wrong "maybe"s. */
export function buildBloomFilter(keys: Iterable<string>, falsePositiveRate: number): { bits: Uint8Array; hashCount: number } {
  const all = [...new Set(keys)];
  const bitCount = Math.ceil((-all.length * Math.log(falsePositiveRate)) / Math.LN2 ** 2 / 8) * 8;
  const hashCount = Math.max(1, Math.round((bitCount / all.length) * Math.LN2));
  const bits = new Uint8Array(bitCount / 8);
  for (const key of all) positions(key, bitCount, hashCount, (bit) => void (bits[bit >>> 3]! |= 1 << (bit & 7)));
  return { bits, hashCount };
}

export function bloomFilter(bits: Uint8Array, hashCount: number): BloomFilter {
  const bitCount = bits.length * 8;
  return {
    has: (key) => positions(key, bitCount, hashCount, (bit) => (bits[bit >>> 3]! & (1 << (bit & 7))) !== 0),
  };
}

/** The bits as base64 (for a generated source file) and back, without Node's Buffer. */
export function bitsToBase64(bits: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bits.length; i += 0x8000) binary += String.fromCharCode(...bits.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function bitsFromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bits = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bits[i] = binary.charCodeAt(i);
  return bits;
}
