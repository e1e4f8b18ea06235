package dev.gdq.infra.bootstrap;

import dev.gdq.protocol.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Partition counts of the four topics of {@link Topics}. Replication is left to the cluster's
 * {@code default.replication.factor} (1 on the single-node broker).
 */
public record TopicLayout(int requestsPartitions, int eventsPartitions, int cancellationsPartitions,
                          int deadLetterPartitions) {

    /** Requests spread over workers; events keyed by job; cancellations read in full by every worker. */
    public static final TopicLayout DEFAULT = new TopicLayout(6, 3, 1, 1);

    public TopicLayout {
        requirePositive("requestsPartitions", requestsPartitions);
        requirePositive("eventsPartitions", eventsPartitions);
        requirePositive("cancellationsPartitions", cancellationsPartitions);
        requirePositive("deadLetterPartitions", deadLetterPartitions);
    }

    /** The topics to create; {@link Topics#CANCELLATIONS} is compacted (the latest record per job id is kept). */
    public List<NewTopic> newTopics() {
        return List.of(
                topic(Topics.REQUESTS, requestsPartitions),
                topic(Topics.EVENTS, eventsPartitions),
                topic(Topics.CANCELLATIONS, cancellationsPartitions)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                topic(Topics.REQUESTS_DLQ, deadLetterPartitions));
    }

    private static NewTopic topic(String name, int partitions) {
        return new NewTopic(name, Optional.of(partitions), Optional.empty());
    }

    private static void requirePositive(String name, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + partitions);
        }
    }
}
