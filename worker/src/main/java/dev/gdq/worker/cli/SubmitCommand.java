package dev.gdq.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.WireCodec;
import dev.gdq.worker.image.ContactSheet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code worker submit}: a client of the api. Submits one job, follows it over Server-Sent Events with a progress
 * bar, downloads its images through their presigned URLs, and writes a labelled contact sheet and the URL list.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit a job to the gdq api, follow it, download its images.")
final class SubmitCommand implements Callable<Integer> {

    @Option(names = "--api", defaultValue = "${env:GDQ_API_URL:-http://127.0.0.1:8080}",
            description = "api base URL (default: ${DEFAULT-VALUE})")
    URI api;

    @Option(names = "--key", defaultValue = "${env:GDQ_API_KEY}", required = true, description = "API key")
    String key;

    @Option(names = "--model", defaultValue = "fashion-mnist", description = "model name (default: ${DEFAULT-VALUE})")
    String model;

    @Mixin
    RequestOptions requestOptions;

    @Option(names = "--out", defaultValue = "out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--timeout-s", defaultValue = "900", description = "give up after (default: ${DEFAULT-VALUE} s)")
    long timeoutSeconds;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        GenerationRequest request = requestOptions.toRequest(model, null);
        HttpResponse<String> submitted = http.send(authorized(api.resolve("/v1/generations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WireCodec.writeString(request))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 202 && submitted.statusCode() != 200) {
            System.err.println("submit refused (" + submitted.statusCode() + "): " + submitted.body());
            return 2;
        }
        JsonNode job = WireCodec.mapper().readTree(submitted.body());
        String jobId = job.get("id").asText();
        System.err.println("job " + jobId + ": " + job.get("imageCount").asInt() + " images in "
                + job.get("taskCount").asInt() + " tasks");
        long submittedAt = System.nanoTime();
        JsonNode finished = follow(jobId, job.get("imageCount").asInt(),
                request.sampler().steps());
        long finishedAt = System.nanoTime();
        String state = finished.get("state").asText();
        if (!"COMPLETED".equals(state)) {
            System.err.println("job " + jobId + " ended " + state + ": " + finished.path("error"));
            return 1;
        }
        int images = download(request, finished);
        long downloadedAt = System.nanoTime();
        System.out.printf("job %s COMPLETED: %d images in %s%n", jobId, images, out.toAbsolutePath());
        System.out.printf("timings: submit %.2f s, queue+sampling %.2f s, download %.2f s, total %.2f s%n",
                seconds(submittedAt - started), seconds(finishedAt - submittedAt), seconds(downloadedAt - finishedAt),
                seconds(downloadedAt - started));
        return 0;
    }

    /** Follows the job's SSE stream until its final {@code job} event; returns that job. */
    private JsonNode follow(String jobId, int imageCount, int steps) throws IOException, InterruptedException {
        HttpRequest request = authorized(api.resolve("/v1/generations/" + jobId + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(timeoutSeconds)).GET().build();
        ProgressBar bar = new ProgressBar(System.err, (long) imageCount * steps);
        Map<String, Integer> doneByTask = new LinkedHashMap<>();
        Map<String, Long> stepsByTask = new LinkedHashMap<>();
        try (Stream<String> lines = http.send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
            String event = "message";
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    JsonNode data = WireCodec.mapper().readTree(line.substring(5).trim());
                    if ("job".equals(event)) {
                        bar.update((long) imageCount * steps, "done");
                        return data;
                    }
                    track(event, data, doneByTask, stepsByTask, steps);
                    long progress = stepsByTask.values().stream().mapToLong(Long::longValue).sum();
                    int done = doneByTask.values().stream().mapToInt(Integer::intValue).sum();
                    bar.update(Math.min(progress, (long) imageCount * steps), done + "/" + imageCount + " images");
                } else if (line.isEmpty()) {
                    event = "message";
                }
            }
        }
        HttpResponse<String> status = http.send(authorized(api.resolve("/v1/generations/" + jobId)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return WireCodec.mapper().readTree(status.body());
    }

    private static void track(String event, JsonNode data, Map<String, Integer> doneByTask,
                              Map<String, Long> stepsByTask, int steps) {
        if (!data.has("taskIndex")) {
            return;
        }
        String task = data.get("taskIndex").asText();
        int taskImages = data.path("imageCount").asInt();
        if ("progress".equals(event)) {
            stepsByTask.put(task, (long) taskImages * data.at("/progress/step").asInt());
        } else if ("completed".equals(event)) {
            stepsByTask.put(task, (long) taskImages * steps);
            doneByTask.put(task, taskImages);
        }
    }

    private int download(GenerationRequest request, JsonNode job) throws IOException, InterruptedException {
        Files.createDirectories(out);
        Map<String, List<BufferedImage>> byClass = new LinkedHashMap<>();
        List<String> urls = new ArrayList<>();
        int count = 0;
        for (JsonNode image : job.path("images")) {
            int index = image.get("index").asInt();
            String url = image.get("url").asText();
            HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (png.statusCode() != 200) {
                throw new IOException("GET image " + index + " answered " + png.statusCode());
            }
            Files.write(out.resolve(index + ".png"), png.body());
            urls.add(index + "\t" + url);
            byClass.computeIfAbsent(request.classOfImage(index).toString(), k -> new ArrayList<>())
                    .add(ImageIO.read(new ByteArrayInputStream(png.body())));
            count++;
        }
        Files.write(out.resolve("urls.txt"), urls);
        List<ContactSheet.Row> rows = byClass.entrySet().stream()
                .map(e -> new ContactSheet.Row(e.getKey(), e.getValue())).toList();
        ImageIO.write(ContactSheet.render(rows, 3), "png", out.resolve("contact-sheet.png").toFile());
        return count;
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
