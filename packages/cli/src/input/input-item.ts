import type { LineRoute } from './line-routes.js';
import type { LineStore } from './line-store.js';

/** An event read from the input: a JSON object and where it came from. */
export interface InputEvent {
  readonly kind: 'event';
  readonly event: Record<string, unknown>;
  readonly file: string;
  readonly line: number;
}

/**
 * Input that could not become an event. `record` problems (a bad line or element) skip one
 * record; `file` problems (truncated gzip, an array never closed, an unreadable file) end
 * that file, keeping the events read before them.
 */
export interface InputProblem {
  readonly kind: 'problem';
  readonly scope: 'record' | 'file';
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/**
 * A line kept unparsed until its turn in time order (see `RecordFilter.defer`): its text is a
 * quarter of the memory its parsed event would take in the reorder window, and a `later` line
 * (one that can only match later stages of a sequence) is parsed only if the state then asks.
 */
export class DeferredLine {
  readonly kind = 'deferred';
  constructor(
    /** Its text, or its handle in `store` (see `LineStore`). */
    private readonly source: string | number,
    /** Its timestamp, read from the text. */
    readonly ts: number,
    /** It can only matter if a partial sequence waits for it at its turn. */
    readonly later: boolean,
    readonly file: string,
    readonly line: number,
    /** Its route, when it was routed when read (`eql run`). */
    readonly route?: LineRoute,
    private readonly store?: LineStore,
  ) {}

  /** Its text (decoded again on each call when it waits in a store). */
  get text(): string {
    const source = this.source;
    return typeof source === 'string' ? source : (this.store as LineStore).text(source);
  }

  /** Its turn is over: the store may reuse its bytes (call once, after the last `text`). */
  release(): void {
    if (typeof this.source === 'number') this.store?.release(this.source);
  }
}

export type InputItem = InputEvent | InputProblem | DeferredLine;

/** `file:line: message`, the shape editors and grep understand. */
export function formatProblem(p: InputProblem): string {
  return p.line === undefined ? `${p.file}: ${p.message}` : `${p.file}:${p.line}: ${p.message}`;
}
