import { describe, expect, it } from 'vitest';
import { eqlLexer } from './lexer.js';

function kinds(text: string): string[] {
  const result = eqlLexer.tokenize(text);
  expect(result.errors).toEqual([]);
  return result.tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

describe('lexer', () => {
  it('keeps identifiers that start with a keyword whole', () => {
    expect(kinds('index inx android notes')).toEqual(['Identifier:index', 'Identifier:inx', 'Identifier:android', 'Identifier:notes']);
  });

  it('lexes case-insensitive operators and function names with ~', () => {
    expect(kinds('in~ like~ regex~ startsWith~ inx~')).toEqual([
      'InTilde:in~',
      'LikeTilde:like~',
      'RegexTilde:regex~',
      'TildeName:startsWith~',
      'TildeName:inx~',
    ]);
  });

  it('lexes keywords in lowercase only', () => {
    expect(kinds('and AND True null')).toEqual(['And:and', 'Identifier:AND', 'Identifier:True', 'Null:null']);
  });

  it('splits a maxspan into an integer and a unit', () => {
    expect(kinds('maxspan=30s')).toEqual(['Identifier:maxspan', 'Assign:=', 'Integer:30', 'Identifier:s']);
  });

  it('lexes legacy tokens so they can be rejected precisely', () => {
    expect(kinds(`'a' ?"b" ?'c' !: ![`)).toEqual([
      "SingleQuotedString:'a'",
      'LegacyRawString:?"b"',
      "LegacyRawString:?'c'",
      'LegacyNotColon:!:',
      'MissingOpen:![',
    ]);
  });

  it('ends a raw string at the first triple quote, keeping up to two extra quotes', () => {
    expect(kinds('"""a"""""  """b"""')).toEqual(['RawString:"""a"""""', 'RawString:"""b"""']);
  });

  it('lexes an unclosed string as one token to report', () => {
    expect(kinds('"abc')).toEqual(['UnterminatedString:"abc']);
  });
});
