/**
 * The lexical layer of Lucene `RegExp` syntax, shared by what reads a pattern: the translator to
 * RE2 (`lucene-regex.ts`) and the reader of the literals a match holds (`regex-literals.ts`), so
 * both read a pattern's characters, escapes, counts and `\d \s \w` alike.
 */

/** Code point ranges, inclusive. */
export type Ranges = Array<[number, number]>;

export const DIGIT: Ranges = [[48, 57]];
export const SPACE: Ranges = [[9, 13], [32, 32]];
export const WORD: Ranges = [[48, 57], [65, 90], [95, 95], [97, 122]];

const SHORTHANDS: Record<string, [Ranges, boolean]> = {
  d: [DIGIT, false], D: [DIGIT, true], s: [SPACE, false], S: [SPACE, true], w: [WORD, false], W: [WORD, true],
};

/** A position in a pattern's code points; `fail` says how a reader reports what it cannot read. */
export abstract class LuceneCursor {
  protected pos = 0;
  protected readonly cps: number[];

  constructor(pattern: string) {
    this.cps = Array.from(pattern, (ch) => ch.codePointAt(0) ?? 0);
  }

  /** Throws: `unsupported` for valid syntax the reader does not handle (`&`, `~`, `<...>`). */
  protected abstract fail(message: string, unsupported?: boolean): never;

  protected more(): boolean {
    return this.pos < this.cps.length;
  }

  protected peek(chars: string): boolean {
    return this.more() && chars.includes(String.fromCodePoint(this.cps[this.pos] ?? 0));
  }

  protected match(ch: string): boolean {
    if (this.more() && this.cps[this.pos] === ch.codePointAt(0)) {
      this.pos++;
      return true;
    }
    return false;
  }

  protected next(): number {
    if (!this.more()) this.fail('unexpected end-of-string');
    return this.cps[this.pos++] ?? 0;
  }

  protected integer(): number {
    const start = this.pos;
    while (this.peek('0123456789')) this.pos++;
    if (start === this.pos) this.fail(`integer expected at position ${this.pos}`);
    return Number(String.fromCodePoint(...this.cps.slice(start, this.pos)));
  }

  /** `\d \s \w` and their negations (Lucene 8.6+): the ranges, and whether negated. */
  protected shorthand(): [Ranges, boolean] | undefined {
    if (this.cps[this.pos] !== 92) return undefined;
    const hit = SHORTHANDS[String.fromCodePoint(this.cps[this.pos + 1] ?? 0)];
    if (hit) this.pos += 2;
    return hit;
  }

  /** One character, `\` escaping the next. */
  protected charExp(): number {
    this.match('\\');
    return this.next();
  }
}
