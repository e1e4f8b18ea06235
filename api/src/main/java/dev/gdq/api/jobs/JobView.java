package dev.gdq.api.jobs;

import dev.gdq.protocol.CancellationRequest;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every known job, folded from its events; thread-safe (one lock). Fed by {@link JobEventsFollower} and, for
 * read-your-writes, by the submitting request itself (a QUEUED event or a cancellation applied twice changes
 * nothing). Reads are by tenant: a job of another tenant does not exist for the caller.
 */
public final class JobView {

    /** Cancellations seen before their job's QUEUED event, kept at most this many. */
    static final int MAX_PENDING_CANCELLATIONS = 10_000;

    private final Map<String, JobRecord> jobs = new HashMap<>();
    private final Map<String, NavigableMap<String, JobRecord>> jobsByTenant = new HashMap<>();
    private final Map<TenantKey, JobRecord> jobsByIdempotencyKey = new HashMap<>();
    private final Map<String, CancellationRequest> pendingCancellations = new LinkedHashMap<>();
    private long unknownJobEvents;

    /**
     * Applies an event of the events topic. A QUEUED event creates the job (again: ignored); other events of a job
     * the view does not know (its QUEUED event is gone or was never produced by an api) are counted and dropped.
     */
    public synchronized void apply(JobEvent event) {
        if (event.type() == JobEventType.QUEUED) {
            if (!jobs.containsKey(event.jobId())) {
                add(event);
            }
            return;
        }
        JobRecord job = jobs.get(event.jobId());
        if (job == null) {
            unknownJobEvents++;
            return;
        }
        job.apply(event);
    }

    /** Applies a record of the cancellations topic. */
    public synchronized void apply(CancellationRequest cancellation) {
        JobRecord job = jobs.get(cancellation.jobId());
        if (job == null) {
            pendingCancellations.put(cancellation.jobId(), cancellation);
            if (pendingCancellations.size() > MAX_PENDING_CANCELLATIONS) {
                Iterator<String> oldest = pendingCancellations.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            return;
        }
        if (cancellation.tenant() == null || cancellation.tenant().equals(job.tenant)) {
            job.requestCancellation(cancellation);
        }
    }

    private void add(JobEvent queued) {
        JobRecord job = JobRecord.fromQueued(queued);
        if (job == null) {
            unknownJobEvents++;
            return;
        }
        jobs.put(job.jobId, job);
        jobsByTenant.computeIfAbsent(job.tenant, tenant -> new TreeMap<>()).put(job.jobId, job);
        if (job.idempotencyKey() != null) {
            jobsByIdempotencyKey.putIfAbsent(new TenantKey(job.tenant, job.idempotencyKey()), job);
        }
        CancellationRequest early = pendingCancellations.remove(job.jobId);
        if (early != null) {
            apply(early);
        }
    }

    /** The tenant's job with its images, or empty (unknown, or another tenant's). */
    public synchronized Optional<JobSnapshot> find(String tenant, String jobId) {
        JobRecord job = jobs.get(jobId);
        if (job == null || !job.tenant.equals(tenant)) {
            return Optional.empty();
        }
        return Optional.of(job.snapshot(true));
    }

    /** The tenant's job submitted with {@code idempotencyKey}, without images. */
    public synchronized Optional<JobSnapshot> findByIdempotencyKey(String tenant, String idempotencyKey) {
        JobRecord job = jobsByIdempotencyKey.get(new TenantKey(tenant, idempotencyKey));
        return job == null ? Optional.empty() : Optional.of(job.snapshot(false));
    }

    /**
     * A page of the tenant's jobs, newest first (job ids sort by submission time), without images.
     *
     * @param states         states to include; empty for all
     * @param afterJobId     continue after this job id (the previous page's {@link JobPage#lastJobId()}), or null
     * @param limit          page size, at least 1
     */
    public synchronized JobPage list(String tenant, Set<JobState> states, String afterJobId, int limit) {
        NavigableMap<String, JobRecord> own = jobsByTenant.getOrDefault(tenant, new TreeMap<>());
        NavigableMap<String, JobRecord> older = afterJobId == null ? own.descendingMap()
                : own.headMap(afterJobId, false).descendingMap();
        List<JobSnapshot> page = new ArrayList<>(limit);
        boolean more = false;
        for (JobRecord job : older.values()) {
            if (!states.isEmpty() && !states.contains(job.state())) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(job.snapshot(false));
        }
        return new JobPage(page, more ? page.get(page.size() - 1).jobId() : null);
    }

    /**
     * Replays the job's log after {@code afterSequence} to {@code listener} and keeps it informed until the job is
     * terminal. Empty when the tenant has no such job.
     *
     * @return what stops following (idempotent)
     */
    public synchronized Optional<AutoCloseable> follow(String tenant, String jobId, long afterSequence,
                                                       JobListener listener) {
        JobRecord job = jobs.get(jobId);
        if (job == null || !job.tenant.equals(tenant)) {
            return Optional.empty();
        }
        Runnable stop = job.follow(afterSequence, listener);
        return Optional.of(() -> {
            synchronized (this) {
                stop.run();
            }
        });
    }

    /** Forgets terminal jobs that finished before {@code cutoff}; returns how many. */
    public synchronized int forgetFinishedBefore(Instant cutoff) {
        int forgotten = 0;
        Iterator<JobRecord> all = jobs.values().iterator();
        while (all.hasNext()) {
            JobRecord job = all.next();
            if (job.state().isTerminal() && job.finishedAt() != null && job.finishedAt().isBefore(cutoff)) {
                all.remove();
                NavigableMap<String, JobRecord> own = jobsByTenant.get(job.tenant);
                own.remove(job.jobId);
                if (own.isEmpty()) {
                    jobsByTenant.remove(job.tenant);
                }
                if (job.idempotencyKey() != null) {
                    jobsByIdempotencyKey.remove(new TenantKey(job.tenant, job.idempotencyKey()), job);
                }
                job.finishListeners();
                forgotten++;
            }
        }
        return forgotten;
    }

    /** Jobs by state, every state present (for gauges). */
    public synchronized Map<JobState, Integer> countByState() {
        Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0);
        }
        jobs.values().forEach(job -> counts.merge(job.state(), 1, Integer::sum));
        return counts;
    }

    public synchronized int size() {
        return jobs.size();
    }

    /** Events dropped because their job is unknown. */
    public synchronized long unknownJobEvents() {
        return unknownJobEvents;
    }

    private record TenantKey(String tenant, String key) {
    }
}
