package dev.gdq.worker.queue;

import dev.gdq.scheduler.plan.BatchKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * Admitted tasks waiting for the sampler, grouped into work units by batch key. A unit is released when its
 * images fill a batch, or when its oldest task has waited {@code maxWait}: full batches for throughput, bounded
 * latency for a lone task.
 */
final class BatchAssembler {

    private final int maxBatchImages;
    private final long maxWaitNanos;
    private final LinkedList<PendingTask> waiting = new LinkedList<>();

    BatchAssembler(int maxBatchImages, Duration maxWait) {
        this.maxBatchImages = maxBatchImages;
        this.maxWaitNanos = maxWait.toNanos();
    }

    void add(PendingTask task) {
        waiting.add(task);
    }

    /** The next unit to run, or null when none is due at {@code nowNanos}. */
    WorkUnit next(long nowNanos) {
        if (waiting.isEmpty()) {
            return null;
        }
        PendingTask oldest = waiting.getFirst();
        BatchKey key = oldest.plan().batchKey();
        List<PendingTask> unit = new ArrayList<>();
        int images = 0;
        for (PendingTask task : waiting) {
            if (task.plan().batchKey().equals(key) && (unit.isEmpty() || images + task.task().imageCount() <= maxBatchImages)) {
                unit.add(task);
                images += task.task().imageCount();
            }
        }
        boolean due = images >= maxBatchImages || nowNanos - oldest.admittedAtNanos() >= maxWaitNanos;
        if (!due) {
            return null;
        }
        waiting.removeAll(unit);
        return new WorkUnit(key, unit);
    }

    /** Removes and returns the waiting tasks of {@code jobId}. */
    List<PendingTask> removeJob(String jobId) {
        List<PendingTask> removed = new ArrayList<>();
        for (Iterator<PendingTask> it = waiting.iterator(); it.hasNext(); ) {
            PendingTask task = it.next();
            if (task.jobId().equals(jobId)) {
                removed.add(task);
                it.remove();
            }
        }
        return removed;
    }

    void removePartitions(Collection<org.apache.kafka.common.TopicPartition> partitions) {
        waiting.removeIf(task -> partitions.contains(task.partition()));
    }

    List<PendingTask> waiting() {
        return List.copyOf(waiting);
    }

    int waitingImages() {
        return waiting.stream().mapToInt(t -> t.task().imageCount()).sum();
    }
}
