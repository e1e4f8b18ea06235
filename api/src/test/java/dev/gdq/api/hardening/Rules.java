package dev.gdq.api.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What the generator knows of the request's fields: which are required, which hold names looked up in a catalogue,
 * which are free text, and the values outside each field's range (docs/api.md, the scheduler's rules and the test
 * profile's limits: at most 10,000 images, steps in 1..1000, guidance scales in [0, 30]).
 */
final class Rules {

    private static final Pattern REQUIRED = Pattern.compile("schemaVersion|model|classes|totalImages|imagesPerClass"
            + "|sampler|sampler\\.(name|steps)|guidance\\.(cfg|classifier)\\.schedule(\\.(type|scale|from|to|exponent"
            + "|sigmaLow|sigmaHigh|knots|scales))?|guidance\\.cfg\\.schedule\\.knots\\[\\d+]\\.(progress|scale)"
            + "|guidance\\.thresholding\\.percentile");
    private static final Pattern CATALOGUE_NAME = Pattern.compile("model|classes\\[\\d+]|sampler\\.(name"
            + "|timestepSpacing|ddpmVariance)|guidance\\.(cfg|classifier)\\.schedule\\.type");
    private static final Pattern SCALE = Pattern.compile("guidance\\.(cfg|classifier)\\.schedule\\.(scale|from|to"
            + "|knots\\[\\d+]\\.scale|scales\\[\\d+])");

    private Rules() {
    }

    static boolean isRequired(Path path) {
        return REQUIRED.matcher(path.field()).matches();
    }

    /** Names the model's manifest or the sampler catalogue must know exactly. */
    static boolean isCatalogueName(Path path) {
        return CATALOGUE_NAME.matcher(path.field()).matches();
    }

    static boolean isIdempotencyKey(Path path) {
        return path.field().equals("idempotencyKey");
    }

    /** Label values: any text but controls and direction overrides. */
    static boolean isLabelValue(Path path) {
        return path.segments().size() == 2 && "labels".equals(path.segments().get(0));
    }

    /** Objects whose keys are the user's own (no unknown fields there). */
    static boolean isFreeForm(Path path) {
        return path.field().equals("labels");
    }

    static boolean isListElement(Path path) {
        return !path.segments().isEmpty() && path.last() instanceof Integer;
    }

    /** Removing (or doubling) either image count breaks "exactly one of them": the problem names one of them. */
    static Set<String> fieldsNamedWhenMissing(Path path) {
        String field = path.field();
        return field.equals("totalImages") || field.equals("imagesPerClass") ? Set.of("totalImages", "imagesPerClass")
                : Set.of(field);
    }

    static List<JsonNode> outOfRange(Path path) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String field = path.field();
        BigInteger aboveLong = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
        if (field.equals("schemaVersion")) {
            return List.of(f.numberNode(0), f.numberNode(2), f.numberNode(-1), f.numberNode(2_147_483_648L));
        }
        if (field.equals("totalImages")) {
            return List.of(f.numberNode(0), f.numberNode(-1), f.numberNode(10_001), f.numberNode(2_147_483_648L));
        }
        if (field.equals("imagesPerClass")) {
            return List.of(f.numberNode(0), f.numberNode(-3), f.numberNode(5_001), f.numberNode(2_147_483_648L));
        }
        if (field.equals("seed")) {
            return List.of(f.numberNode(aboveLong), f.numberNode(aboveLong.negate().subtract(BigInteger.TWO)));
        }
        if (field.equals("priority")) {
            return List.of(f.numberNode(-1), f.numberNode(10), f.numberNode(2_147_483_648L));
        }
        if (field.equals("sampler.steps")) {
            return List.of(f.numberNode(0), f.numberNode(-20), f.numberNode(1001), f.numberNode(2_147_483_648L));
        }
        if (field.equals("sampler.eta") || field.equals("guidance.rescale")) {
            return List.of(f.numberNode(-0.001), f.numberNode(1.001), f.numberNode(1e308));
        }
        if (field.equals("guidance.thresholding.percentile")) {
            return List.of(f.numberNode(0), f.numberNode(-0.5), f.numberNode(1.0001));
        }
        if (SCALE.matcher(field).matches()) {
            return List.of(f.numberNode(-1e-9), f.numberNode(30.001), f.numberNode(1e308));
        }
        if (field.endsWith(".exponent")) {
            return List.of(f.numberNode(0), f.numberNode(-2), f.numberNode(-1e308));
        }
        if (field.endsWith(".sigmaLow") || field.endsWith(".sigmaHigh")) {
            return List.of(f.numberNode(-0.1));
        }
        if (field.matches("guidance\\.cfg\\.schedule\\.knots\\[\\d+]\\.progress")) {
            return List.of(f.numberNode(-0.1), f.numberNode(1.1));
        }
        if (field.matches("classes\\[\\d+]")) {
            return List.of(f.numberNode(10), f.numberNode(-1), f.numberNode(11), f.numberNode(2_147_483_648L));
        }
        return List.of();
    }

    /** Values that are each fine alone but break a rule together with the rest of the request. */
    static Map<String, Consumer<ObjectNode>> brokenShapes(Path path) {
        Map<String, Consumer<ObjectNode>> shapes = new LinkedHashMap<>();
        String field = path.field();
        switch (field) {
            case "classes" -> shapes.put("empty list", r -> r.putArray("classes"));
            case "totalImages" -> shapes.put("both image counts", r -> r.put("imagesPerClass", 2));
            case "sampler.eta" -> shapes.put("eta with the euler sampler", r -> ((ObjectNode) r.get("sampler"))
                    .put("name", "euler"));
            case "sampler.ddpmVariance" -> shapes.put("ddpmVariance with ddim", r -> ((ObjectNode) r.get("sampler"))
                    .put("name", "ddim"));
            case "guidance.cfg.schedule.scales" -> {
                shapes.put("19 scales for 20 steps", r -> ((ArrayNode) path.get(r)).remove(0));
                shapes.put("21 scales for 20 steps", r -> ((ArrayNode) path.get(r)).add(1.0));
                shapes.put("no scales", r -> ((ArrayNode) path.get(r)).removeAll());
            }
            case "guidance.cfg.schedule.knots" -> {
                shapes.put("no knots", r -> ((ArrayNode) path.get(r)).removeAll());
                shapes.put("knots out of order", r -> {
                    ArrayNode knots = (ArrayNode) path.get(r);
                    JsonNode first = knots.remove(0);
                    knots.add(first);
                });
            }
            case "guidance.cfg.schedule.sigmaLow" -> shapes.put("sigmaLow above sigmaHigh", r ->
                    ((ObjectNode) path.parent().get(r)).put("sigmaLow", 6.0));
            default -> {
            }
        }
        return shapes;
    }
}
