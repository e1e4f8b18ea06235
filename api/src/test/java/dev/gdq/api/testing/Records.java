package dev.gdq.api.testing;

import dev.gdq.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reading Kafka records of the contract in tests. */
public final class Records {

    private Records() {
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static <T> T read(byte[] value, Class<T> type) {
        try {
            return WireCodec.read(value, type);
        } catch (Exception e) {
            throw new AssertionError("not a " + type.getSimpleName() + ": " + new String(value,
                    StandardCharsets.UTF_8), e);
        }
    }
}
