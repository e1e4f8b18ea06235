package dev.gdq.worker.queue;

import dev.gdq.scheduler.plan.BatchKey;
import java.util.List;

/** Tasks sampled together: they share a batch key. Their images run in batches of at most the batch size. */
record WorkUnit(BatchKey key, List<PendingTask> tasks) {

    WorkUnit {
        tasks = List.copyOf(tasks);
    }

    int images() {
        return tasks.stream().mapToInt(t -> t.task().imageCount()).sum();
    }
}
