package dev.gdq.api.submit;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.JobEvent;
import java.util.List;

/**
 * A job ready to enqueue: its QUEUED event and its tasks, all from one resolved request.
 *
 * @param jobId   the new job id
 * @param tenant  owning tenant
 * @param request the resolved request (seed, tenant, priority set)
 * @param queued  the QUEUED event (carries the request and its digest)
 * @param tasks   the tasks, in index order
 */
public record NewJob(String jobId, String tenant, GenerationRequest request, JobEvent queued,
                     List<GenerationTask> tasks) {

    public NewJob {
        tasks = List.copyOf(tasks);
    }
}
