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

  expression(cst: CstNode): Expression {
    return this.logical(cst, 'or', (c) => this.andExpression(c));
  }

  private andExpression(cst: CstNode): Expression {
    return this.logical(cst, 'and', (c) => this.notExpression(c));
  }

  private logical(cst: CstNode, op: 'and' | 'or', operand: (c: CstNode) => Expression): Expression {
    const operands = nodes(cst, 'operands');
    const first = operands[0];
    if (!first) return this.placeholder(nodeRange(cst));
    let result = operand(first);
    for (let i = 1; i < operands.length; i++) {
      const right = operand(operands[i] as CstNode);
      result = { type: 'Logical', op, left: result, right, range: span(result.range, right.range) };
    }
    return result;
  }

  private notExpression(cst: CstNode): Expression {
    const comparison = node(cst, 'comparison');
    let result = comparison ? this.comparison(comparison) : this.placeholder(nodeRange(cst));
    const nots = tokens(cst, 'Not');
    for (let i = nots.length - 1; i >= 0; i--) {
      const start = (nots[i] as IToken).startOffset;
      result = { type: 'Not', operand: result, range: [start, result.range[1]] };
    }
    return result;
  }

  private comparison(cst: CstNode): Expression {
    const operands = nodes(cst, 'operands').map((c) => this.additive(c));
    const ops = tokens(cst, 'CompareOp');
    let result = operands[0] ?? this.placeholder(nodeRange(cst));
    for (let i = 0; i < ops.length; i++) {
      const opToken = ops[i] as IToken;
      const right = operands[i + 1] ?? this.placeholder(tokenRange(opToken));
      if (i === 1) {
        this.sink.report(
          DiagnosticCode.ChainedComparison,
          `comparisons cannot be chained: \`${opToken.image}\` follows another comparison`,
          tokenRange(opToken),
          'combine two comparisons with `and`, e.g. `a < b and b < c`',
        );
      }
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
      result = { type: 'Comparison', op, left: result, right, range: span(result.range, right.range) };
    }
    return result;
  }

  private additive(cst: CstNode): Expression {
    return this.arithmetic(cst, 'AdditiveOp', (c) => this.multiplicative(c));
  }

  private multiplicative(cst: CstNode): Expression {
    return this.arithmetic(cst, 'MultiplicativeOp', (c) => this.unary(c));
  }

  private arithmetic(cst: CstNode, opName: string, operand: (c: CstNode) => Expression): Expression {
    const operands = nodes(cst, 'operands').map(operand);
    const ops = tokens(cst, opName);
    let result = operands[0] ?? this.placeholder(nodeRange(cst));
    for (let i = 0; i < ops.length; i++) {
      const right = operands[i + 1] ?? this.placeholder(tokenRange(ops[i] as IToken));
      const op = (ops[i] as IToken).image as ArithmeticOp;
      result = { type: 'Arithmetic', op, left: result, right, range: span(result.range, right.range) };
    }
    return result;
  }

  private unary(cst: CstNode): Expression {
    const predicate = node(cst, 'predicate');
    let result = predicate ? this.predicate(predicate) : this.placeholder(nodeRange(cst));
    const signs = tokens(cst, 'AdditiveOp');
    for (let i = signs.length - 1; i >= 0; i--) {
      const sign = signs[i] as IToken;
      result = { type: 'Unary', op: sign.image === '-' ? '-' : '+', operand: result, range: [sign.startOffset, result.range[1]] };
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
