package dev.gdq.infra.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Classpaths of the child JVMs, resolved by Maven when gdq-infra was built (from
 * {@code infra/src/child-runtime/pom.xml}) and shipped in the jar as {@code <name>.classpath} next to
 * this class. They name jars in the local Maven repository of the machine that built gdq-infra.
 */
public final class ChildClasspath {

    /** The Kafka broker: kafka_2.13, its dependencies and an slf4j binding. */
    public static final String KAFKA_BROKER = "kafka-broker";

    /** S3Proxy: one self-contained jar. */
    public static final String S3PROXY = "s3proxy";

    private ChildClasspath() {
    }

    /** The classpath called {@code name}, each entry checked to exist. */
    public static List<Path> of(String name) {
        String resource = name + ".classpath";
        String text;
        try (InputStream in = ChildClasspath.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ServiceStartException(name, "classpath file " + resource + " is missing from gdq-infra;"
                        + " rebuild it: mvn -pl infra install");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        List<Path> entries = Arrays.stream(text.split(File.pathSeparator)).map(Path::of).toList();
        List<Path> missing = entries.stream().filter(entry -> !Files.exists(entry)).toList();
        if (!missing.isEmpty()) {
            throw new ServiceStartException(name, missing.size() + " jar(s) of its classpath are gone from the local"
                    + " Maven repository, e.g. " + missing.get(0) + "; rebuild gdq-infra: mvn -pl infra install");
        }
        return entries;
    }
}
