import { MODERN_CONFORMANCE_FILES } from '../parser/shared-queries.js';
import { describeSpecFile } from './run-spec.js';

// The modern Elasticsearch EQL suite (README section 5: 298 queries).
for (const file of MODERN_CONFORMANCE_FILES) describeSpecFile(file);
