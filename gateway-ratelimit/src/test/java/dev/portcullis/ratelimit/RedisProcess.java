package dev.portcullis.ratelimit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real redis-server for tests, started on a free 127.0.0.1 port in a temp dir: Debian's {@code redis-server} if it
 * is on PATH, else the binary shipped in the {@code com.github.codemonstur:embedded-redis} test jar. Nothing has to
 * be installed by hand. {@code -Dportcullis.redis.shipped=true} skips PATH, to try the shipped binary. Public for the
 * integration tests in {@code dev.portcullis.servlet.it.ratelimit}.
 */
public final class RedisProcess implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private RedisProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * @return a ready redis-server; close it at the end of the test
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static RedisProcess start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("portcullis-redis");
        int port = freePort();
        Process process = new ProcessBuilder(binary(dir).toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> drain(process.getInputStream(), ready), "redis-" + port);
        reader.setDaemon(true);
        reader.start();
        RedisProcess redis = new RedisProcess(process, dir, port);
        if (!ready.await(20, TimeUnit.SECONDS)) {
            redis.close();
            throw new IllegalStateException("redis-server did not become ready within 20 s");
        }
        return redis;
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the server and removes its dir; calling it again does nothing. */
    @Override
    public void close() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void drain(InputStream output, CountDownLatch ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains("Ready to accept connections")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process ended; close() reaps it
        }
    }

    private static Path binary(Path dir) throws IOException {
        String path = Boolean.getBoolean("portcullis.redis.shipped") ? "" : System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry, "redis-server");
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String resource = arch.contains("aarch64") || arch.contains("arm64")
                ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
        try (InputStream shipped = RedisProcess.class.getClassLoader().getResourceAsStream(resource)) {
            if (shipped == null) {
                throw new IllegalStateException("no redis-server on PATH and no " + resource + " on the classpath");
            }
            Path binary = dir.resolve("redis-server");
            Files.copy(shipped, binary, StandardCopyOption.REPLACE_EXISTING);
            if (!binary.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + binary + " executable");
            }
            return binary;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
