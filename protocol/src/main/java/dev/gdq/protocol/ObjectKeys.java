package dev.gdq.protocol;

import java.util.regex.Pattern;

/**
 * The deterministic object keys of the contract, {@code jobs/{jobId}/{index}.png} and the task manifests, built
 * only from validated identifiers: a job id that could read as a path ({@code ..}, {@code a/b}, {@code %2e%2e},
 * {@code /etc}, a backslash, a control character) or a negative index is refused here, whoever calls.
 */
public final class ObjectKeys {

    /** 1 to 128 ASCII letters, digits, '.', '_' or '-', starting with a letter or a digit (so never "." or ".."). */
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public static final String JOB_ID_RULE = "1 to 128 ASCII letters, digits, '.', '_' or '-', starting with a "
            + "letter or a digit";

    private ObjectKeys() {
    }

    public static boolean isValidJobId(String jobId) {
        return jobId != null && JOB_ID.matcher(jobId).matches();
    }

    /** The key of image {@code imageIndex} (0-based in the job). */
    public static String image(String jobId, long imageIndex) {
        if (imageIndex < 0) {
            throw new IllegalArgumentException("an image index is at least 0, was " + imageIndex);
        }
        return jobPrefix(jobId) + imageIndex + ".png";
    }

    /** The manifest of one task: written after its images, so its presence means the task's images are all stored. */
    public static String taskManifest(String jobId, int taskIndex) {
        if (taskIndex < 0) {
            throw new IllegalArgumentException("a task index is at least 0, was " + taskIndex);
        }
        return jobPrefix(jobId) + "tasks/" + taskIndex + ".json";
    }

    /** The folder of one job's objects. */
    public static String jobPrefix(String jobId) {
        if (!isValidJobId(jobId)) {
            throw new IllegalArgumentException("job id '" + jobId + "' cannot name objects: " + JOB_ID_RULE);
        }
        return "jobs/" + jobId + "/";
    }
}
