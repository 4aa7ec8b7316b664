import { describe, expect, it } from 'vitest';
import { parse } from './parse.js';

const messages = (query: string) => parse(query).diagnostics.map((d) => d.message);

describe('syntax error messages speak EQL', () => {
  it('says `where` is missing after a category', () => {
    expect(messages('process x == 1')).toEqual(['expected `where` after the event category `process` but found `x`']);
  });

  it('says a query is expected when the text starts with something else', () => {
    expect(messages('where x == 1')).toEqual(['expected a query (`category where ...`, `sequence` or `sample`) but found `where`']);
  });

  it('names the bracket that is missing', () => {
    expect(messages('sequence [process where x == 1')).toEqual(['expected `]` to close the stage but found end of query']);
    expect(messages('process where (x == 1')).toEqual(['expected `)` to close the parenthesis but found end of query']);
  });

  it('asks for a stage after sequence keys', () => {
    expect(messages('sequence by a')).toEqual(['expected a stage `[category where ...]` but found end of query']);
  });

  it('asks for a comma or a closing parenthesis inside lists and calls', () => {
    expect(messages('any where x in ("a" "b")')).toEqual(['expected `,` or `)` but found `"b"`']);
  });

  it('asks for a pipe name', () => {
    expect(messages('any where x | ')).toEqual(['expected a pipe name (`head` or `tail`) but found end of query']);
  });

  it('says where `not` may not stand', () => {
    expect(messages('any where a == not b')).toEqual(['`not` cannot follow `==`']);
    expect(messages('any where -not a')).toEqual(['`not` cannot follow a sign']);
    expect(messages('any where a == (not true)')).toEqual([]);
  });

  it('never mentions chevrotain token type names', () => {
    for (const query of ['process where x in 1', 'sequence with maxspan [a where true]', 'any where x == ', 'any where f(,)']) {
      for (const message of messages(query)) expect(message).not.toMatch(/LParen|RParen|Identifier|NumberToken|-->/);
    }
  });
});
