// The local fake Slack for a test file: started before its tests, closed after them, and (when
// asked) emptied of recorded calls before each test.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeSlack } from '../../testing/fake-slack.js';
import type { FakeSlack } from '../../testing/fake-slack.js';

export function useFakeSlack(options: { resetEach?: boolean } = {}): { readonly fake: FakeSlack } {
  let fake: FakeSlack | undefined;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake?.close();
  });
  if (options.resetEach) beforeEach(() => fake!.reset());
  return {
    get fake() {
      if (!fake) throw new Error('the fake Slack is started in beforeAll');
      return fake;
    },
  };
}
