// Jobs in graphile-worker's tables as the reminders use them: a key that keeps one job, the
// count of jobs not tried yet, and the workspace flags a one-workspace worker skips.
import { beforeAll, expect, it } from 'vitest';
import { migrateJobQueue } from '../../../src/db/job-queue.js';
import { countUntriedJobs, enqueueJob, otherWorkspaceFlags, workspaceFlag } from '../../../src/db/queries/jobs.js';
import { silentLogger } from '../../../src/logger.js';
import { describeEachDriver, newTeamId } from '../../support/databases.js';

describeEachDriver('job queries', ({ handle }) => {
  beforeAll(async () => {
    await migrateJobQueue(handle(), silentLogger());
  });

  it('one job per key; counted until tried; other workspaces’ flags only', async () => {
    const [t1, t2] = [newTeamId(), newTeamId()];
    const task = `test-task-${t1}`;
    const job = (team: string, key: string) => ({ task, payload: {}, key: `${team}:${key}`, flags: [workspaceFlag(team)] });
    await enqueueJob(handle().db, { teamId: t1, job: job(t1, 'a') });
    await enqueueJob(handle().db, { teamId: t1, job: job(t1, 'a') });
    await enqueueJob(handle().db, { teamId: t1, job: job(t1, 'b') });
    await enqueueJob(handle().db, { teamId: t2, job: job(t2, 'a') });
    expect(await countUntriedJobs(handle().db, { keyPrefix: `${t1}:` })).toBe(2);
    expect(await countUntriedJobs(handle().db, { keyPrefix: `${t2}:` })).toBe(1);
    expect(await otherWorkspaceFlags(handle().db, { teamId: t1, task })).toEqual([workspaceFlag(t2)]);
    expect(await otherWorkspaceFlags(handle().db, { teamId: t2, task })).toEqual([workspaceFlag(t1)]);
  });
});
