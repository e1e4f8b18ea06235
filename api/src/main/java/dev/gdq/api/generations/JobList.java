package dev.gdq.api.generations;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of the caller's jobs, newest first.
 *
 * @param items      the jobs (without images)
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
 */
@Schema(name = "JobList")
public record JobList(List<JobResponse> items, String nextCursor) {
}
