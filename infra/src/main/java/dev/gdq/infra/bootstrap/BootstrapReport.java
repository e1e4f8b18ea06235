package dev.gdq.infra.bootstrap;

import java.util.List;

/**
 * What a bootstrap run did.
 *
 * @param topicsCreated  topics that did not exist and were created
 * @param topicsExisting topics that existed already and were left as they were
 * @param bucket         the bucket
 * @param bucketCreated  whether the bucket was created by this run
 */
public record BootstrapReport(List<String> topicsCreated, List<String> topicsExisting, String bucket,
                              boolean bucketCreated) {

    public BootstrapReport {
        topicsCreated = List.copyOf(topicsCreated);
        topicsExisting = List.copyOf(topicsExisting);
    }

    /** One line for logs. */
    public String summary() {
        return "topics created " + topicsCreated + ", already there " + topicsExisting + "; bucket " + bucket
                + (bucketCreated ? " created" : " already there");
    }
}
