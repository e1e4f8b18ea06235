package dev.gdq.api.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A minimal Server-Sent Events client on java.net.http: parses the stream into events on a background thread. */
public final class SseClient implements AutoCloseable {

    /** One event; {@code id} is null when the server sent none. */
    public record Event(String id, String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Thread reader;
    private volatile Stream<String> lines;

    private SseClient(HttpRequest request) {
        HttpClient client = HttpClient.newHttpClient();
        reader = new Thread(() -> read(client, request), "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient open(URI uri, String apiKey, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("X-API-Key", apiKey)
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(request.build());
    }

    public int status() throws Exception {
        return status.get(30, TimeUnit.SECONDS);
    }

    /** The next event, waiting at most {@code timeout}; null when none came. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the server to end the stream; then every event not taken yet. */
    public List<Event> awaitEnd(Duration timeout) throws Exception {
        ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<Event> rest = new ArrayList<>();
        events.drainTo(rest);
        return rest;
    }

    public boolean ended() {
        return ended.isDone();
    }

    private void read(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
            status.complete(response.statusCode());
            lines = response.body();
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data != null || name != null) {
                        events.add(new Event(id, name == null ? "message" : name, data == null ? "" : data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String chunk = line.substring(5);
                    chunk = chunk.startsWith(" ") ? chunk.substring(1) : chunk;
                    data = data == null ? new StringBuilder(chunk) : data.append('\n').append(chunk);
                }
            }
            ended.complete(null);
        } catch (IOException | RuntimeException e) {
            status.completeExceptionally(e);
            ended.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
        reader.interrupt();
    }
}
