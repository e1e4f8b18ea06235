package dev.gdq.api.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gdq.protocol.WireCodec;
import java.util.function.Consumer;

/** Generation requests as JSON trees: a valid one, and copies of it with one change. */
public final class Requests {

    private Requests() {
    }

    /** Valid for fashion-mnist: 6 images of two classes (round-robin), DDIM 20 steps, constant CFG 3. */
    public static ObjectNode valid() {
        ObjectNode request = WireCodec.mapper().createObjectNode();
        request.put("schemaVersion", 1);
        request.put("model", "fashion-mnist");
        ArrayNode classes = request.putArray("classes");
        classes.add("sneaker");
        classes.add("bag");
        request.put("totalImages", 6);
        ObjectNode sampler = request.putObject("sampler");
        sampler.put("name", "ddim");
        sampler.put("steps", 20);
        ObjectNode schedule = request.putObject("guidance").putObject("cfg").putObject("schedule");
        schedule.put("type", "constant");
        schedule.put("scale", 3.0);
        return request;
    }

    /** {@link #valid()} with {@code change} applied. */
    public static ObjectNode valid(Consumer<ObjectNode> change) {
        ObjectNode request = valid();
        change.accept(request);
        return request;
    }

    /** A valid request of {@code images} images (totalImages). */
    public static String ofImages(int images) {
        return valid(r -> r.put("totalImages", images)).toString();
    }
}
