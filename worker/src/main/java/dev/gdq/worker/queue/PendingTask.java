package dev.gdq.worker.queue;

import dev.gdq.protocol.GenerationTask;
import dev.gdq.scheduler.plan.SamplingPlan;
import org.apache.kafka.common.TopicPartition;

/** An admitted task with where it came from, waiting for or inside a batch. */
public record PendingTask(TopicPartition partition, long offset, GenerationTask task, SamplingPlan plan,
                          long admittedAtNanos) {

    public String jobId() {
        return task.jobId();
    }
}
