/** Background jobs for long computations (stress tests over worker threads). */
export { JobManager, type JobManagerOptions } from './JobManager';
export { JobCancelledError, WorkerTaskError, runStressJob } from './stress-runner';
export type { Job, JobControl, JobKind, JobKinds, JobProgress, JobRunOptions, JobStatus, StressJobInput } from './types';
