import { parse } from '@eqlkit/parser';
import type { QueryChecker } from './load-rule.js';

/** The default query check: `@eqlkit/parser`'s parse and semantic checks. */
export const parserQueryCheck: QueryChecker = (query) => parse(query);
