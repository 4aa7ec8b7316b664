import { EngineCodes, fail } from '../errors.js';
import { cidrContains, parseCidr, parseIp, type Cidr } from '../ip.js';
import type { CallSite, FunctionSpec } from './function-spec.js';

/** Parse the constant CIDR arguments of a call (errors point at the offending argument). */
export function cidrArguments(site: CallSite): Cidr[] {
  return site.args.slice(1).map((arg) => {
    if (!arg.constant || typeof arg.value !== 'string') {
      fail(EngineCodes.InvalidArgument, 'the CIDR arguments of [cidrMatch] must be string constants', arg.range);
    }
    const cidr = parseCidr(arg.value);
    if (!cidr) fail(EngineCodes.InvalidCidr, `invalid CIDR block [${arg.value}]`, arg.range);
    return cidr;
  });
}

/** True when the address is inside one of the blocks; null for a null address, false for a non-address. */
export function cidrMatch(ip: unknown, cidrs: readonly Cidr[]): boolean | null {
  if (ip === null || ip === undefined) return null;
  const bytes = parseIp(ip);
  if (!bytes) return false;
  return cidrs.some((c) => cidrContains(c, bytes));
}

/** `cidrMatch(ip, cidr, ...)`: IPv4 and IPv6, any number of constant blocks. */
export const cidrMatchFunction: FunctionSpec = {
  name: 'cidrMatch',
  minArgs: 2,
  maxArgs: Infinity,
  caseAware: false,
  returns: () => 'boolean',
  build: (site) => {
    const cidrs = cidrArguments(site);
    return ([ip]) => cidrMatch(ip, cidrs);
  },
};
