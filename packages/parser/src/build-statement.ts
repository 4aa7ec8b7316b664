import type { CstNode, IToken } from 'chevrotain';
import type {
  Category,
  EventFilter,
  FieldRef,
  Pipe,
  Query,
  Range,
  SampleQuery,
  SequenceQuery,
  Statement,
  Term,
  TimeSpan,
  TimeUnit,
} from './ast.js';
import { ExpressionBuilder, stringTokenValue } from './build-expression.js';
import { DiagnosticCode } from './codes.js';
import { node, nodeRange, nodes, token, tokenRange, tokens } from './cst.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { didYouMean } from './did-you-mean.js';

const UNIT_MILLIS: Readonly<Record<TimeUnit, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const LEGACY_PIPES = new Set(['count', 'filter', 'sort', 'unique', 'unique_count']);
const MAX_RUNS = 100;

/** The `by`/`with` clauses of a sequence, sample or stage, as written. */
interface Clauses {
  readonly by: FieldRef[];
  /** Keys written, fields or not: the join-key count check counts what the user wrote. */
  keyCount: number;
  readonly withs: { key: IToken; cst: CstNode }[];
  byRange?: Range;
}

/**
 * CST → AST for whole statements, plus the checks that are about the shape of a query (sequence
 * and sample structure, `maxspan`, `runs`, join-key counts, pipes): they need the clauses in the
 * order written, which the AST does not keep.
 */
export class StatementBuilder {
  private readonly expressions: ExpressionBuilder;

  constructor(private readonly sink: DiagnosticSink, private readonly sourceLength: number) {
    this.expressions = new ExpressionBuilder(sink);
  }

  statement(cst: CstNode): Statement | undefined {
    const queryNode = node(cst, 'query');
    const pipeNodes = nodes(cst, 'pipe');
    if (!queryNode) {
      const firstPipe = pipeNodes[0];
      if (firstPipe) {
        this.sink.report(
          DiagnosticCode.LegacyLeadingPipe,
          'a query cannot start with a pipe',
          nodeRange(firstPipe),
          'start with `any where true` (or a category) before the pipes',
        );
      } else {
        this.sink.report(DiagnosticCode.SyntaxError, 'expected a query but found end of query', [0, this.sourceLength]);
      }
      return undefined;
    }
    const query = this.query(queryNode);
    const pipes = pipeNodes.map((p) => this.pipe(p));
    if (query.type === 'SampleQuery') {
      for (const p of pipes) {
        this.sink.report(DiagnosticCode.InvalidSample, 'Pipes are not supported with sample queries', p.range, 'remove the pipe');
      }
    }
    const end = pipes.length > 0 ? (pipes[pipes.length - 1] as Pipe).range[1] : query.range[1];
    return { type: 'Statement', query, pipes, range: [query.range[0], end] };
  }

  private query(cst: CstNode): Query {
    const sequence = node(cst, 'sequence');
    if (sequence) return this.sequence(sequence);
    const filterNode = node(cst, 'eventFilter') as CstNode;
    const filter = this.eventFilter(filterNode);
    return { type: 'EventQuery', filter, range: filter.range };
  }

  private sequence(cst: CstNode): SequenceQuery | SampleQuery {
    const kind = token(cst, 'Sample') ? 'sample' : token(cst, 'Join') ? 'join' : 'sequence';
    const keyword = token(cst, 'Sequence') ?? token(cst, 'Sample') ?? token(cst, 'Join');
    if (kind === 'join' && keyword) {
      this.sink.report(
        DiagnosticCode.LegacyJoin,
        'JOIN command is not supported',
        tokenRange(keyword),
        'use `sequence` (ordered) or `sample` (unordered) with `by` join keys',
      );
    }
    const clauses = this.clauses(nodes(cst, 'clause'));
    let maxspan: TimeSpan | undefined;
    let maxspanWritten = false;
    for (const { key, cst: withNode } of clauses.withs) {
      if (key.image === 'maxspan' && kind !== 'sample' && !maxspanWritten) {
        maxspanWritten = true;
        maxspan = this.maxspan(withNode);
      } else if (key.image === 'maxspan' && kind === 'sample') {
        this.sink.report(DiagnosticCode.InvalidSample, '`maxspan` is not supported with sample queries', nodeRange(withNode));
      } else {
        this.invalidWith(key, withNode, 'a sequence takes `with maxspan=...` (before its stages)');
      }
    }
    const termNodes = nodes(cst, 'term');
    const terms: Term[] = [];
    const termKeyCounts: { count: number; range: Range }[] = [];
    for (const termNode of termNodes) {
      const { term, keyCount } = this.term(termNode, kind === 'sample');
      terms.push(term);
      termKeyCounts.push({ count: clauses.keyCount + keyCount, range: term.by.length ? keysRange(term.by) : term.range });
    }
    const untilNode = node(cst, 'until');
    let until: Term | undefined;
    if (untilNode) {
      const built = this.term(untilNode, false);
      until = built.term;
      if (until.runs !== undefined) {
        this.sink.report(DiagnosticCode.InvalidWithOption, '`runs` is not allowed on the `until` stage', until.range);
        const { runs: _runs, ...withoutRuns } = until;
        until = withoutRuns;
      }
      if (kind === 'sample') {
        this.sink.report(DiagnosticCode.InvalidSample, '`until` is not supported with sample queries', until.range);
      }
      termKeyCounts.push({ count: clauses.keyCount + built.keyCount, range: until.by.length ? keysRange(until.by) : until.range });
    }
    this.checkKeyCounts(termKeyCounts);
    const range = nodeRange(cst);
    if (kind === 'sample') {
      this.checkSample(terms, clauses, range);
      return { type: 'SampleQuery', by: clauses.by, terms, range };
    }
    this.checkSequenceStages(terms, maxspanWritten, range);
    const query: SequenceQuery = { type: 'SequenceQuery', by: clauses.by, terms, range };
    return { ...query, ...(maxspan ? { maxspan } : {}), ...(until ? { until } : {}) };
  }

  private checkKeyCounts(counts: readonly { count: number; range: Range }[]): void {
    const expected = counts[0]?.count;
    if (expected === undefined) return;
    for (const { count, range } of counts.slice(1)) {
      if (count !== expected) {
        this.sink.report(
          DiagnosticCode.InconsistentJoinKeys,
          `Inconsistent number of join keys specified; expected [${expected}] but found [${count}]`,
          range,
        );
      }
    }
  }

  private checkSample(terms: readonly Term[], clauses: Clauses, range: Range): void {
    if (terms.length < 2) {
      this.sink.report(DiagnosticCode.NotEnoughStages, 'A sample requires a minimum of 2 queries', range);
    }
    if (clauses.keyCount === 0 && terms.every((t) => t.by.length === 0)) {
      this.sink.report(
        DiagnosticCode.SampleWithoutJoinKey,
        'A sample requires at least one join key',
        range,
        'add `by field` after `sample` or after the stages',
      );
    }
  }

  private checkSequenceStages(terms: readonly Term[], maxspanWritten: boolean, range: Range): void {
    const expanded = terms.reduce((n, t) => n + (t.runs ?? 1), 0);
    if (expanded < 2) {
      this.sink.report(DiagnosticCode.NotEnoughStages, 'A sequence requires a minimum of 2 queries', range, 'add a stage or `with runs=N`');
    } else if (terms.every((t) => t.missing)) {
      this.sink.report(DiagnosticCode.NotEnoughStages, 'A sequence requires at least one positive (non-`![`) stage', range);
    }
    if (!maxspanWritten) {
      for (const t of terms.filter((x) => x.missing)) {
        this.sink.report(
          DiagnosticCode.MissingStageWithoutMaxspan,
          'A missing event stage `![...]` requires `with maxspan`',
          t.range,
          'add `with maxspan=...` after `sequence [by ...]`',
        );
      }
    }
  }

  /** Collects `by`/`with` clauses, reporting a `by` written after `with`. */
  private clauses(clauseNodes: readonly CstNode[]): Clauses {
    const result: Clauses = { by: [], keyCount: 0, withs: [] };
    for (const clause of clauseNodes) {
      const by = node(clause, 'byClause');
      if (by) {
        const range = nodeRange(by);
        if (result.byRange) {
          this.sink.report(DiagnosticCode.SyntaxError, '`by` is given twice', range, 'list all join keys in one `by`, separated by commas');
        } else if (result.withs.length > 0) {
          this.sink.report(DiagnosticCode.ByAfterWith, 'Please specify sequence [by] before [with] not after', range);
        }
        result.byRange = range;
        for (const keyNode of nodes(by, 'expression')) {
          result.keyCount++;
          const key = this.expressions.expression(keyNode);
          if (key.type === 'Field') result.by.push(key);
          else {
            this.sink.report(
              DiagnosticCode.JoinKeyNotField,
              'Join keys must be field references; expressions are not supported',
              key.range,
            );
          }
        }
        continue;
      }
      const withNode = node(clause, 'withClause');
      const key = withNode && token(withNode, 'key');
      if (withNode && key) result.withs.push({ key, cst: withNode });
    }
    return result;
  }

  private term(cst: CstNode, inSample: boolean): { term: Term; keyCount: number } {
    const missing = token(cst, 'MissingOpen') !== undefined;
    const filter = this.eventFilter(node(cst, 'eventFilter') as CstNode);
    const clauses = this.clauses(nodes(cst, 'clause'));
    let runs: number | undefined;
    for (const { key, cst: withNode } of clauses.withs) {
      if (key.image === 'runs' && runs === undefined) {
        runs = this.runs(withNode);
        if (inSample) this.sink.report(DiagnosticCode.InvalidSample, '`runs` is not supported with sample queries', nodeRange(withNode));
      } else {
        this.invalidWith(key, withNode, 'a stage takes `with runs=N`');
      }
    }
    if (missing && inSample) {
      this.sink.report(DiagnosticCode.InvalidSample, 'Missing event stages `![...]` are not supported with sample queries', nodeRange(cst));
    }
    const term: Term = { type: 'Term', filter, by: clauses.by, missing, range: nodeRange(cst), ...(runs !== undefined ? { runs } : {}) };
    return { term, keyCount: clauses.keyCount };
  }

  private invalidWith(key: IToken, withNode: CstNode, hint: string): void {
    const repeated = key.image === 'maxspan' || key.image === 'runs';
    this.sink.report(
      DiagnosticCode.InvalidWithOption,
      repeated ? `\`${key.image}\` is not allowed here or is given twice` : `unknown option \`${key.image}\` after \`with\``,
      nodeRange(withNode),
      hint,
    );
  }

  private runs(withNode: CstNode): number | undefined {
    const amount = token(withNode, 'amount');
    const negative = token(withNode, 'Minus') !== undefined;
    const unit = token(withNode, 'unit');
    const value = amount ? Number(amount.image) * (negative ? -1 : 1) : NaN;
    if (!amount || amount.tokenType.name !== 'Integer' || unit || value < 1 || value > MAX_RUNS) {
      this.sink.report(
        DiagnosticCode.RunsOutOfRange,
        `runs must be an integer between 1 and ${MAX_RUNS}`,
        nodeRange(withNode),
      );
      return undefined;
    }
    return value;
  }

  private maxspan(withNode: CstNode): TimeSpan | undefined {
    const range = nodeRange(withNode);
    const amount = token(withNode, 'amount');
    if (!amount) return undefined;
    const unitToken = token(withNode, 'unit');
    const negative = token(withNode, 'Minus') !== undefined;
    const text = `${negative ? '-' : ''}${amount.image}${unitToken?.image ?? ''}`;
    if (amount.tokenType.name !== 'Integer') {
      this.sink.report(DiagnosticCode.MaxspanDecimal, `Decimal time interval [${text}] not supported`, range, 'use a smaller unit, e.g. `1500ms` for 1.5s');
      return undefined;
    }
    if (!unitToken) {
      this.sink.report(
        DiagnosticCode.MaxspanUnitMissing,
        `No time unit specified, did you mean [s] as in [${amount.image}s]?`,
        range,
        'units are ms, s, m, h, d',
      );
      return undefined;
    }
    const value = Number(amount.image);
    if (negative || value <= 0) {
      this.sink.report(DiagnosticCode.MaxspanNotPositive, 'A positive maxspan value is required', range);
      return undefined;
    }
    const unit = unitToken.image;
    if (!isTimeUnit(unit)) {
      this.sink.report(
        DiagnosticCode.MaxspanUnknownUnit,
        `Unrecognized time unit [${unit}] in [${text}], please specify one of [ms, s, m, h, d]`,
        tokenRange(unitToken),
      );
      return undefined;
    }
    return { type: 'TimeSpan', value, unit, millis: value * UNIT_MILLIS[unit], range: [amount.startOffset, tokenRange(unitToken)[1]] };
  }

  private eventFilter(cst: CstNode): EventFilter {
    const range = nodeRange(cst);
    const bare = node(cst, 'bare');
    const condition = this.expressions.eventFilterCondition(cst);
    const categoryNode = node(cst, 'category');
    if (bare || !categoryNode) {
      this.sink.report(
        DiagnosticCode.LegacyBareExpression,
        'a condition needs an event category before it',
        condition.range,
        'write `any where <condition>` (or `process where ...`, etc.)',
      );
      const category: Category = { type: 'Category', any: true, quoted: 'none', range: [range[0], range[0]] };
      return { type: 'EventFilter', category, condition, range };
    }
    return { type: 'EventFilter', category: this.category(categoryNode), condition, range };
  }

  private category(cst: CstNode): Category {
    const range = nodeRange(cst);
    if (token(cst, 'Any')) return { type: 'Category', any: true, quoted: 'none', range };
    const identifier = token(cst, 'Identifier');
    if (identifier?.image === 'maxspan') {
      // A keyword to Elasticsearch (eqlkit lexes it as a name for `with maxspan=` and reads it
      // as a field): not a bare category, which the printer could not write back as one.
      this.sink.report(DiagnosticCode.SyntaxError, '`maxspan` is a keyword, not an event category', range, 'write the category as a string: "maxspan" where ...');
    }
    if (identifier) return { type: 'Category', any: false, name: identifier.image, quoted: 'none', range };
    const quoted = token(cst, 'QuotedIdentifier');
    if (quoted) {
      this.sink.report(
        DiagnosticCode.LegacyQuotedCategory,
        'backticks are for field names, not event categories',
        range,
        `write the category as a string: "${quoted.image.slice(1, -1).replace(/``/g, '`')}" where ...`,
      );
      return { type: 'Category', any: false, name: quoted.image.slice(1, -1), quoted: 'string', range };
    }
    const str = token(cst, 'StringToken') as IToken;
    const raw = str.tokenType.name === 'RawString';
    return { type: 'Category', any: false, name: stringTokenValue(str), quoted: raw ? 'raw' : 'string', range };
  }

  private pipe(cst: CstNode): Pipe {
    const range = nodeRange(cst);
    const nameToken = token(cst, 'name');
    const name = nameToken?.image ?? '';
    const args = nodes(cst, 'args');
    if (name !== 'head' && name !== 'tail') {
      if (LEGACY_PIPES.has(name)) {
        this.sink.report(DiagnosticCode.UnsupportedPipe, `Pipe [${name}] is not supported`, range, 'Elasticsearch EQL only has `| head N` and `| tail N`');
      } else {
        const suggestion = didYouMean(name, ['head', 'tail']);
        this.sink.report(
          DiagnosticCode.UnknownPipe,
          `Unrecognized pipe [${name}]`,
          nameToken ? tokenRange(nameToken) : range,
          suggestion ? `did you mean [${suggestion}]?` : 'Elasticsearch EQL only has `| head N` and `| tail N`',
        );
      }
      return { type: 'Pipe', name: 'head', count: 0, range };
    }
    const commas = tokens(cst, 'Comma');
    const only = args.length === 1 && commas.length === 0 ? this.expressions.expression(args[0] as CstNode) : undefined;
    if (!only || only.type !== 'Number' || !only.integer || only.value < 0) {
      // `-1` is the unary minus of 1.
      const negative = only?.type === 'Unary' && only.op === '-' && only.operand.type === 'Number' && only.operand.integer;
      const found = args.length === 0 ? 'nothing' : args.length > 1 ? `${args.length} arguments` : negative ? 'a negative number' : 'a non-integer';
      this.sink.report(
        DiagnosticCode.InvalidPipeArgument,
        `Pipe [${name}] expects a positive integer but found ${found}`,
        args.length > 0 ? [nodeRange(args[0] as CstNode)[0], range[1]] : range,
        `write \`| ${name} 10\``,
      );
      return { type: 'Pipe', name, count: 0, range };
    }
    return { type: 'Pipe', name, count: only.value, range };
  }
}

function isTimeUnit(unit: string): unit is TimeUnit {
  return unit === 'ms' || unit === 's' || unit === 'm' || unit === 'h' || unit === 'd';
}

function keysRange(keys: readonly FieldRef[]): Range {
  return [(keys[0] as FieldRef).range[0], (keys[keys.length - 1] as FieldRef).range[1]];
}
