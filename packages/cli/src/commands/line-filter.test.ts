import { parse } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { lineRouterFor, routeEntries } from './line-filter.js';

const source = (query: string) => {
  const { ast } = parse(query);
  if (!ast) throw new Error(query);
  return { statement: ast };
};

const SOURCES = [
  source('any where event.action == "login"'),
  source('sequence by user [any where event.action == "deny"] [any where event.action == "sso"] until [any where event.action == "logout"]'),
  source('sequence by user [any where event.action == "scan"] [any where true]'),
];

const line = (action: string) => JSON.stringify({ '@timestamp': '2026-03-02T08:00:00.000Z', user: 'ann', event: { action } });

describe('routeEntries', () => {
  it('gives a rule one entry, and a sequence one per term, until last; a term needing nothing none', () => {
    const entries = routeEntries(SOURCES, true);
    expect([...entries.rule]).toEqual([0, 1, 1, 1, 2, 2]);
    expect([...entries.term]).toEqual([-1, 0, 1, 2, 0, 1]);
    expect(entries.specs.map((s) => s?.terms.flatMap((t) => t.groups.flat().map((n) => n.text)))).toEqual([['login'], ['deny'], ['sso'], ['logout'], ['scan'], undefined]);
    // Without per-term routing, one entry per rule.
    expect([...routeEntries(SOURCES, false).term]).toEqual([-1, -1, -1]);
  });
});

describe('lineRouterFor', () => {
  it('asks the probe about term entries only, and leaves a line no rule takes unparsed', () => {
    const asked: string[] = [];
    const router = lineRouterFor(SOURCES, [], (rule, term) => {
      asked.push(`${rule}:${term}`);
      return rule === 1 && term === 1;
    });
    if (!router) throw new Error('no router');
    // The first stage and event queries are taken without asking; rule 2's second term takes
    // every line, and its rule has nothing waiting.
    expect(router.atTurn(line('login'), undefined)).toEqual([0]);
    expect(asked).toEqual(['2:1']);
    asked.length = 0;
    expect(router.atTurn(line('sso'), undefined)).toEqual([2]);
    expect(asked).toEqual(['1:1', '2:1']);
    expect(router.atTurn(line('logout'), undefined)).toBeUndefined();
    // An escape that could hide a needle: every rule.
    expect(router.atTurn(line('logout').replace('logout', 'log\\u006fut'), undefined)).toBeNull();
    // The event remembers the rules of its entries, once each, ascending.
    const event = {};
    router.annotate(event, line('deny'), [1, 2, 5]);
    expect(router.candidates(event)).toEqual([1, 2]);
  });

  it('without a probe, routes by rule: a line of no rule is not taken', () => {
    const router = lineRouterFor(SOURCES.slice(0, 2), []);
    if (!router) throw new Error('no router');
    expect(router.atTurn(line('sso'), undefined)).toEqual([1]);
    expect(router.atTurn(line('other'), undefined)).toBeUndefined();
    expect(router.route(line('other'))).toEqual([]);
  });
});
