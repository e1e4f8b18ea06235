package dev.gdq.infra.s3;

import dev.gdq.infra.process.ServiceStartException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * Checks, before S3Proxy starts, that its data directory can hold objects: it exists or can be
 * created, a file can be written in it, and that file takes a user extended attribute (where the
 * filesystem backend keeps content type and user metadata). S3Proxy itself would start fine and
 * only fail on the first upload.
 */
final class DataDirectory {

    private DataDirectory() {
    }

    static void requireUsable(String service, Path directory) {
        Path probe = null;
        try {
            Files.createDirectories(directory);
            probe = Files.createTempFile(directory, ".gdq-write-probe", ".tmp");
            UserDefinedFileAttributeView attributes =
                    Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
            if (attributes == null) {
                throw unusable(service, directory, "its filesystem has no user extended attributes,"
                        + " where S3Proxy's filesystem backend keeps object metadata");
            }
            attributes.write("gdq.probe", ByteBuffer.wrap("1".getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw unusable(service, directory, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            deleteProbe(probe);
        }
    }

    private static ServiceStartException unusable(String service, Path directory, String why) {
        return new ServiceStartException(service, "data directory " + directory.toAbsolutePath()
                + " is not usable (not writable or not creatable): " + why);
    }

    private static void deleteProbe(Path probe) {
        if (probe == null) {
            return;
        }
        try {
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + probe, e);
        }
    }
}
