import { CstParser, type CstNode, type IToken } from 'chevrotain';
import * as t from './lexer.js';
import { eqlErrorMessages } from './error-messages.js';

/**
 * The EQL grammar as a chevrotain `CstParser`. It is deliberately a little wider than the language
 * Elasticsearch accepts: legacy forms (`join`, `descendant of`, `field[0]`, any pipe name, a bare
 * expression, chained comparisons) parse here so the AST builder can reject them with a precise
 * message instead of a generic syntax error.
 */
class EqlGrammar extends CstParser {
  constructor() {
    super(t.allTokens, {
      recoveryEnabled: true,
      nodeLocationTracking: 'onlyOffset',
      errorMessageProvider: eqlErrorMessages,
      maxLookahead: 3,
    });
    this.performSelfAnalysis();
  }

  statement = this.RULE('statement', () => {
    this.OPTION(() => this.SUBRULE(this.query));
    this.MANY(() => this.SUBRULE(this.pipe));
  });

  query = this.RULE('query', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.sequence) },
      { ALT: () => this.SUBRULE(this.eventFilter) },
    ]);
  });

  /** `sequence`, `sample` and the legacy `join` share one shape; the checker tells them apart. */
  sequence = this.RULE('sequence', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Sequence) },
      { ALT: () => this.CONSUME(t.Sample) },
      { ALT: () => this.CONSUME(t.Join) },
    ]);
    this.MANY(() => this.SUBRULE(this.clause));
    this.AT_LEAST_ONE(() => this.SUBRULE(this.term));
    this.OPTION(() => {
      this.CONSUME(t.Until);
      this.SUBRULE2(this.term, { LABEL: 'until' });
    });
  });

  /** `by k1, k2` or `with name=value`, in any order (the order is checked later). */
  clause = this.RULE('clause', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.byClause) }, { ALT: () => this.SUBRULE(this.withClause) }]);
  });

  byClause = this.RULE('byClause', () => {
    this.CONSUME(t.By);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression) });
  });

  withClause = this.RULE('withClause', () => {
    this.CONSUME(t.With);
    this.CONSUME(t.Identifier, { LABEL: 'key' });
    this.CONSUME(t.Assign);
    this.OPTION(() => this.CONSUME(t.Minus));
    this.CONSUME(t.NumberToken, { LABEL: 'amount' });
    this.OPTION2(() => this.CONSUME2(t.Identifier, { LABEL: 'unit' }));
  });

  term = this.RULE('term', () => {
    this.OR([{ ALT: () => this.CONSUME(t.LBracket) }, { ALT: () => this.CONSUME(t.MissingOpen) }]);
    this.SUBRULE(this.eventFilter);
    this.CONSUME(t.RBracket);
    this.MANY(() => this.SUBRULE(this.clause));
  });

  eventFilter = this.RULE('eventFilter', () => {
    this.OR([
      {
        GATE: () => this.LA(2).tokenType === t.Where,
        ALT: () => {
          this.SUBRULE(this.category);
          this.CONSUME(t.Where);
          this.SUBRULE(this.expression);
        },
      },
      // A bare condition (Python EQL): rejected by the builder.
      { ALT: () => this.SUBRULE2(this.expression, { LABEL: 'bare' }) },
    ]);
  });

  category = this.RULE('category', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Any) },
      { ALT: () => this.CONSUME(t.Identifier) },
      { ALT: () => this.CONSUME(t.StringToken) },
      { ALT: () => this.CONSUME(t.QuotedIdentifier) },
    ]);
  });

  pipe = this.RULE('pipe', () => {
    this.CONSUME(t.PipeBar);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.MANY(() => {
      this.OPTION(() => this.CONSUME(t.Comma));
      this.SUBRULE(this.expression, { LABEL: 'args' });
    });
  });

  /**
   * A flat chain `operand (operator operand)*`; the AST builder applies precedence (EQL-SEMANTICS
   * 3.1) by precedence climbing. One CST level instead of one per precedence level keeps the tree
   * small, which is most of the parsing cost.
   */
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(t.BinaryOp);
      this.SUBRULE2(this.operand, { LABEL: 'operands' });
    });
  });

  /** Prefix operators (`not`, `-`, `+`) and a predicate. */
  operand = this.RULE('operand', () => {
    this.MANY(() => this.CONSUME(t.PrefixOp));
    this.SUBRULE(this.predicate);
  });

  /** A primary with an optional `in`/`:`/`like`/`regex` suffix. */
  predicate = this.RULE('predicate', () => {
    this.SUBRULE(this.primary);
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.OPTION2(() => this.CONSUME(t.Not));
            this.OR2([{ ALT: () => this.CONSUME(t.In) }, { ALT: () => this.CONSUME(t.InTilde) }]);
            this.SUBRULE(this.list);
          },
        },
        {
          ALT: () => {
            this.OR3([
              { ALT: () => this.CONSUME(t.Colon) },
              { ALT: () => this.CONSUME(t.LegacyNotColon) },
              { ALT: () => this.CONSUME(t.Like) },
              { ALT: () => this.CONSUME(t.LikeTilde) },
              { ALT: () => this.CONSUME(t.Regex) },
              { ALT: () => this.CONSUME(t.RegexTilde) },
            ]);
            this.OR4([
              { ALT: () => this.SUBRULE2(this.list) },
              { ALT: () => this.SUBRULE(this.patternValue) },
            ]);
          },
        },
      ]);
    });
  });

  /** A single pattern after `:`/`like`/`regex`; a `(` there always starts a list. */
  patternValue = this.RULE('patternValue', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.LiteralToken) },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.SUBRULE(this.field) },
    ]);
  });

  list = this.RULE('list', () => {
    this.CONSUME(t.LParen);
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'items' }) });
    this.CONSUME(t.RParen);
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.LiteralToken) },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.SUBRULE(this.lineage) },
      { ALT: () => this.SUBRULE(this.field) },
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(t.RParen);
        },
      },
    ]);
  });

  call = this.RULE('call', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Identifier) }, { ALT: () => this.CONSUME(t.TildeName) }]);
    this.CONSUME(t.LParen);
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'args' }) });
    this.CONSUME(t.RParen);
  });

  /** Python EQL lineage (`descendant of [...]`): parsed to be rejected. */
  lineage = this.RULE('lineage', () => {
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Of);
    this.CONSUME(t.LBracket);
    this.SUBRULE(this.eventFilter);
    this.CONSUME(t.RBracket);
  });

  field = this.RULE('field', () => {
    this.OPTION(() => this.CONSUME(t.Question));
    this.CONSUME(t.FieldName, { LABEL: 'segments' });
    // `field[0]` (legacy) only when `[` INTEGER `]` follows, so `by user [process where ...]`
    // stays a sequence stage.
    this.MANY({
      GATE: () =>
        this.LA(1).tokenType === t.Dot ||
        (this.LA(2).tokenType === t.Integer && this.LA(3).tokenType === t.RBracket),
      DEF: () => {
        this.OR([
          {
            ALT: () => {
              this.CONSUME(t.Dot);
              this.CONSUME2(t.FieldName, { LABEL: 'segments' });
            },
          },
          {
            ALT: () => {
              this.CONSUME(t.LBracket, { LABEL: 'index' });
              this.CONSUME(t.Integer);
              this.CONSUME(t.RBracket);
            },
          },
        ]);
      },
    });
  });
}

/** The single reused parser instance (chevrotain parsers are expensive to build). */
export const eqlParser = new EqlGrammar();

/** Runs the grammar over `tokens` from the `statement` or `expression` rule. */
export function parseTokens(tokens: IToken[], entry: 'statement' | 'expression'): CstNode {
  eqlParser.input = tokens;
  return entry === 'statement' ? eqlParser.statement() : eqlParser.expression();
}
