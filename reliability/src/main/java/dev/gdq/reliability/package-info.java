/**
 * The fault suite: a real broker and S3 server that can be stopped and restarted
 * ({@link dev.gdq.reliability.FaultBed}), real worker JVMs that can be killed with SIGKILL
 * ({@link dev.gdq.reliability.WorkerProcess}), jobs and poison records produced straight onto the requests topic
 * ({@link dev.gdq.reliability.Workload}), and a checker that derives the figures from the committed topics and the
 * bucket alone ({@link dev.gdq.reliability.FaultChecker}), never from the workers' own counters.
 */
package dev.gdq.reliability;
