import { arithmeticFunctions } from './arithmetic.js';
import { betweenFunction } from './between.js';
import { cidrMatchFunction } from './cidr-match.js';
import { concatFunction } from './concat.js';
import type { FunctionSpec } from './function-spec.js';
import { indexOfFunction } from './index-of.js';
import { lengthFunction } from './length.js';
import { numberFunction } from './number.js';
import { stringFunction } from './string.js';
import { endsWithFunction, startsWithFunction, stringContainsFunction } from './string-tests.js';
import { substringFunction } from './substring.js';

/** Every function Elasticsearch EQL registers, keyed by lowercase name (lookup is case-insensitive). */
const REGISTRY: ReadonlyMap<string, FunctionSpec> = new Map(
  [
    ...arithmeticFunctions,
    betweenFunction,
    cidrMatchFunction,
    concatFunction,
    endsWithFunction,
    indexOfFunction,
    lengthFunction,
    numberFunction,
    startsWithFunction,
    stringFunction,
    stringContainsFunction,
    substringFunction,
  ].map((f) => [f.name.toLowerCase(), f] as const),
);

/** The function registered under this name (any case), or undefined. */
export function lookupFunction(name: string): FunctionSpec | undefined {
  return REGISTRY.get(name.toLowerCase());
}

/** Canonical names of all registered functions. */
export function functionNames(): string[] {
  return [...REGISTRY.values()].map((f) => f.name);
}
