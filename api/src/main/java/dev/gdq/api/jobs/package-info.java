/**
 * The job view: every job's state, progress, result keys and timings, folded from {@code generation.events} (and
 * the cancellations topic) by one consumer loop ({@link JobEventsFollower}) into an in-memory {@link JobView}.
 * Every api instance reads both topics in full from the beginning ({@code read_committed}, manual assignment, no
 * consumer group), so all instances answer alike and a restart loses nothing; an instance is ready once it has
 * caught up with the end offsets it saw at start.
 *
 * <p>Job states ({@link JobState}), derived from the task states after every event:
 * <pre>
 *   QUEUED ──first STARTED/PROGRESS──▶ RUNNING ──every task COMPLETED──▶ COMPLETED
 *     │                                  │  └────every task terminal, one FAILED──▶ FAILED
 *     └──────cancellation──▶ CANCELLING ◀┘
 *                               └──every task terminal──▶ CANCELLED (none FAILED, at least one CANCELLED)
 * </pre>
 * A job is terminal once every task has its terminal event; then FAILED if any task failed, else CANCELLED if any
 * was cancelled, else COMPLETED. Results of completed tasks stay available whatever the final state.
 */
package dev.gdq.api.jobs;
