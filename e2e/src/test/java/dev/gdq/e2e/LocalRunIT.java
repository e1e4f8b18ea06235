package dev.gdq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gdq.worker.model.ModelRepository;
import dev.gdq.worker.model.ServedModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, end to end, on real parts: {@code infra/run-local.sh} starts Kafka and S3, the
 * api and a worker with the reference model, submits a job over REST, follows it over SSE and downloads the
 * PNGs through their presigned URLs; the evaluation classifier then checks the images show what was asked.
 */
class LocalRunIT {

    private static final List<String> CLASSES = List.of("trouser", "bag");
    private static final int PER_CLASS = 2;

    @Test
    void localRunProducesImagesOfTheRequestedClassesAndLeavesNothingRunning() throws Exception {
        Path repo = repoRoot();
        Path target = repo.resolve("e2e/target");
        Path out = target.resolve("local-run-out");
        Path servicesHome = Files.createTempDirectory(target, "services-");
        ProcessBuilder run = new ProcessBuilder(repo.resolve("infra/run-local.sh").toString(), "--no-build",
                "--classes", String.join(",", CLASSES), "--per-class", String.valueOf(PER_CLASS), "--steps", "20",
                "--cfg", "3", "--seed", "11", "--out", out.toString(), "--api-port", String.valueOf(freePort()))
                .redirectErrorStream(true).redirectOutput(target.resolve("local-run.log").toFile());
        int[] ports = {freePort(), freePort(), freePort()};
        run.environment().put("GDQ_SERVICES_HOME", servicesHome.toString());
        run.environment().put("KAFKA_PORT", String.valueOf(ports[0]));
        run.environment().put("KAFKA_CONTROLLER_PORT", String.valueOf(ports[1]));
        run.environment().put("S3_PORT", String.valueOf(ports[2]));

        Process process = run.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroy();
        }

        assertThat(finished).as("run-local.sh finished; see e2e/target/local-run.log").isTrue();
        assertThat(process.exitValue()).as("exit status; see e2e/target/local-run.log").isZero();
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < CLASSES.size() * PER_CLASS; i++) {
            BufferedImage image = ImageIO.read(out.resolve(i + ".png").toFile());
            assertThat(image.getWidth()).isEqualTo(28);
            assertThat(image.getHeight()).isEqualTo(28);
            images.add(image);
        }
        assertThat(out.resolve("contact-sheet.png")).exists();
        assertThat(Files.readAllLines(out.resolve("urls.txt"))).hasSize(images.size())
                .allMatch(line -> line.contains("X-Amz-Signature="));
        assertThat(predictedClasses(repo, images)).containsExactly("trouser", "trouser", "bag", "bag");
        for (int port : ports) {
            assertThat(isFree(port)).as("port " + port + " released").isTrue();
        }
        try (Stream<Path> pidFiles = Files.walk(servicesHome).filter(p -> p.toString().endsWith(".pid"))) {
            for (Path pidFile : pidFiles.toList()) {
                long pid = Long.parseLong(Files.readString(pidFile).trim().split("\\s+")[0]);
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("process of " + pidFile).isFalse();
            }
        }
    }

    private static List<String> predictedClasses(Path repo, List<BufferedImage> images) throws Exception {
        try (ServedModel model = new ModelRepository(false).load(repo.resolve("models/fashion-mnist"));
             NDManager manager = NDManager.newBaseManager(model.device(), "PyTorch")) {
            float[] pixels = new float[images.size() * 28 * 28];
            for (int i = 0; i < images.size(); i++) {
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        pixels[i * 784 + y * 28 + x] = images.get(i).getRaster().getSample(x, y, 0) / 127.5f - 1f;
                    }
                }
            }
            long[] predicted = model.evalClassifier().orElseThrow()
                    .classify(manager.create(pixels, new Shape(images.size(), 1, 28, 28))).logits().argMax(1)
                    .toLongArray();
            List<String> names = new ArrayList<>();
            for (long p : predicted) {
                names.add(model.manifest().classNames().get((int) p));
            }
            return names;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path repoRoot() {
        String configured = System.getProperty("gdq.repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("infra/run-local.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("no infra/run-local.sh above " + start);
    }
}
