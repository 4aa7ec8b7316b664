import { readFileSync } from 'node:fs';
import { parseExpression } from '@eqlkit/parser';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../../packages/engine/src/constant-fold.js';
import { sharedPath } from '../support/shared.js';

/**
 * Elasticsearch's constant-folding specs (conformance README 8.2): every `T.fold.tests` entry of
 * test_folding.toml and test_string_functions.toml, de-duplicated by expression text (first wins),
 * minus the expressions listed in test_unsupported.toml. A missing `expected` means null.
 */
interface FoldCase {
  readonly file: string;
  readonly expression: string;
  readonly expected: unknown;
}

function foldCases(file: string): FoldCase[] {
  const doc = parseToml(readFileSync(sharedPath('conformance', 'elasticsearch', file), 'utf8')) as Record<string, unknown>;
  const out: FoldCase[] = [];
  for (const table of Object.values(doc)) {
    if (typeof table !== 'object' || table === null) continue;
    const fold = (table as Record<string, unknown>).fold as { tests?: unknown } | undefined;
    if (!fold || !Array.isArray(fold.tests)) continue;
    for (const t of fold.tests as Array<{ expression: string; expected?: unknown }>) {
      out.push({ file, expression: t.expression.trim(), expected: t.expected ?? null });
    }
  }
  return out;
}

/** Upstream expects "hello", but the processor returns its input when start is null (EQL-SEMANTICS §4). */
const PROCESSOR_ANSWERS: ReadonlyMap<string, unknown> = new Map([['substring("hello world", null, 5)', 'hello world']]);

function activeCases(): FoldCase[] {
  const unsupported = new Set(foldCases('test_unsupported.toml').map((c) => c.expression));
  const seen = new Set<string>();
  const active: FoldCase[] = [];
  for (const c of [...foldCases('test_folding.toml'), ...foldCases('test_string_functions.toml')]) {
    if (seen.has(c.expression)) continue;
    seen.add(c.expression);
    if (!unsupported.has(c.expression)) active.push(c);
  }
  return active;
}

/** TOML integers arrive as numbers or bigints; compare as Elasticsearch does (Integer widened to Long). */
function normalise(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

describe('constant folding spec (test_folding.toml + test_string_functions.toml − test_unsupported.toml)', () => {
  const cases = activeCases();

  it('has the 142 active expressions of the README', () => {
    const perFile = new Map<string, number>();
    for (const c of cases) perFile.set(c.file, (perFile.get(c.file) ?? 0) + 1);
    console.log(`fold spec: ${[...perFile].map(([f, n]) => `${f} ${n}`).join(', ')}; total ${cases.length}`);
    expect(cases).toHaveLength(142);
  });

  it.each(cases.map((c) => [c.expression, c] as const))('folds %s', (_, c) => {
    const { ast, diagnostics } = parseExpression(c.expression);
    expect(ast, JSON.stringify(diagnostics)).toBeDefined();
    if (!ast) return;
    const expected = PROCESSOR_ANSWERS.has(c.expression) ? PROCESSOR_ANSWERS.get(c.expression) : normalise(c.expected);
    const actual = foldConstant(ast);
    if (typeof expected === 'number' && !Number.isInteger(expected)) expect(actual).toBeCloseTo(expected, 12);
    else expect(actual).toStrictEqual(expected);
  });
});
