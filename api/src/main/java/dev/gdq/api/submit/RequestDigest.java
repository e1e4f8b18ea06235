package dev.gdq.api.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.WireCodec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 (lowercase hex) of a request as submitted, for idempotent resubmission: the request is decoded and
 * written again with map entries sorted, so whitespace, field order and number spelling ({@code 5} or {@code 5.0})
 * do not change it; the tenant and the idempotency key, which identify rather than define the request, are left
 * out. A seed the api picked is not part of it (the digest is taken before resolution).
 */
public final class RequestDigest {

    private static final ObjectWriter CANONICAL = WireCodec.mapper().writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RequestDigest() {
    }

    public static String of(GenerationRequest request) {
        GenerationRequest identifying = new GenerationRequest(request.schemaVersion(), request.model(),
                request.classes(), request.imagesPerClass(), request.totalImages(), request.seed(), request.sampler(),
                request.guidance(), null, null, request.priority(), request.labels());
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(identifying);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decoded request is always writable", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
