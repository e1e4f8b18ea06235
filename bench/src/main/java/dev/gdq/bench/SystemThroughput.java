package dev.gdq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.WireCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Images and tasks per second through the whole system: {@code jobs} bulk jobs of {@code images} images each are
 * submitted over REST at once, and the clock runs from the first submission to the last COMPLETED task event read
 * from Kafka ({@code read_committed}). Also reports the steady rate between 10% and 90% of the images, which leaves
 * out the start (partition assignment, first batch) and the tail (the last worker finishing alone).
 *
 * <pre>
 * SystemThroughput api=http://127.0.0.1:18080 key=KEY kafka=127.0.0.1:19092 jobs=20 images=200 label=workers-1 \
 *     out=bench/target/results/throughput.txt
 * </pre>
 *
 * Appends one line per run to {@code out}.
 */
public final class SystemThroughput {

    private SystemThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args, Set.of("api", "key", "kafka", "jobs", "images", "model", "steps",
                "timeout", "out", "label"));
        URI submit = URI.create(arguments.required("api") + "/v1/generations");
        String key = arguments.required("key");
        String kafka = arguments.text("kafka", System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        int jobs = arguments.intValue("jobs", 20);
        int images = arguments.intValue("images", 200);
        String model = arguments.text("model", "trivial");
        int steps = arguments.intValue("steps", 1);
        Duration timeout = Duration.ofSeconds(arguments.intValue("timeout", 600));
        Path out = Path.of(arguments.required("out"));
        String label = arguments.text("label", "");

        String body = "{\"schemaVersion\":1,\"model\":\"" + model + "\",\"classes\":[\"bag\",\"sneaker\"],"
                + "\"imagesPerClass\":" + (images / 2) + ",\"sampler\":{\"name\":\"ddim\",\"steps\":" + steps + "}}";
        long totalImages = (long) jobs * (images / 2) * 2;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String conditions = Machine.describe();
        try (CompletionFollower follower = new CompletionFollower(kafka)) {
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int j = 0; j < jobs; j++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(submit).timeout(Duration.ofSeconds(60))
                                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<String> jobIds = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.join();
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("submission answered " + response.statusCode() + ": "
                            + response.body());
                }
                JsonNode job = WireCodec.mapper().readTree(response.body());
                jobIds.add(job.get("id").asText());
            }
            double submitSeconds = (System.nanoTime() - start) / 1e9;
            List<CompletionFollower.Completion> done = follower.await(jobIds, totalImages, timeout);
            String line = label + ": " + report(done, totalImages, start, submitSeconds) + "; " + jobs + " jobs of "
                    + images + " images, model " + model + ", " + steps + " step(s); started " + conditions
                    + ", ended with load average " + Machine.loadAverage();
            System.out.println(line);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("could not read a submission's answer or write " + out, e);
        }
        System.exit(0);
    }

    static String report(List<CompletionFollower.Completion> done, long totalImages, long startNanos,
                         double submitSeconds) {
        long images = done.stream().filter(c -> c.type() == JobEventType.COMPLETED).mapToLong(c -> c.images()).sum();
        long failed = done.stream().filter(c -> c.type() != JobEventType.COMPLETED).count();
        long tasks = done.stream().filter(c -> c.type() == JobEventType.COMPLETED).count();
        if (done.isEmpty()) {
            return "no task finished";
        }
        double seconds = (done.get(done.size() - 1).seenNanos() - startNanos) / 1e9;
        long at10 = timeWhenCovered(done, totalImages / 10);
        long at90 = timeWhenCovered(done, totalImages * 9 / 10);
        double steady = at90 > at10 ? (totalImages * 0.8) / ((at90 - at10) / 1e9) : Double.NaN;
        return String.format(Locale.ROOT, "%d of %d images in %d tasks completed (%d not completed) in %.2f s "
                        + "(submission %.2f s): %.1f images/s, %.2f tasks/s; steady (10%%..90%%) %.1f images/s",
                images, totalImages, tasks, failed, seconds, submitSeconds, images / seconds, tasks / seconds, steady);
    }

    private static long timeWhenCovered(List<CompletionFollower.Completion> done, long images) {
        long covered = 0;
        for (CompletionFollower.Completion completion : done) {
            covered += completion.images();
            if (covered >= images) {
                return completion.seenNanos();
            }
        }
        return Long.MAX_VALUE;
    }
}
