package dev.gdq.reliability;

import dev.gdq.infra.LocalServices;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.MalformedMessageException;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Derives a run's figures from what is really there: the committed events ({@code read_committed}), the dead-letter
 * topic and the objects in the bucket. It never asks a worker.
 */
public final class FaultChecker {

    private final LocalServices services;
    private final TopicReader reader;

    public FaultChecker(LocalServices services) {
        this.services = services;
        this.reader = new TopicReader(services);
    }

    /** Where the dead-letter topic ends now: a run's dead letters are those after it. */
    public Map<TopicPartition, Long> deadLetterEnds() {
        return reader.ends(Topics.REQUESTS_DLQ);
    }

    public Map<TopicPartition, Long> eventEnds() {
        return reader.ends(Topics.EVENTS);
    }

    /** Dead letters written after {@code from}. */
    public int deadLetterCount(Map<TopicPartition, Long> from) {
        return reader.read(Topics.REQUESTS_DLQ, from).size();
    }

    /** The job's objects now, with their last-modified times: taken before a fault, to see what is written again. */
    public Map<String, Instant> storedObjects(Job job) throws Exception {
        return listObjects("jobs/" + job.jobId() + "/");
    }

    /**
     * The figures of {@code job}, of the dead letters written after {@code deadLettersFrom}, and of the objects of
     * {@code storedBeforeFault} that were written again since.
     */
    public FaultFigures check(String fault, Job job, int poisonRecords, Map<TopicPartition, Long> deadLettersFrom,
                              Map<String, Instant> storedBeforeFault) throws Exception {
        Map<Integer, List<JobEvent>> terminalByTask = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : reader.read(Topics.EVENTS, Map.of())) {
            if (!job.jobId().equals(record.key())) {
                continue;
            }
            JobEvent event = readEvent(record);
            if (event.type().isTerminal()) {
                terminalByTask.computeIfAbsent(event.taskIndex(), t -> new ArrayList<>()).add(event);
            }
        }
        Map<String, Instant> objects = listObjects("jobs/" + job.jobId() + "/");
        Set<String> stored = objects.keySet();
        int rewritten = (int) storedBeforeFault.entrySet().stream()
                .filter(before -> !before.getValue().equals(objects.get(before.getKey()))).count();

        int notExactlyOnce = 0;
        for (int t = 0; t < job.taskCount(); t++) {
            List<JobEvent> ends = terminalByTask.getOrDefault(t, List.of());
            if (ends.size() != 1 || ends.get(0).type() != JobEventType.COMPLETED) {
                notExactlyOnce++;
            }
        }
        notExactlyOnce += (int) terminalByTask.keySet().stream()
                .filter(t -> t == null || t < 0 || t >= job.taskCount()).count();

        Map<String, Integer> namedByCompleted = new HashMap<>();
        terminalByTask.values().stream().flatMap(List::stream).filter(e -> e.type() == JobEventType.COMPLETED)
                .forEach(e -> e.objectKeys().forEach(key -> namedByCompleted.merge(key, 1, Integer::sum)));

        Set<String> expected = new HashSet<>();
        int lost = 0;
        for (int i = 0; i < job.images(); i++) {
            String key = job.imageKey(i);
            expected.add(key);
            if (!stored.contains(key) || !namedByCompleted.containsKey(key)) {
                lost++;
            }
        }
        for (int t = 0; t < job.taskCount(); t++) {
            expected.add(job.manifestKey(t));
        }
        int duplicates = (int) stored.stream().filter(key -> !expected.contains(key)).count()
                + namedByCompleted.values().stream().mapToInt(n -> n - 1).sum()
                + (int) namedByCompleted.keySet().stream().filter(key -> !expected.contains(key)).count();

        List<ConsumerRecord<String, byte[]>> letters = reader.read(Topics.REQUESTS_DLQ, deadLettersFrom);
        int poisonKeys = (int) letters.stream().map(ConsumerRecord::key)
                .filter(key -> key != null && key.startsWith("poison-") && key.endsWith(job.jobId() + "/0"))
                .distinct().count();
        return new FaultFigures(fault, job.images(), job.taskCount(), lost, duplicates, rewritten, notExactlyOnce,
                letters.size(), poisonRecords, poisonKeys, null, null, "");
    }

    private static JobEvent readEvent(ConsumerRecord<String, byte[]> record) {
        try {
            return WireCodec.read(record.value(), JobEvent.class);
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("unreadable event at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), e);
        }
    }

    private Map<String, Instant> listObjects(String prefix) throws Exception {
        Map<String, Instant> keys = new HashMap<>();
        MinioClient client = services.newMinioClient();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(services.bucket())
                    .prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                keys.put(item.objectName(), item.lastModified().toInstant());
            }
        } finally {
            client.close();
        }
        return keys;
    }
}
