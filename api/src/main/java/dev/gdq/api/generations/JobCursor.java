package dev.gdq.api.generations;

import dev.gdq.api.problem.ProblemException;
import dev.gdq.api.problem.Problems;
import dev.gdq.api.submit.JobIds;
import dev.gdq.scheduler.plan.Rule;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque paging cursor: the last job id of a page, base64url-encoded. Job ids sort by submission time, so the
 * next page is every older job; jobs submitted meanwhile never shift a page.
 */
final class JobCursor {

    private JobCursor() {
    }

    static String encode(String lastJobId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastJobId.getBytes(StandardCharsets.UTF_8));
    }

    /** The job id of {@code cursor}; 400 when it is not one this api handed out. */
    static String decode(String cursor) {
        try {
            String jobId = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (JobIds.isJobId(jobId)) {
                return jobId;
            }
        } catch (IllegalArgumentException e) {
            // not base64url: reported below
        }
        throw new ProblemException(Problems.invalidParameter("cursor", Rule.UNKNOWN.name(),
                "cursor: not a cursor of this api; pass the nextCursor of the previous page"));
    }
}
