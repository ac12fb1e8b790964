/**
 * Streams a large JSON document one element at a time: the elements of a top-level array
 * (Label Studio, spaCy), or of the arrays under a top-level object's keys (COCO's `images`,
 * `annotations`). Each element is cut out of the text and given to `JSON.parse` alone, so memory
 * holds one element, and every element comes with its JSON path for error messages.
 */
import { refuse } from './issues.ts';
import { decodedChunks, type ImportSource } from './sources.ts';

export interface JsonElement {
  /** The top-level key the element sits under; null in a top-level array. */
  key: string | null;
  /** Position in its array, or -1 for a value that is not in an array (COCO's `info`). */
  index: number;
  /** `images[3]`, `[3]`, `info`. */
  path: string;
  /** undefined when `select` left it out. */
  value: unknown;
}

export interface JsonStreamOptions {
  /** Parse only the elements under these keys (others are scanned past). Default: all. */
  select?: (key: string | null) => boolean;
  top: 'array' | 'object';
}

const enum S {
  Start,
  ObjFirstKey,
  ObjKey,
  Key,
  Colon,
  ObjValue,
  ObjComma,
  ArrFirst,
  ArrValue,
  ArrComma,
  Elem,
  End,
}

const QUOTE = 34;
const BACKSLASH = 92;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

class Splitter {
  private state = S.Start;
  private key: string | null = null;
  /** Whether the array being read sits under a key (else it is the top level). */
  private inKeyedArray = false;
  private index = 0;
  private keyParts: string[] = [];
  private keyEscape = false;
  // The element being cut out.
  private parts: string[] = [];
  private elemKind: 'container' | 'string' | 'primitive' = 'container';
  private depth = 0;
  private inString = false;
  private escape = false;
  private after = S.ArrComma;
  // Line counting, only for messages.
  private line = 1;
  private column = 0;
  /** Where the element being cut out starts, so that a fault inside it is placed in the file. */
  private elemLine = 1;
  private elemColumn = 0;

  constructor(private readonly options: JsonStreamOptions) {}

  private where(): string {
    return `line ${this.line}, column ${this.column}`;
  }

  /** Where the reader stands, as a JSON path: the array element, the key, or `$`. */
  private place(): string {
    switch (this.state) {
      case S.Start:
      case S.End:
        return '$';
      case S.ArrFirst:
      case S.ArrValue:
      case S.ArrComma:
      case S.Elem:
        return this.key === null || this.inKeyedArray || this.state === S.Elem ? this.path() : this.key;
      default:
        return this.key ?? '$';
    }
  }

  private fail(char: string, expected: string): never {
    throw refuse(this.place(), `expected ${expected} but found ${JSON.stringify(char)} at ${this.where()}`);
  }

  private path(): string {
    if (this.key === null) return `[${this.index}]`;
    return this.inKeyedArray ? `${this.key}[${this.index}]` : this.key;
  }

  private emit(text: string, out: JsonElement[]): void {
    const selected = this.options.select ? this.options.select(this.key) : true;
    const path = this.path();
    let value: unknown;
    if (selected) {
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw refuse(path, `not valid JSON at ${this.inFile(text, (error as Error).message)} (${(error as Error).message})`);
      }
    }
    out.push({ key: this.key, index: this.inKeyedArray || this.key === null ? this.index : -1, path, value });
  }

  /**
   * The line and column in the file of JSON.parse's fault: its position counts from the element's
   * start, which means nothing to someone with the file open. Without a position, the element's start.
   */
  private inFile(text: string, message: string): string {
    const at = /at position (\d+)/.exec(message);
    if (!at) return `the element starting at line ${this.elemLine}, column ${this.elemColumn}`;
    const position = Math.min(Number(at[1]), text.length);
    const before = text.slice(0, position);
    const newlines = before.split('\n').length - 1;
    const column = newlines === 0 ? this.elemColumn + position : position - before.lastIndexOf('\n');
    return `line ${this.elemLine + newlines}, column ${column}`;
  }

  private closeArray(): void {
    if (this.inKeyedArray) {
      this.inKeyedArray = false;
      this.state = S.ObjComma;
    } else {
      this.state = S.End;
    }
  }

  feed(chunk: string, out: JsonElement[], final: boolean): void {
    let elemStart = this.state === S.Elem ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) {
        this.line++;
        this.column = 0;
      } else this.column++;
      switch (this.state) {
        case S.Elem: {
          if (this.elemKind === 'primitive') {
            if (c === 44 || c === 93 || c === 125 || isSpace(c)) {
              this.parts.push(chunk.slice(elemStart, i));
              this.emit(this.parts.join(''), out);
              this.parts = [];
              this.state = this.after;
              elemStart = -1;
              i--; // the delimiter belongs to the enclosing structure
              if (c === 10) this.line--;
              else this.column--;
            }
            break;
          }
          if (this.inString) {
            if (this.escape) this.escape = false;
            else if (c === BACKSLASH) this.escape = true;
            else if (c === QUOTE) {
              this.inString = false;
              if (this.elemKind === 'string') this.completeElement(chunk, elemStart, i, out), (elemStart = -1);
            }
            break;
          }
          if (c === QUOTE) this.inString = true;
          else if (c === 123 || c === 91) this.depth++;
          else if (c === 125 || c === 93) {
            this.depth--;
            if (this.depth === 0) {
              this.completeElement(chunk, elemStart, i, out);
              elemStart = -1;
            }
          }
          break;
        }
        case S.Key: {
          if (this.keyEscape) this.keyEscape = false;
          else if (c === BACKSLASH) this.keyEscape = true;
          else if (c === QUOTE) {
            this.key = JSON.parse(`"${this.keyParts.join('')}"`) as string;
            this.keyParts = [];
            this.state = S.Colon;
            break;
          }
          this.keyParts.push(chunk[i]!);
          break;
        }
        default: {
          if (isSpace(c)) break;
          const ch = chunk[i]!;
          switch (this.state) {
            case S.Start:
              if (c === 91 && this.options.top === 'array') this.state = S.ArrFirst;
              else if (c === 123 && this.options.top === 'object') this.state = S.ObjFirstKey;
              else this.fail(ch, this.options.top === 'array' ? 'a JSON array' : 'a JSON object');
              break;
            case S.ObjFirstKey:
            case S.ObjKey:
              if (c === QUOTE) this.state = S.Key;
              else if (c === 125 && this.state === S.ObjFirstKey) this.state = S.End;
              else this.fail(ch, 'a key');
              break;
            case S.Colon:
              if (c === 58) this.state = S.ObjValue;
              else this.fail(ch, '":"');
              break;
            case S.ObjValue:
              if (c === 91) {
                this.inKeyedArray = true;
                this.index = 0;
                this.state = S.ArrFirst;
              } else {
                this.index = -1;
                this.after = S.ObjComma;
                elemStart = this.beginElement(c, i);
              }
              break;
            case S.ObjComma:
              if (c === 44) this.state = S.ObjKey;
              else if (c === 125) this.state = S.End;
              else this.fail(ch, '"," or "}"');
              break;
            case S.ArrFirst:
            case S.ArrValue:
              if (c === 93 && this.state === S.ArrFirst) this.closeArray();
              else if (c === 93 || c === 44) this.fail(ch, 'a value');
              else {
                this.after = S.ArrComma;
                elemStart = this.beginElement(c, i);
              }
              break;
            case S.ArrComma:
              if (c === 44) {
                this.index++;
                this.state = S.ArrValue;
              } else if (c === 93) this.closeArray();
              else this.fail(ch, '"," or "]"');
              break;
            case S.End:
              this.fail(ch, 'the end of the document');
          }
        }
      }
    }
    if (this.state === S.Elem && elemStart >= 0) this.parts.push(chunk.slice(elemStart));
    if (final) {
      if (this.state === S.Elem && this.elemKind === 'primitive') {
        this.emit(this.parts.join(''), out);
        this.parts = [];
        this.state = this.after;
      }
      if (this.state !== S.End) {
        throw refuse(this.place(), this.state === S.Start ? 'the document is empty' : `the document ends early, at ${this.where()}`);
      }
    }
  }

  private beginElement(c: number, i: number): number {
    this.state = S.Elem;
    this.parts = [];
    this.elemLine = this.line;
    this.elemColumn = this.column;
    if (c === 123 || c === 91) {
      this.elemKind = 'container';
      this.depth = 1;
    } else if (c === QUOTE) {
      this.elemKind = 'string';
      this.inString = true;
    } else {
      this.elemKind = 'primitive';
    }
    return i;
  }

  private completeElement(chunk: string, start: number, end: number, out: JsonElement[]): void {
    this.parts.push(chunk.slice(start, end + 1));
    this.emit(this.parts.join(''), out);
    this.parts = [];
    this.state = this.after;
  }
}

export async function* streamJson(source: ImportSource, options: JsonStreamOptions): AsyncGenerator<JsonElement> {
  const splitter = new Splitter(options);
  const out: JsonElement[] = [];
  for await (const chunk of decodedChunks(source)) {
    splitter.feed(chunk, out, false);
    yield* out;
    out.length = 0;
  }
  splitter.feed('', out, true);
  yield* out;
}
