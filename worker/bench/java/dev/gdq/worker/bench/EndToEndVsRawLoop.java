package dev.gdq.worker.bench;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.testing.SharedServices;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.MalformedMessageException;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import dev.gdq.scheduler.plan.SamplingPlan;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.sampling.ImageGenerator;
import dev.gdq.worker.sampling.ImageOrder;
import dev.gdq.worker.sampling.SampleSpec;
import dev.gdq.worker.sampling.SamplingListener;
import dev.gdq.worker.service.WorkerService;
import dev.gdq.worker.service.WorkerSettings;
import dev.gdq.worker.testing.QueueHarness;
import dev.gdq.worker.testing.ReferenceModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * P1: the worker end to end against the raw sampling loop on the same batches. One job of {@code images} images
 * (DDIM, constant CFG scale) is, per round and in rotating order:
 * <ul>
 *   <li>{@code end-to-end}: produced as tasks of {@code taskImages} onto {@link Topics#REQUESTS} and run by a real
 *       {@link WorkerService} in this JVM (batches of {@code batch}), timed from the first produce to the last
 *       COMPLETED event read {@code read_committed}: Kafka, sampling, PNG, S3 and the event transaction;</li>
 *   <li>{@code generator}: the worker's {@link ImageGenerator} on the same batches (sampling and PNG encoding);</li>
 *   <li>{@code raw}: {@link RawDdimCfgLoop} on the same batches (the forward passes and the DDIM update only).</li>
 * </ul>
 * Ratios are end-to-end images/s ÷ raw images/s per round; goal at least 0.95. Kafka and S3 come from the
 * environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code S3_ENDPOINT}, ...) or are started for the run.
 *
 * <p>Arguments: {@code images=128 taskImages=16 batch=32 steps=50 scale=3 rounds=5 warmup=1}.
 */
public final class EndToEndVsRawLoop {

    private EndToEndVsRawLoop() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("images", "taskImages", "batch", "steps", "scale", "rounds",
                "warmup"));
        BenchSupport.printMachine("EndToEndVsRawLoop", args);
        int images = options.intValue("images", 128);
        int taskImages = options.intValue("taskImages", 16);
        int batch = options.intValue("batch", 32);
        int steps = options.intValue("steps", 50);
        double scale = options.doubleValue("scale", 3);
        int rounds = options.intValue("rounds", 5);
        int warmup = options.intValue("warmup", 1);

        LocalServices services = SharedServices.acquire();
        ServedModel model = BenchSupport.model();
        RawDdimCfgLoop raw = new RawDdimCfgLoop(model.noiseModel(), model.imageShape(), model.manifest().nullLabel(),
                model.device());
        ImageGenerator generator = new ImageGenerator(model);
        int tasks = (images + taskImages - 1) / taskImages;
        List<String> names = List.of("end-to-end", "generator", "raw");
        List<List<Double>> seconds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<Double> ratios = new ArrayList<>();
        try (QueueHarness harness = new QueueHarness(services);
             EventFollower events = new EventFollower(services.kafkaBootstrapServers())) {
            WorkerSettings settings = new WorkerSettings("bench-e2e-" + UUID.randomUUID().toString().substring(0, 8),
                    services.kafkaBootstrapServers(), harness.groupId(), List.of(ReferenceModel.folder()), false,
                    batch, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(30),
                    services.s3Endpoint(), services.s3AccessKey(), services.s3SecretKey(), services.bucket(),
                    LocalServices.S3_REGION, Duration.ofMillis(250), Duration.ofSeconds(10));
            WorkerService worker = WorkerService.start(settings);
            try {
                for (int r = -warmup; r < rounds; r++) {
                    GenerationRequest request = BenchSupport.request(images, 1000 + r, SamplerSpec.of("ddim", steps),
                            GuidanceSpec.cfg(new ScheduleSpec.Constant(scale)));
                    SamplingPlan plan = BenchSupport.plan(request);
                    List<SampleSpec> specs = BenchSupport.specs(request, plan);
                    int imageSize = BenchSupport.imageSize(model);
                    double[] round = new double[3];
                    for (int variant : BenchSupport.interleavedOrder(3, Math.max(r, 0))) {
                        round[variant] = switch (variant) {
                            case 0 -> endToEnd(harness, events, request, taskImages, tasks);
                            case 1 -> BenchSupport.seconds(() -> {
                                for (int first = 0; first < images; first += batch) {
                                    int end = Math.min(images, first + batch);
                                    List<ImageOrder> orders = IntStream.range(first, end)
                                            .mapToObj(i -> new ImageOrder("bench", request, plan, i)).toList();
                                    generator.generate(orders, SamplingListener.NONE);
                                }
                            });
                            default -> BenchSupport.seconds(() -> {
                                for (int first = 0; first < images; first += batch) {
                                    List<SampleSpec> slice = specs.subList(first, Math.min(images, first + batch));
                                    raw.sample(plan.sampler(), BenchSupport.initialNoise(slice, imageSize),
                                            BenchSupport.classIndices(slice), scale);
                                }
                            });
                        };
                    }
                    String label = r < 0 ? "warm-up" : "round " + (r + 1);
                    System.out.printf("%s: end-to-end %.3f s, generator %.3f s, raw %.3f s; end-to-end ÷ raw "
                                    + "(images/s) %.3f, generator ÷ raw %.3f; load %s%n", label, round[0], round[1],
                            round[2], round[2] / round[0], round[2] / round[1], BenchSupport.loadAverage());
                    if (r >= 0) {
                        for (int v = 0; v < 3; v++) {
                            seconds.get(v).add(round[v]);
                        }
                        ratios.add(round[2] / round[0]);
                    }
                }
            } finally {
                worker.close();
            }
        }
        System.out.println();
        System.out.printf("%d images per run (%d tasks of %d, batches of %d), DDIM %d, CFG %s (%d rows per step)%n",
                images, tasks, taskImages, batch, steps, scale, scale == 1 ? batch : 2 * batch);
        System.out.println("| variant | median s | images/s | runs (s) |");
        System.out.println("|---|---:|---:|---|");
        for (int v = 0; v < 3; v++) {
            double median = BenchSupport.median(seconds.get(v));
            System.out.printf("| %s | %.3f | %.2f | %s |%n", names.get(v), median, images / median,
                    BenchSupport.formatList(seconds.get(v), "%.2f"));
        }
        System.out.printf("end-to-end ÷ raw: median of per-round ratios %.3f, per round %s; ratio of medians %.3f%n",
                BenchSupport.median(ratios), BenchSupport.formatList(ratios, "%.3f"),
                BenchSupport.median(seconds.get(2)) / BenchSupport.median(seconds.get(0)));
        System.out.println("load average: " + BenchSupport.loadAverage());
        System.exit(0);
    }

    private static double endToEnd(QueueHarness harness, EventFollower events, GenerationRequest request,
                                   int taskImages, int tasks) {
        String jobId = QueueHarness.newJobId();
        long start = System.nanoTime();
        try {
            harness.submit(jobId, request, taskImages);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce the tasks of " + jobId, e);
        }
        events.awaitCompleted(jobId, tasks, Duration.ofMinutes(10));
        return (System.nanoTime() - start) / 1e9;
    }

    /** Reads the committed events from the end of the topic as it was when created. */
    private static final class EventFollower implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;

        EventFollower(String bootstrapServers) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                    new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(Topics.EVENTS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        void awaitCompleted(String jobId, int tasks, Duration timeout) {
            int completed = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (completed < tasks) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(jobId + ": " + completed + " of " + tasks + " tasks completed in "
                            + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    if (!jobId.equals(record.key())) {
                        continue;
                    }
                    JobEvent event;
                    try {
                        event = WireCodec.read(record.value(), JobEvent.class);
                    } catch (MalformedMessageException e) {
                        throw new IllegalStateException("unreadable event of " + jobId, e);
                    }
                    if (event.type() == JobEventType.COMPLETED) {
                        completed++;
                    } else if (event.type() == JobEventType.FAILED || event.type() == JobEventType.CANCELLED) {
                        throw new IllegalStateException(jobId + " task " + event.taskIndex() + " ended "
                                + event.type() + ": " + event.error());
                    }
                }
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
