import { describeSpecFile } from './run-spec.js';

// The modern Elasticsearch EQL suite (README section 5: 298 queries).
for (const file of [
  'test_queries.toml',
  'additional_test_queries.toml',
  'test_queries_date.toml',
  'test_extra.toml',
  'test_missing_events.toml',
  'test_sample.toml',
  'test_sample_multi.toml',
]) {
  describeSpecFile(file);
}
