package dev.gdq.api.jobs;

import java.util.List;

/**
 * A page of a tenant's jobs, newest first.
 *
 * @param jobs      the jobs of the page (without images)
 * @param lastJobId the id to continue after, or null when this is the last page
 */
public record JobPage(List<JobSnapshot> jobs, String lastJobId) {

    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
