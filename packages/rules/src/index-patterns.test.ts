import { describe, expect, it } from 'vitest';
import { indexMatcher } from './index-patterns.js';

describe('indexMatcher', () => {
  const okta = indexMatcher(['filebeat-*', 'logs-okta*']);

  it('matches wildcard patterns', () => {
    expect(okta('logs-okta.system-default')).toBe(true);
    expect(okta('filebeat-8.12.0-2024.03.05')).toBe(true);
    expect(okta('logs-azure.signinlogs-default')).toBe(false);
  });

  it('matches a data stream backing index through the stream name', () => {
    expect(okta('.ds-logs-okta.system-default-2024.03.05-000001')).toBe(true);
  });

  it('applies exclusions in order', () => {
    const m = indexMatcher(['logs-*', '-logs-okta*']);
    expect(m('logs-aws-default')).toBe(true);
    expect(m('logs-okta.system-default')).toBe(false);
  });

  it('treats regex characters in patterns literally', () => {
    expect(indexMatcher(['a.b'])('axb')).toBe(false);
  });
});
