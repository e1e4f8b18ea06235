package dev.gdq.worker.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a worker needs to run. {@link #validate()} names every bad value.
 *
 * @param workerId            unique per worker process; also fixes its Kafka transactional id, so a restarted
 *                            worker with the same id fences its previous incarnation at once
 * @param maxBatchImages      most images in one forward batch
 * @param maxBatchWait        how long a lone task waits for company before its batch starts
 * @param progressInterval    least time between two PROGRESS events of a batch
 * @param transactionTimeout  Kafka transaction timeout: how long a dead worker's open transaction can block
 *                            {@code read_committed} readers
 * @param storageConcurrency  most S3 uploads of one batch in flight at once
 */
public record WorkerSettings(String workerId, String kafkaBootstrapServers, String groupId, List<Path> modelFolders,
                             boolean useGpu, int maxBatchImages, Duration maxBatchWait, Duration progressInterval,
                             Duration transactionTimeout, String s3Endpoint, String s3AccessKey, String s3SecretKey,
                             String s3Bucket, String s3Region, Duration storageRetryInitial, Duration storageRetryMax,
                             int storageConcurrency) {

    public static final String DEFAULT_GROUP = "gdq-workers";
    public static final int DEFAULT_STORAGE_CONCURRENCY = 8;

    public WorkerSettings {
        modelFolders = List.copyOf(modelFolders);
    }

    /** Settings with {@link #DEFAULT_STORAGE_CONCURRENCY} uploads in flight. */
    public WorkerSettings(String workerId, String kafkaBootstrapServers, String groupId, List<Path> modelFolders,
                          boolean useGpu, int maxBatchImages, Duration maxBatchWait, Duration progressInterval,
                          Duration transactionTimeout, String s3Endpoint, String s3AccessKey, String s3SecretKey,
                          String s3Bucket, String s3Region, Duration storageRetryInitial, Duration storageRetryMax) {
        this(workerId, kafkaBootstrapServers, groupId, modelFolders, useGpu, maxBatchImages, maxBatchWait,
                progressInterval, transactionTimeout, s3Endpoint, s3AccessKey, s3SecretKey, s3Bucket, s3Region,
                storageRetryInitial, storageRetryMax, DEFAULT_STORAGE_CONCURRENCY);
    }

    /** Every invalid setting, each naming the setting and the rule; empty when all are valid. */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (workerId == null || !workerId.matches("[A-Za-z0-9._-]{1,100}")) {
            problems.add("workerId: 1 to 100 of [A-Za-z0-9._-], got " + workerId);
        }
        if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()) {
            problems.add("kafkaBootstrapServers: required");
        }
        if (groupId == null || groupId.isBlank()) {
            problems.add("groupId: required");
        }
        if (modelFolders.isEmpty()) {
            problems.add("modelFolders: at least one model folder");
        }
        if (maxBatchImages < 1 || maxBatchImages > 4096) {
            problems.add("maxBatchImages: must be in 1..4096, got " + maxBatchImages);
        }
        if (storageConcurrency < 1 || storageConcurrency > 256) {
            problems.add("storageConcurrency: must be in 1..256, got " + storageConcurrency);
        }
        requirePositive(problems, "maxBatchWait", maxBatchWait, true);
        requirePositive(problems, "progressInterval", progressInterval, false);
        requirePositive(problems, "transactionTimeout", transactionTimeout, false);
        requirePositive(problems, "storageRetryInitial", storageRetryInitial, false);
        requirePositive(problems, "storageRetryMax", storageRetryMax, false);
        if (s3Endpoint == null || !s3Endpoint.matches("https?://.+")) {
            problems.add("s3Endpoint: an http(s) URL, got " + s3Endpoint);
        }
        if (s3AccessKey == null || s3AccessKey.isBlank() || s3SecretKey == null || s3SecretKey.isBlank()) {
            problems.add("s3AccessKey/s3SecretKey: required");
        }
        if (s3Bucket == null || !s3Bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            problems.add("s3Bucket: a valid bucket name, got " + s3Bucket);
        }
        return problems;
    }

    private static void requirePositive(List<String> problems, String name, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            problems.add(name + ": must be " + (zeroAllowed ? "at least 0" : "positive") + ", got " + value);
        }
    }
}
