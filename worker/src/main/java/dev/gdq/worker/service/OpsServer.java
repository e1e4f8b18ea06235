package dev.gdq.worker.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The worker's operations endpoints on the JDK's HTTP server: {@code /q/health/live}, {@code /q/health/ready}
 * (200 or 503 with a JSON status, the paths the api's Quarkus health uses) and {@code /q/metrics} (Prometheus
 * text from Micrometer's registry).
 */
public final class OpsServer implements AutoCloseable {

    private final HttpServer server;

    public OpsServer(int port, PrometheusMeterRegistry registry, BooleanSupplier live, BooleanSupplier ready)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/q/health/live", exchange -> health(exchange, live.getAsBoolean()));
        server.createContext("/q/health/ready", exchange -> health(exchange, ready.getAsBoolean()));
        server.createContext("/q/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4",
                registry.scrape()));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, boolean up) throws IOException {
        respond(exchange, up ? 200 : 503, "application/json", "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
