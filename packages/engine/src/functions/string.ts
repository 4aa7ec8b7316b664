import { javaString } from '../values.js';
import type { FunctionSpec } from './function-spec.js';

/** `string(v)`: the Java string form (`1`, `2.1828`, `42.0` for a double field, `true`); null → null. */
export const stringFunction: FunctionSpec = {
  name: 'string',
  minArgs: 1,
  maxArgs: 1,
  caseAware: false,
  returns: () => 'string',
  build: (site) => {
    const type = site.args[0]?.type;
    const integral = type === 'int' ? true : type === 'double' ? false : undefined;
    return ([v]) => javaString(v, integral);
  },
};
