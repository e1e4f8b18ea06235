package dev.gdq.api.submit;

import dev.gdq.api.config.ApiConfig;
import dev.gdq.api.jobs.JobSnapshot;
import dev.gdq.api.jobs.JobView;
import dev.gdq.api.kafka.QueueUnavailableException;
import dev.gdq.api.problem.LineProblem;
import dev.gdq.api.problem.ProblemException;
import dev.gdq.api.problem.Problems;
import dev.gdq.scheduler.plan.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Submits single requests and JSONL batches: read and validate every request, settle idempotency keys against the
 * job view, enqueue the new jobs in one transaction, then apply their QUEUED events to the view so the caller can
 * read its job at once.
 *
 * <p>Idempotency: a key is scoped to the tenant. The same key with the same request (same {@link RequestDigest})
 * gives the earlier job; with another request it is a conflict. Keys are known from the QUEUED events, so they
 * survive restarts for as long as the job is in the view.
 */
public final class JobSubmitter {

    private static final Logger LOG = Logger.getLogger(JobSubmitter.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final RequestReader reader;
    private final JobFactory factory;
    private final JobQueue queue;
    private final JobView view;
    private final SubmissionMetrics metrics;
    private final ApiConfig.Limits limits;
    private final JobIds ids;
    private final IdempotencyLocks locks = new IdempotencyLocks();

    public JobSubmitter(RequestReader reader, JobFactory factory, JobQueue queue, JobView view,
                        SubmissionMetrics metrics, ApiConfig.Limits limits, JobIds ids) {
        this.reader = reader;
        this.factory = factory;
        this.queue = queue;
        this.view = view;
        this.metrics = metrics;
        this.limits = limits;
        this.ids = ids;
    }

    /**
     * The job of one request: created, or the earlier one of the same idempotency key and request.
     *
     * @param job     the job as the view now has it
     * @param created false when an earlier job was returned
     */
    public record Submission(JobSnapshot job, boolean created) {
    }

    /**
     * @throws ProblemException 400 (invalid), 413 (too large), 409 (idempotency conflict), 503 (queue unavailable)
     */
    public Submission submit(String tenant, byte[] body, Optional<String> idempotencyKey) {
        ReadRequest read;
        try {
            read = reader.read(body, tenant, idempotencyKey);
        } catch (ProblemException e) {
            metrics.rejected(e.problem().status());
            throw e;
        }
        Admission admission = admit(tenant, List.of(read), "single").get(0);
        if (admission instanceof Admission.Conflict conflict) {
            metrics.rejected(409);
            throw new ProblemException(Problems.idempotencyConflict(conflict.idempotencyKey(), conflict.jobId()));
        }
        JobSnapshot job = view.find(tenant, admission.jobId()).orElseThrow(() -> new IllegalStateException(
                "job " + admission.jobId() + " was admitted but is not in the view"));
        return new Submission(job, admission instanceof Admission.Created);
    }

    /**
     * Every line of a JSONL body on its own: valid lines become jobs (all of them in one transaction), invalid ones
     * are reported with their line number.
     *
     * @throws ProblemException 413 when the body is too large, 400 when it has no line or too many
     */
    public BatchResult submitBatch(String tenant, byte[] body) {
        if (body.length > limits.maxBatchBytes()) {
            metrics.rejected(413);
            throw new ProblemException(Problems.payloadTooLarge(body.length, limits.maxBatchBytes()));
        }
        List<JsonLines.Line> lines = JsonLines.split(body);
        if (lines.isEmpty()) {
            metrics.rejected(400);
            throw new ProblemException(Problems.invalidParameter("", Rule.REQUIRED.name(),
                    "the body has no request line; send one JSON generation request per line"));
        }
        if (lines.size() > limits.maxBatchLines()) {
            metrics.rejected(400);
            throw new ProblemException(Problems.invalidParameter("", Rule.OUT_OF_RANGE.name(), "the body has "
                    + lines.size() + " request lines; at most " + limits.maxBatchLines() + " per batch"));
        }
        List<BatchResult.LineOutcome> outcomes = new ArrayList<>(lines.size());
        List<ReadRequest> reads = new ArrayList<>();
        List<Integer> readLines = new ArrayList<>();
        for (JsonLines.Line line : lines) {
            try {
                reads.add(reader.read(line.bytes(), tenant, Optional.empty()));
                readLines.add(line.number());
                outcomes.add(null);
            } catch (ProblemException e) {
                metrics.rejected(e.problem().status());
                outcomes.add(new BatchResult.LineOutcome.Rejected(line.number(),
                        LineProblem.of(line.number(), e.problem())));
            }
        }
        List<Admission> admissions = reads.isEmpty() ? List.of() : admit(tenant, reads, "batch");
        for (int i = 0, next = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) != null) {
                continue;
            }
            int line = readLines.get(next);
            Admission admission = admissions.get(next++);
            outcomes.set(i, outcomeOf(line, admission));
        }
        return new BatchResult(ids.nextBatchId(), lines.size(), outcomes);
    }

    private BatchResult.LineOutcome outcomeOf(int line, Admission admission) {
        if (admission instanceof Admission.Created created) {
            return new BatchResult.LineOutcome.Queued(line, created.jobId());
        }
        if (admission instanceof Admission.Replayed replayed) {
            return new BatchResult.LineOutcome.Replayed(line, replayed.jobId());
        }
        Admission.Conflict conflict = (Admission.Conflict) admission;
        metrics.rejected(409);
        return new BatchResult.LineOutcome.Rejected(line, LineProblem.of(line,
                Problems.idempotencyConflict(conflict.idempotencyKey(), conflict.jobId())));
    }

    /** Settles idempotency keys, then enqueues every new job in one transaction and applies it to the view. */
    private List<Admission> admit(String tenant, List<ReadRequest> reads, String source) {
        List<String> keys = reads.stream().map(ReadRequest::idempotencyKey).filter(Objects::nonNull).toList();
        IdempotencyLocks.Held held = locks.lock(tenant, keys);
        try {
            Map<String, Prior> known = new HashMap<>();
            List<NewJob> fresh = new ArrayList<>();
            List<Admission> admissions = new ArrayList<>(reads.size());
            for (ReadRequest read : reads) {
                String key = read.idempotencyKey();
                Prior prior = key == null ? null : known.computeIfAbsent(key, k -> view.findByIdempotencyKey(tenant, k)
                        .map(job -> new Prior(job.jobId(), job.requestDigest())).orElse(null));
                if (prior != null) {
                    if (prior.digest().equals(read.digest())) {
                        metrics.replayed();
                        admissions.add(new Admission.Replayed(prior.jobId()));
                    } else {
                        admissions.add(new Admission.Conflict(key, prior.jobId()));
                    }
                    continue;
                }
                NewJob job = factory.create(read);
                fresh.add(job);
                admissions.add(new Admission.Created(job.jobId()));
                if (key != null) {
                    known.put(key, new Prior(job.jobId(), read.digest()));
                }
            }
            enqueue(fresh, source);
            return admissions;
        } finally {
            held.close();
        }
    }

    private void enqueue(List<NewJob> jobs, String source) {
        if (jobs.isEmpty()) {
            return;
        }
        try {
            queue.enqueue(jobs);
        } catch (QueueUnavailableException e) {
            LOG.warnf("enqueueing %d job(s) failed: %s", jobs.size(), e.getMessage());
            jobs.forEach(job -> metrics.rejected(503));
            throw new ProblemException(Problems.unavailable("the job queue is unavailable; nothing was enqueued, "
                    + "retry later", RETRY_AFTER), e);
        }
        for (NewJob job : jobs) {
            view.apply(job.queued());
            metrics.accepted(source, job.request().imageCount());
            LOG.debugf("enqueued %s: %d images in %d tasks for %s", job.jobId(), job.request().imageCount(),
                    job.tasks().size(), job.tenant());
        }
    }

    /** An earlier job of an idempotency key. */
    private record Prior(String jobId, String digest) {
    }
}
