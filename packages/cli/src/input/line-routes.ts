import { compileRawRouter, type RawPrefilterSpec } from '@eqlkit/engine/raw-lines';

/**
 * The rules a line is routed to by `eql run` (indexes into the rule list, ascending), or `null`
 * when every rule may take it (the router cannot tell, as for a line with a hiding escape).
 */
export type LineRoute = readonly number[] | null;

/**
 * Routing of lines to statements by their raw-line prefilters (one spec per statement, undefined
 * for a statement that may match every line and so takes every line): compiled on the thread
 * that reads the lines, this one or the line worker, so it is plain data and imports only the
 * engine's raw-line layer.
 */
export function compileLineRoutes(specs: readonly (RawPrefilterSpec | undefined)[]): (text: string) => LineRoute {
  const always: number[] = [];
  specs.forEach((s, i) => {
    if (s === undefined) always.push(i);
  });
  const route = compileRawRouter(specs);
  return (text) => {
    const list = route(text);
    if (!list) return null;
    for (const i of always) list.push(i);
    return ascending(list);
  };
}

/**
 * `list` sorted in place, ascending: by insertion (a route has a few entries, and
 * `Array#sort` allocated its work space per call, a sixth of what the line worker allocated).
 */
export function ascending(list: number[]): number[] {
  for (let i = 1; i < list.length; i++) {
    const v = list[i] as number;
    let j = i - 1;
    while (j >= 0 && (list[j] as number) > v) {
      list[j + 1] = list[j] as number;
      j--;
    }
    list[j + 1] = v;
  }
  return list;
}

/**
 * The routes of a batch of lines, flattened to post between threads: line `i`'s rules are
 * `ids[ends[i - 1] .. ends[i])` (from 0 for the first), or every rule when `everyRule[i]` is 1.
 */
export interface BatchRoutes {
  readonly ids: Int32Array;
  readonly ends: Int32Array;
  readonly everyRule: Uint8Array;
}

/**
 * `BatchRoutes` written as the routes come, line after line: no route has to outlive its line
 * (the line worker's young generation is small, and what survives it costs both threads).
 */
export class RoutesEncoder {
  private readonly ends: Int32Array;
  private readonly everyRule: Uint8Array;
  private ids = new Int32Array(1024);
  private size = 0;
  private line = 0;

  constructor(count: number) {
    this.ends = new Int32Array(count);
    this.everyRule = new Uint8Array(count);
  }

  /** The next line's route. */
  add(route: LineRoute): void {
    if (route === null) this.everyRule[this.line] = 1;
    else {
      if (this.size + route.length > this.ids.length) {
        const grown = new Int32Array(Math.max(this.ids.length * 2, this.size + route.length));
        grown.set(this.ids.subarray(0, this.size));
        this.ids = grown;
      }
      for (let k = 0; k < route.length; k++) this.ids[this.size++] = route[k] as number;
    }
    this.ends[this.line++] = this.size;
  }

  finish(): BatchRoutes {
    return { ids: this.ids.slice(0, this.size), ends: this.ends, everyRule: this.everyRule };
  }
}

/** Routes flattened (`BatchRoutes`). */
export function encodeRoutes(routes: readonly LineRoute[]): BatchRoutes {
  const encoder = new RoutesEncoder(routes.length);
  for (const route of routes) encoder.add(route);
  return encoder.finish();
}

/** Each line's route out of `encodeRoutes`' form, as fresh arrays. */
export function decodeRoutes(routes: BatchRoutes): LineRoute[] {
  const count = routes.ends.length;
  const out = new Array<LineRoute>(count);
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = routes.ends[i] as number;
    if (routes.everyRule[i] === 1) out[i] = null;
    else {
      // A loop, not Array.from(subarray): that goes through the iterator protocol, 7% of what
      // the main thread allocated per line over the corpus rules.
      const route = new Array<number>(end - start);
      for (let k = start; k < end; k++) route[k - start] = routes.ids[k] as number;
      out[i] = route;
    }
    start = end;
  }
  return out;
}
