package dev.gdq.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;

/**
 * API accept latency under an open-loop load: {@code POST /v1/generations} at a fixed rate, each answer timed from
 * its due time (see {@link OpenLoopLoad}). A warm-up at the same rate comes first and is discarded. Prints a summary
 * line and writes the full percentile distribution to {@code out}.
 *
 * <pre>
 * AcceptLatency api=http://127.0.0.1:18080 key=KEY rate=500 seconds=30 warmup=10 out=bench/target/results/x.txt
 * </pre>
 *
 * Every request asks for one image of the model {@code model} (default {@code trivial}) with {@code steps} steps
 * (default 1), so the workers, if any run, have next to nothing to do.
 */
public final class AcceptLatency {

    private AcceptLatency() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args, Set.of("api", "key", "rate", "seconds", "warmup", "out",
                "model", "steps", "label"));
        URI submit = URI.create(arguments.required("api") + "/v1/generations");
        String key = arguments.required("key");
        double rate = arguments.doubleValue("rate", 500);
        int seconds = arguments.intValue("seconds", 30);
        int warmup = arguments.intValue("warmup", 10);
        String body = requestBody(arguments.text("model", "trivial"), arguments.intValue("steps", 1));
        Path out = Path.of(arguments.required("out"));
        String label = arguments.text("label", "");

        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "http-client");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(executor).build();
        OpenLoopLoad.Target target = sequence -> client.sendAsync(HttpRequest.newBuilder(submit)
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);

        if (warmup > 0) {
            OpenLoopLoad.Result warm = new OpenLoopLoad(rate, Duration.ofSeconds(warmup), Duration.ofSeconds(60))
                    .run(target);
            System.out.println("warm-up: " + summary(warm, rate));
        }
        String conditions = Machine.describe();
        OpenLoopLoad.Result result = new OpenLoopLoad(rate, Duration.ofSeconds(seconds), Duration.ofSeconds(120))
                .run(target);
        String line = "accept-latency " + label + " rate " + fmt(rate) + "/s for " + seconds + " s, started "
                + conditions + ", ended with load average " + Machine.loadAverage() + ": " + summary(result, rate);
        System.out.println(line);
        write(out, line, result);
        executor.shutdownNow();
    }

    static String requestBody(String model, int steps) {
        return "{\"schemaVersion\":1,\"model\":\"" + model + "\",\"classes\":[\"bag\"],\"imagesPerClass\":1,"
                + "\"sampler\":{\"name\":\"ddim\",\"steps\":" + steps + "}}";
    }

    static String summary(OpenLoopLoad.Result result, double rate) {
        Histogram latency = result.latency();
        return String.format(Locale.ROOT, "scheduled %d, answered %s, failures %d, unfinished %d; "
                        + "achieved %.1f/s; latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f; "
                        + "send lag ms p99 %.2f max %.2f",
                result.scheduled(), result.statuses(), result.failures(), result.unfinished(),
                result.answered() / Math.max(result.seconds(), 1e-9),
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getValueAtPercentile(99.9)),
                ms(latency.getMaxValue()), ms(result.sendLag().getValueAtPercentile(99)),
                ms(result.sendLag().getMaxValue()));
    }

    private static void write(Path out, String line, OpenLoopLoad.Result result) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            print.println(line);
            print.println();
            print.println("latency from due time, milliseconds:");
            result.latency().outputPercentileDistribution(print, 5, 1000.0);
        }
        Files.write(out, bytes.toByteArray());
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
