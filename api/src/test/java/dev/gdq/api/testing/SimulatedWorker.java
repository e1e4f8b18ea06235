package dev.gdq.api.testing;

import dev.gdq.protocol.Headers;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays a worker on the real topics and store: task events on {@code generation.events} (keyed by job id, with the
 * contract's headers, terminal events in a transaction as the worker writes them) and PNGs under
 * {@code jobs/{jobId}/{index}.png}.
 */
public final class SimulatedWorker implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final MinioClient s3;
    private final String bucket;
    private final String tenant;

    public SimulatedWorker(String bootstrapServers, MinioClient s3, String bucket, String tenant) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "gdq-api-test-worker-" + UUID.randomUUID());
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.producer.initTransactions();
        this.s3 = s3;
        this.bucket = bucket;
        this.tenant = tenant;
    }

    public void started(String jobId, int task, int firstImage, int imageCount, int steps) {
        send(event(jobId, JobEventType.STARTED, task, firstImage, imageCount,
                new JobEvent.Progress(0, imageCount, 0, steps), null, null));
    }

    public void progress(String jobId, int task, int firstImage, int imageCount, int imagesDone, int step,
                         int steps) {
        send(event(jobId, JobEventType.PROGRESS, task, firstImage, imageCount,
                new JobEvent.Progress(imagesDone, imageCount, step, steps), null, null));
    }

    /** Uploads {@code pngs} as images {@code firstImage..}, then writes COMPLETED with their keys; returns the keys. */
    public List<String> completed(String jobId, int task, int firstImage, List<byte[]> pngs, int steps) {
        List<String> keys = new ArrayList<>();
        for (int j = 0; j < pngs.size(); j++) {
            String key = "jobs/" + jobId + "/" + (firstImage + j) + ".png";
            upload(key, pngs.get(j));
            keys.add(key);
        }
        send(event(jobId, JobEventType.COMPLETED, task, firstImage, pngs.size(),
                new JobEvent.Progress(pngs.size(), pngs.size(), steps, steps), keys, null));
        return keys;
    }

    /** COMPLETED with keys but no upload, for jobs whose bytes do not matter. */
    public void completedWithoutUpload(String jobId, int task, int firstImage, int imageCount, int steps) {
        List<String> keys = new ArrayList<>();
        for (int j = 0; j < imageCount; j++) {
            keys.add("jobs/" + jobId + "/" + (firstImage + j) + ".png");
        }
        send(event(jobId, JobEventType.COMPLETED, task, firstImage, imageCount,
                new JobEvent.Progress(imageCount, imageCount, steps, steps), keys, null));
    }

    /** COMPLETED naming whatever {@code keys} it is given, as a faulty or hostile producer could. */
    public void completedNaming(String jobId, int task, Integer firstImage, List<String> keys, int steps) {
        send(event(jobId, JobEventType.COMPLETED, task, firstImage, keys.size(),
                new JobEvent.Progress(keys.size(), keys.size(), steps, steps), keys, null));
    }

    public void failed(String jobId, int task, String code, String message) {
        send(event(jobId, JobEventType.FAILED, task, null, null, null, null, new JobEvent.ErrorInfo(code, message)));
    }

    public void cancelled(String jobId, int task) {
        send(event(jobId, JobEventType.CANCELLED, task, null, null, null, null,
                new JobEvent.ErrorInfo("CANCELLED", "cancelled by request")));
    }

    /** A distinct 28x28 grey PNG per {@code seed}. */
    public static byte[] png(int seed) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int grey = (x * 9 + y * 5 + seed * 31) & 0xff;
                image.getRaster().setSample(x, y, 0, grey);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private JobEvent event(String jobId, JobEventType type, int task, Integer firstImage, Integer imageCount,
                           JobEvent.Progress progress, List<String> keys, JobEvent.ErrorInfo error) {
        return new JobEvent(SchemaVersion.V1, UUID.randomUUID().toString(), jobId, type, Instant.now(), tenant, task,
                null, imageCount, firstImage, "worker-test-0", progress, keys, error, null, null, null);
    }

    private void upload(String key, byte[] png) {
        try {
            s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(png), png.length, -1).contentType("image/png").build());
        } catch (Exception e) {
            throw new IllegalStateException("upload of " + key + " failed", e);
        }
    }

    private void send(JobEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.MESSAGE_TYPE, "job-event".getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.TENANT, tenant.getBytes(StandardCharsets.UTF_8));
        producer.beginTransaction();
        try {
            producer.send(new ProducerRecord<>(Topics.EVENTS, null, event.jobId(), WireCodec.write(event), headers))
                    .get();
            producer.commitTransaction();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("event " + event.type() + " of " + event.jobId() + " not written", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
