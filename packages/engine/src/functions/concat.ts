import { javaString } from '../values.js';
import type { FunctionSpec } from './function-spec.js';

/**
 * `concat(v, ...)`: the Java string forms joined; any null argument makes the result null.
 * Integers print without decimals, doubles as Java (`2.0`), booleans as `true`/`false`.
 */
export const concatFunction: FunctionSpec = {
  name: 'concat',
  minArgs: 1,
  maxArgs: Infinity,
  caseAware: false,
  returns: () => 'string',
  build: (site) => {
    const integral = site.args.map((a) => (a.type === 'int' ? true : a.type === 'double' ? false : undefined));
    return (args) => {
      let out = '';
      for (let i = 0; i < args.length; i++) {
        const s = javaString(args[i], integral[i]);
        if (s === null) return null;
        out += s;
      }
      return out;
    };
  },
};
