import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../src/slack/bolt-logger.js';

describe('scrubSecrets', () => {
  it('takes tokens, client secrets and OAuth codes out of what Slack libraries log', () => {
    const line = scrubSecrets(
      'http request body: {"code":"123.456.abc","client_id":"1111.2222","client_secret":"s3cr\\"et"} token=xoxb-1-2-abc&x=1 Bearer xoxp-9-9 ?code=abc&state=s',
    );
    expect(line).not.toMatch(/xox[bp]-\d/);
    expect(line).not.toContain('s3cr');
    expect(line).not.toContain('123.456.abc');
    expect(line).toContain('"client_id":"1111.2222"');
    expect(line).toContain('code=[redacted]');
    expect(line).toContain('state=s');
  });
});
