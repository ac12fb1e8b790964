/**
 * Whether a word is English, from a Bloom filter of an English word list (english-words.generated.ts):
 * a capitalised word that is in no name list and not English either is likely a name. Decoded on
 * first use; about 1% of other words pass for English.
 */
import { type BloomFilter, bitsFromBase64, bloomFilter } from './bloom-filter.ts';
import { ENGLISH_WORD_BITS, ENGLISH_WORD_HASH_COUNT } from './english-words.generated.ts';

let filter: BloomFilter | null = null;

/** `key` is folded (foldName). */
export function isEnglishWord(key: string): boolean {
  filter ??= bloomFilter(bitsFromBase64(ENGLISH_WORD_BITS), ENGLISH_WORD_HASH_COUNT);
  return filter.has(key);
}
