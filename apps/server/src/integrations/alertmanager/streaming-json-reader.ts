import { none, type Many } from 'stream-chain/defs.js';
import { Assembler } from 'stream-json/assembler.js';
import { jsonParser, type ParserOptions, type Token } from 'stream-json/parser.js';
import { MAX_JSON_DEPTH } from '../../http/error-handler';

/** The text is not JSON (or not one JSON value). */
export class MalformedJsonError extends Error {}

/** The JSON nests deeper than the reader allows. */
export class JsonTooDeepError extends Error {
  constructor(readonly maxDepth: number) {
    super(`The JSON body is nested deeper than ${maxDepth} levels`);
  }
}

/** Where the array whose elements are handed over one by one sits. */
export interface StreamedArray {
  /** the key of the top-level object that holds it (`alerts`), or null for a top-level array */
  key: string | null;
  /** called as soon as an element is complete, in order; the element is then dropped from the document */
  onElement(element: unknown, index: number): void;
  /** the key came again with a new array (JSON.parse keeps the last): the elements handed so far are void */
  onRestart?(): void;
}

export interface StreamingJsonReaderOptions {
  streamed?: StreamedArray;
  /** containers nested deeper than this are refused (default MAX_JSON_DEPTH, as limitJsonDepth does for express.json) */
  maxDepth?: number;
}

/**
 * stream-json's tokenizer. As a stream-chain Flushable it also takes `none`, which ends the text
 * (a number at the very end is emitted, a cut value is an error); its declared call signature
 * leaves that out.
 */
type Tokenizer = (text: string | typeof none) => Many<Token> | typeof none;
const tokenizer = (options: ParserOptions): Tokenizer => jsonParser(options) as unknown as Tokenizer;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads one JSON value from text that arrives in pieces, with stream-json's tokenizer and assembler,
 * so the work is spread over the pieces instead of one JSON.parse of the whole body. The elements of
 * one array (Alertmanager's `alerts`, or a top-level array) are handed over as soon as each is
 * complete and are not kept in the document: a 20 MB notification is validated alert by alert while
 * it arrives. Values come out as JSON.parse makes them (a `__proto__` key is an own property).
 */
export class StreamingJsonReader {
  private readonly tokenize: Tokenizer;
  private readonly assembler = new Assembler();
  private readonly maxDepth: number;
  private array: unknown[] | undefined;
  private handed = 0;
  /** anything but JSON whitespace written yet */
  private sawText = false;

  constructor(private readonly options: StreamingJsonReaderOptions = {}) {
    this.maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
    this.tokenize = tokenizer({ packValues: true, streamValues: false, maxDepth: this.maxDepth });
  }

  /** Feeds the next piece of text (any split, even inside a string or a number). */
  write(text: string): void {
    if (!this.sawText) this.sawText = /[^ \t\n\r]/.test(text);
    this.consume(() => this.tokenize(text));
  }

  /**
   * The text is complete: the value read, or undefined when the text held no value at all (empty
   * or only whitespace; the caller decides what an empty body means).
   */
  end(): unknown {
    if (!this.sawText) return undefined;
    this.consume(() => this.tokenize(none));
    if (!this.assembler.done) throw new MalformedJsonError('The JSON text ends before its value does');
    return this.assembler.current;
  }

  private consume(step: () => Many<Token> | typeof none): void {
    let out;
    try {
      out = step();
    } catch (err) {
      if (err instanceof RangeError && /depth/i.test(err.message)) throw new JsonTooDeepError(this.maxDepth);
      throw new MalformedJsonError(err instanceof Error ? err.message : 'not JSON');
    }
    if (out === none) return;
    for (const token of out.values) this.take(token);
    this.handOver();
  }

  private take(token: Token): void {
    this.assembler.consume(token);
    if (token.name === 'startArray' && this.options.streamed) this.watchArray(this.options.streamed);
  }

  /** A new array just opened: is it the streamed one? */
  private watchArray(streamed: StreamedArray): void {
    const { stack, current } = this.assembler;
    if (!Array.isArray(current)) return;
    const atTop = streamed.key === null ? stack.length === 0 : stack.length === 2 && stack[1] === streamed.key && isRecord(stack[0]);
    if (!atTop) return;
    if (this.array !== undefined) streamed.onRestart?.();
    this.array = current;
    this.handed = 0;
  }

  private handOver(): void {
    const streamed = this.options.streamed;
    const array = this.array;
    if (!streamed || !array) return;
    while (this.handed < array.length) {
      const index = this.handed;
      const element = array[index];
      // the document keeps the array's length, not its elements: each is handled once, here
      array[index] = null;
      this.handed += 1;
      streamed.onElement(element, index);
    }
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Writes `text` into the reader `piece` characters at a time with a turn of the event loop after
 * each piece, so other requests, timers and socket updates run between them.
 */
export async function writeYielding(reader: StreamingJsonReader, text: string, piece: number): Promise<void> {
  for (let at = 0; at < text.length; at += piece) {
    reader.write(text.slice(at, at + piece));
    await nextTurn();
  }
}
