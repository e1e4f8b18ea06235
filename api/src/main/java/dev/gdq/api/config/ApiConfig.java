package dev.gdq.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * {@code gdq.api.*}. Environment variables override each key the usual way ({@code GDQ_API_MAX_IMAGES_PER_TASK},
 * {@code GDQ_API_LIMITS_MAX_IMAGES}, ...). The constraints are checked at start-up: a value out of range stops the
 * api with an error naming the key and the rule.
 */
@ConfigMapping(prefix = "gdq.api")
public interface ApiConfig {

    /**
     * API keys, each mapped to its tenant: {@code gdq.api.keys."<key>"=<tenant>}. None by default: every request
     * is then 401. See also {@link #keysFile()}.
     */
    Map<String, String> keys();

    /** A properties file of more keys ({@code <key>=<tenant>} per line), e.g. a mounted secret. */
    Optional<Path> keysFile();

    /** Most images in one task: the worker's batch size. A job of n images becomes ceil(n / this) tasks. */
    @Min(1) @Max(4096)
    @WithDefault("16")
    int maxImagesPerTask();

    /** Priority of a request that gives none (0..9). */
    @Min(0) @Max(9)
    @WithDefault("5")
    int defaultPriority();

    /** How long a presigned image URL stays valid (at most 7 days, the SigV4 limit). */
    @WithDefault("PT1H")
    Duration resultUrlExpiry();

    /**
     * Name of this api instance, used in the Kafka transactional ids ({@code gdq-api-<id>-<n>}). Give each
     * instance a stable, unique one (e.g. a StatefulSet pod name) so a restarted instance aborts the open
     * transactions of its predecessor at once; absent, a random one is used and such transactions time out.
     */
    Optional<String> instanceId();

    Limits limits();

    Kafka kafka();

    View view();

    /** Request limits; anything above them is refused before validation or with a violation. */
    interface Limits {

        /** Largest body of {@code POST /v1/generations}, and of one line of a batch, in bytes. */
        @Positive
        @WithDefault("65536")
        int maxRequestBytes();

        /** Largest body of {@code POST /v1/batches}, in bytes. */
        @Positive
        @WithDefault("8388608")
        int maxBatchBytes();

        /**
         * Most bytes of a refused oversized body read and dropped after its 413, so that a client that writes the
         * whole body before reading (the JDK's HttpClient, for one) reads the answer instead of a reset
         * connection; a longer body has its connection closed once this much is dropped (Tomcat's maxSwallowSize).
         */
        @PositiveOrZero
        @WithDefault("2097152")
        int maxDiscardedBytes();

        /** Most request lines in one batch. */
        @Positive
        @WithDefault("1000")
        int maxBatchLines();

        /** Most images one request may ask for. */
        @Positive
        @WithDefault("10000")
        int maxImages();

        /** Most sampling steps (the model's T caps them as well). */
        @Positive
        @WithDefault("1000")
        int maxSteps();

        /** Largest guidance scale any step may have. */
        @Positive
        @WithDefault("30")
        double maxGuidanceScale();

        /** Most labels on a request; keys at most 64 characters, values at most 256. */
        @PositiveOrZero
        @WithDefault("32")
        int maxLabels();

        /** Longest Idempotency-Key. */
        @Positive
        @WithDefault("255")
        int maxIdempotencyKeyLength();

        /** Page size of {@code GET /v1/generations} when none is given. */
        @Positive
        @WithDefault("20")
        int defaultPageSize();

        /** Largest page size of {@code GET /v1/generations}. */
        @Positive
        @WithDefault("100")
        int maxPageSize();
    }

    /** Kafka clients of the api ({@code kafka.*} keys pass through to every client, e.g. security settings). */
    interface Kafka {

        /** Transactional producers enqueueing jobs in parallel; each runs one transaction at a time. */
        @Min(1) @Max(64)
        @WithDefault("2")
        int producers();

        /**
         * Group commit: most requests (single submissions, batches, cancellations) one producer puts in one Kafka
         * transaction. A producer takes every request waiting when it becomes free, up to this many; each request
         * is still answered only after the transaction holding it committed. 1 gives one transaction per request.
         */
        @Positive
        @WithDefault("64")
        int maxRequestsPerTransaction();

        /** {@code transaction.timeout.ms}: an api transaction holds at most one batch of jobs. */
        @DurationMin(millis = 1)
        @WithDefault("PT30S")
        Duration transactionTimeout();

        /** {@code max.block.ms}: how long a send or commit may wait for the broker before the request fails. */
        @DurationMin(millis = 1)
        @WithDefault("PT10S")
        Duration maxBlock();

        /** {@code delivery.timeout.ms}. */
        @DurationMin(millis = 1)
        @WithDefault("PT30S")
        Duration deliveryTimeout();

        /** Timeout of the health check's broker calls. */
        @DurationMin(millis = 1)
        @WithDefault("PT3S")
        Duration healthTimeout();
    }

    /** The job view folded from the events topic. */
    interface View {

        /** Poll timeout of the view's consumer loop. */
        @DurationMin(millis = 1)
        @WithDefault("PT0.5S")
        Duration pollTimeout();

        /** How often the loop looks for new partitions and forgets old jobs. */
        @DurationMin(millis = 1)
        @WithDefault("PT1M")
        Duration maintenanceInterval();

        /** Finished jobs are forgotten this long after they finished (match the topic's retention). */
        @DurationMin(millis = 1)
        @WithDefault("P7D")
        Duration retention();

        /** Pause before the loop retries after losing the broker. */
        @DurationMin(millis = 1)
        @WithDefault("PT1S")
        Duration retryBackoff();

        /**
         * How long start-up waits for the view to catch up before it goes on (readiness stays down until it has);
         * 0 does not wait.
         */
        @DurationMin(millis = 0)
        @WithDefault("PT0S")
        Duration startupWait();
    }
}
