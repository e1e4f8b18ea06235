package dev.gdq.worker.cli;

import dev.gdq.protocol.ScheduleSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Parses a schedule written on the command line:
 * {@code 3} or {@code constant:3}, {@code linear:1:5}, {@code cosine:1:5}, {@code power:1:5:2},
 * {@code interval:4:0.3:5} (scale, sigmaLow, sigmaHigh), {@code piecewise:0=1,0.5=4,1=2} (progress=scale),
 * {@code explicit:1,2,3}.
 */
final class ScheduleConverter implements CommandLine.ITypeConverter<ScheduleSpec> {

    static final String SYNTAX = "S | constant:S | linear:FROM:TO | cosine:FROM:TO | power:FROM:TO:K | "
            + "interval:S:SIGMA_LOW:SIGMA_HIGH | piecewise:P=S,P=S,... | explicit:S,S,...";

    @Override
    public ScheduleSpec convert(String text) {
        String[] parts = text.split(":");
        try {
            return switch (parts[0]) {
                case "constant" -> new ScheduleSpec.Constant(number(parts, 1, 2));
                case "linear" -> new ScheduleSpec.Linear(number(parts, 1, 3), number(parts, 2, 3));
                case "cosine" -> new ScheduleSpec.Cosine(number(parts, 1, 3), number(parts, 2, 3));
                case "power" -> new ScheduleSpec.Power(number(parts, 1, 4), number(parts, 2, 4), number(parts, 3, 4));
                case "interval" -> new ScheduleSpec.Interval(number(parts, 1, 4), number(parts, 2, 4),
                        number(parts, 3, 4));
                case "piecewise" -> new ScheduleSpec.Piecewise(knots(parts));
                case "explicit" -> new ScheduleSpec.Explicit(scales(parts));
                default -> new ScheduleSpec.Constant(number(parts, 0, 1));
            };
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a schedule; expected " + SYNTAX);
        }
    }

    private static double number(String[] parts, int index, int expectedParts) {
        if (parts.length != expectedParts) {
            throw new ArrayIndexOutOfBoundsException(expectedParts);
        }
        return Double.parseDouble(parts[index]);
    }

    private static List<ScheduleSpec.Knot> knots(String[] parts) {
        List<ScheduleSpec.Knot> knots = new ArrayList<>();
        for (String knot : single(parts).split(",")) {
            String[] pair = knot.split("=");
            if (pair.length != 2) {
                throw new NumberFormatException(knot);
            }
            knots.add(new ScheduleSpec.Knot(Double.parseDouble(pair[0]), Double.parseDouble(pair[1])));
        }
        return knots;
    }

    private static List<Double> scales(String[] parts) {
        List<Double> scales = new ArrayList<>();
        for (String value : single(parts).split(",")) {
            scales.add(Double.parseDouble(value));
        }
        return scales;
    }

    private static String single(String[] parts) {
        if (parts.length != 2) {
            throw new ArrayIndexOutOfBoundsException(2);
        }
        return parts[1];
    }
}
