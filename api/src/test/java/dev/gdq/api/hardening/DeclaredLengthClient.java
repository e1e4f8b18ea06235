package dev.gdq.api.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request whose body is declared in full ({@code Content-Length}) but written only in part, and reads the
 * answer: a server that refuses the size from the header answers without waiting for the rest. (The JDK client
 * blocks when the server answers and closes before the body is written.)
 */
final class DeclaredLengthClient {

    private static final int WRITTEN_PART = 64 * 1024;

    /** Status, content type and body of the answer. */
    record Answer(int status, String contentType, byte[] body) {
    }

    private DeclaredLengthClient() {
    }

    static Answer send(URI uri, String method, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n");
            head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body, 0, Math.min(WRITTEN_PART, body.length));
                out.flush();
            } catch (SocketException closedEarly) {
                // the server may answer and close before this part is written; its answer is still readable
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        while (headEnd < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed before an answer: " + all.toString(StandardCharsets.ISO_8859_1));
            }
            all.write(buffer, 0, n);
            headEnd = all.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
        }
        String head = all.toString(StandardCharsets.ISO_8859_1).substring(0, headEnd);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        int length = 0;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).strip();
            } else if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] received = all.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(received, headEnd + 4, received.length - headEnd - 4);
        while (body.size() < length) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            body.write(buffer, 0, n);
        }
        return new Answer(status, contentType, body.toByteArray());
    }
}
