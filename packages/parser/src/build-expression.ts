import type { CstNode, IToken } from 'chevrotain';
import type {
  ArithmeticOp,
  ComparisonOp,
  Expression,
  FieldRef,
  FunctionCall,
  Literal,
  MatchOp,
  Range,
} from './ast.js';
import { DiagnosticCode } from './codes.js';
import { node, nodeRange, nodes, span, token, tokenRange, tokens } from './cst.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { lookupFunction } from './functions.js';
import { decodeEscapes, integerValue, rawStringValue } from './literals.js';
import { Level } from './precedence.js';


function operatorLevel(op: IToken): Level {
  switch (op.tokenType.name) {
    case 'Or':
      return Level.Or;
    case 'And':
      return Level.And;
    case 'Plus':
    case 'Minus':
      return Level.Additive;
    case 'Star':
    case 'Slash':
    case 'Percent':
      return Level.Multiplicative;
    default:
      return Level.Comparison;
  }
}

/** A flat operator chain being consumed left to right: operand `next`, then operator `next - 1`. */
interface Chain {
  readonly operands: readonly CstNode[];
  readonly operators: readonly IToken[];
  next: number;
}

/**
 * CST → AST for expressions. Lexical problems of literals were already reported by the token pass,
 * so literal decoding here ignores them. Legacy constructs are reported here (they only exist in
 * the CST) and replaced by a placeholder node: a tree with a legacy error is never returned.
 */
export class ExpressionBuilder {
  constructor(private readonly sink: DiagnosticSink) {}

  /** Builds the event filter (`category where cond`) of a query or stage. */
  eventFilterCondition(cst: CstNode): Expression {
    return this.expression(node(cst, 'expression') ?? node(cst, 'bare') ?? cst);
  }

  /** Builds a flat `operand (operator operand)*` chain by precedence climbing. */
  expression(cst: CstNode): Expression {
    const chain: Chain = { operands: nodes(cst, 'operands'), operators: tokens(cst, 'BinaryOp'), next: 0 };
    if (chain.operands.length === 0) return this.placeholder(nodeRange(cst));
    return this.climb(chain, this.operand(chain, Level.Or), Level.Or);
  }

  /** Extends `left` with every following operator that binds at `min` or tighter. */
  private climb(chain: Chain, left: Expression, min: Level): Expression {
    let result = left;
    let comparisons = 0;
    while (chain.next - 1 < chain.operators.length) {
      const op = chain.operators[chain.next - 1];
      if (!op) break;
      const level = operatorLevel(op);
      if (level < min) break;
      const right = this.climb(chain, this.operand(chain, level + 1), level + 1);
      if (level === Level.Comparison) {
        if (++comparisons === 2) {
          this.sink.report(
            DiagnosticCode.ChainedComparison,
            `comparisons cannot be chained: \`${op.image}\` follows another comparison`,
            tokenRange(op),
            'combine two comparisons with `and`, e.g. `a < b and b < c`',
          );
        }
        result = this.comparison(op, result, right);
      } else if (level === Level.Or || level === Level.And) {
        result = { type: 'Logical', op: level === Level.Or ? 'or' : 'and', left: result, right, range: span(result.range, right.range) };
      } else {
        result = { type: 'Arithmetic', op: op.image as ArithmeticOp, left: result, right, range: span(result.range, right.range) };
      }
    }
    return result;
  }

  private comparison(opToken: IToken, left: Expression, right: Expression): Expression {
    let op = opToken.image as ComparisonOp | '=';
    if (op === '=') {
      this.sink.report(
        DiagnosticCode.LegacyAssignEquality,
        '`=` is not an equality operator in Elasticsearch EQL',
        tokenRange(opToken),
        'use `==` (or `:` for a case-insensitive string match)',
      );
      op = '==';
    }
    return { type: 'Comparison', op, left, right, range: span(left.range, right.range) };
  }

  /**
   * The next operand with its prefixes. `not` takes the comparison that follows (so it may only
   * stand where a condition can start); signs take only the predicate. Prefix chains are built
   * in a loop: 10,000 `not` must not recurse.
   */
  private operand(chain: Chain, min: Level): Expression {
    const cst = chain.operands[chain.next] as CstNode;
    chain.next++;
    const prefixes = tokens(cst, 'PrefixOp');
    const predicate = node(cst, 'predicate');
    let firstSign = prefixes.findIndex((p) => p.image !== 'not');
    if (firstSign < 0) firstSign = prefixes.length;
    const misplacedNot = prefixes.slice(firstSign).find((p) => p.image === 'not');
    if (misplacedNot) {
      this.sink.report(
        DiagnosticCode.SyntaxError,
        '`not` cannot follow a sign',
        tokenRange(misplacedNot),
        'put the negated condition in parentheses: `-(not ...)`',
      );
    }
    let value = predicate ? this.predicate(predicate) : this.placeholder(nodeRange(cst));
    for (let i = prefixes.length - 1; i >= firstSign; i--) {
      const sign = prefixes[i] as IToken;
      value = { type: 'Unary', op: sign.image === '-' ? '-' : '+', operand: value, range: [sign.startOffset, value.range[1]] };
    }
    if (firstSign === 0) return value;
    const firstNot = prefixes[0] as IToken;
    if (min > Level.Not) {
      const previous = chain.operators[chain.next - 2];
      this.sink.report(
        DiagnosticCode.SyntaxError,
        `\`not\` cannot follow ${previous ? `\`${previous.image}\`` : 'an operator'}`,
        tokenRange(firstNot),
        'put the negated condition in parentheses: `(not ...)`',
      );
    }
    let result = this.climb(chain, value, Level.Comparison);
    for (let i = firstSign - 1; i >= 0; i--) {
      result = { type: 'Not', operand: result, range: [(prefixes[i] as IToken).startOffset, result.range[1]] };
    }
    return result;
  }

  private predicate(cst: CstNode): Expression {
    const primaryNode = node(cst, 'primary');
    const value = primaryNode ? this.primary(primaryNode) : this.placeholder(nodeRange(cst));
    const range = nodeRange(cst);
    const inToken = token(cst, 'In') ?? token(cst, 'InTilde');
    const listNode = node(cst, 'list');
    if (inToken) {
      return {
        type: 'In',
        value,
        list: listNode ? this.list(listNode) : [],
        caseInsensitive: inToken.image === 'in~',
        negated: token(cst, 'Not') !== undefined,
        range,
      };
    }
    const opToken =
      token(cst, 'Colon') ??
      token(cst, 'LegacyNotColon') ??
      token(cst, 'Like') ??
      token(cst, 'LikeTilde') ??
      token(cst, 'Regex') ??
      token(cst, 'RegexTilde');
    if (!opToken) return value;
    let op = opToken.image as MatchOp | '!:';
    if (op === '!:') {
      this.sink.report(
        DiagnosticCode.LegacyNotColon,
        '`!:` does not exist in Elasticsearch EQL',
        tokenRange(opToken),
        'negate the match instead: `not field : "value"`',
      );
      op = ':';
    }
    const single = node(cst, 'patternValue');
    const patterns = listNode ? this.list(listNode) : single ? [this.patternValue(single)] : [];
    return { type: 'Match', op, value, patterns, list: listNode !== undefined, range };
  }

  private list(cst: CstNode): Expression[] {
    return nodes(cst, 'items').map((c) => this.expression(c));
  }

  private patternValue(cst: CstNode): Expression {
    const literal = token(cst, 'LiteralToken');
    if (literal) return literalOf(literal);
    const call = node(cst, 'call');
    if (call) return this.call(call);
    const field = node(cst, 'field');
    return field ? this.field(field) : this.placeholder(nodeRange(cst));
  }

  private primary(cst: CstNode): Expression {
    const literal = token(cst, 'LiteralToken');
    if (literal) return literalOf(literal);
    const call = node(cst, 'call');
    if (call) return this.call(call);
    const lineage = node(cst, 'lineage');
    if (lineage) {
      const relation = token(lineage, 'Identifier')?.image ?? 'descendant';
      this.sink.report(
        DiagnosticCode.LegacyLineage,
        `Process relationships are not supported (\`${relation} of\`)`,
        nodeRange(lineage),
        'Elasticsearch EQL has no lineage; correlate the events with `sequence by process.entity_id`',
      );
      return this.placeholder(nodeRange(lineage));
    }
    const field = node(cst, 'field');
    if (field) return this.field(field);
    const inner = node(cst, 'expression');
    return inner ? this.expression(inner) : this.placeholder(nodeRange(cst));
  }

  private call(cst: CstNode): FunctionCall {
    const nameToken = token(cst, 'Identifier') ?? token(cst, 'TildeName');
    const written = nameToken?.image ?? '';
    const caseInsensitive = written.endsWith('~');
    const bare = caseInsensitive ? written.slice(0, -1) : written;
    const name = lookupFunction(bare)?.name ?? bare;
    const args = nodes(cst, 'args').map((c) => this.expression(c));
    return { type: 'Call', name, caseInsensitive, args, range: nodeRange(cst) };
  }

  /** A field reference; also used for join keys. */
  field(cst: CstNode): FieldRef {
    for (const bracket of tokens(cst, 'index')) {
      this.sink.report(
        DiagnosticCode.LegacyArrayIndex,
        'Array indexes are not supported',
        [bracket.startOffset, nodeRange(cst)[1]],
        'match any element of a multi-valued field by comparing the field itself',
      );
    }
    const path = tokens(cst, 'segments').map((segment) =>
      segment.tokenType.name === 'QuotedIdentifier' ? segment.image.slice(1, -1).replace(/``/g, '`') : segment.image,
    );
    return { type: 'Field', path, name: path.join('.'), optional: token(cst, 'Question') !== undefined, range: nodeRange(cst) };
  }

  /** Stands in for a node that could not be built (a legacy construct, already reported). */
  private placeholder(range: Range): Expression {
    return { type: 'Null', range };
  }
}

/** A literal token as an AST literal. */
function literalOf(t: IToken): Literal {
  const range = tokenRange(t);
  switch (t.tokenType.name) {
    case 'True':
      return { type: 'Boolean', value: true, range };
    case 'False':
      return { type: 'Boolean', value: false, range };
    case 'Null':
      return { type: 'Null', range };
    case 'Integer':
      return { type: 'Number', ...integerValue(t.image), range };
    case 'Decimal':
      return { type: 'Number', value: Number(t.image), integer: false, range };
    default:
      return { type: 'String', value: stringTokenValue(t), raw: t.tokenType.name === 'RawString', range };
  }
}

/** The decoded value of any string token (problems were reported by the token pass). */
export function stringTokenValue(t: IToken): string {
  const image = t.image;
  switch (t.tokenType.name) {
    case 'RawString':
      return rawStringValue(image);
    case 'LegacyRawString':
      return image.slice(2, -1);
    case 'UnterminatedString':
      return decodeEscapes(image.slice(1), t.startOffset + 1, []);
    default:
      return decodeEscapes(image.slice(1, -1), t.startOffset + 1, []);
  }
}
