package dev.gdq.worker.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets taken from {@code generation.requests} and what each one's resolution must publish. A resolution is
 * released for commit only when every earlier offset of its partition is resolved too, so the outputs and the
 * offset that covers them always go into the same transaction: after a crash, a task either has its terminal
 * event committed and is not redelivered, or has neither and runs again.
 */
final class CompletionLedger {

    /** What one transaction must carry: the records to publish and the offsets to commit. */
    record Commit(List<ProducerRecord<String, byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
                  Map<TopicPartition, TreeMap<Long, List<ProducerRecord<String, byte[]>>>> released) {

        boolean isEmpty() {
            return records.isEmpty() && offsets.isEmpty();
        }
    }

    /** Unresolved offsets map to null; resolved ones to what they publish, possibly nothing. */
    private static final List<ProducerRecord<String, byte[]>> NOTHING_TO_PUBLISH = List.of();

    private final Map<TopicPartition, TreeMap<Long, List<ProducerRecord<String, byte[]>>>> byPartition = new HashMap<>();

    void track(TopicPartition partition, long offset) {
        byPartition.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, null);
    }

    /** Marks an offset resolved with what it publishes (possibly nothing). Unknown offsets are ignored. */
    void resolve(TopicPartition partition, long offset, List<ProducerRecord<String, byte[]>> outputs) {
        TreeMap<Long, List<ProducerRecord<String, byte[]>>> offsets = byPartition.get(partition);
        if (offsets != null && offsets.containsKey(offset)) {
            offsets.put(offset, outputs == null ? NOTHING_TO_PUBLISH : List.copyOf(outputs));
        }
    }

    boolean isTracked(TopicPartition partition, long offset) {
        TreeMap<Long, List<ProducerRecord<String, byte[]>>> offsets = byPartition.get(partition);
        return offsets != null && offsets.containsKey(offset);
    }

    /** Takes the resolved prefix of every partition. */
    Commit release() {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        Map<TopicPartition, TreeMap<Long, List<ProducerRecord<String, byte[]>>>> released = new HashMap<>();
        for (Map.Entry<TopicPartition, TreeMap<Long, List<ProducerRecord<String, byte[]>>>> entry : byPartition.entrySet()) {
            TreeMap<Long, List<ProducerRecord<String, byte[]>>> offsets = entry.getValue();
            while (!offsets.isEmpty() && offsets.firstEntry().getValue() != null) {
                Map.Entry<Long, List<ProducerRecord<String, byte[]>>> first = offsets.pollFirstEntry();
                records.addAll(first.getValue());
                commits.put(entry.getKey(), new OffsetAndMetadata(first.getKey() + 1));
                released.computeIfAbsent(entry.getKey(), p -> new TreeMap<>()).put(first.getKey(), first.getValue());
            }
        }
        return new Commit(records, commits, released);
    }

    /** Puts back a commit whose transaction failed, for partitions still owned. */
    void restore(Commit commit, Collection<TopicPartition> owned) {
        commit.released().forEach((partition, offsets) -> {
            if (owned.contains(partition)) {
                byPartition.computeIfAbsent(partition, p -> new TreeMap<>()).putAll(offsets);
            }
        });
    }

    /** Drops partitions this worker no longer owns: their records will be redelivered to the new owner. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(byPartition::remove);
    }

    int unresolved() {
        return (int) byPartition.values().stream().flatMap(m -> m.values().stream()).filter(v -> v == null).count();
    }
}
