package dev.portcullis.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code portcullis-gateway.jar} run as a user runs it: a child {@code java} process whose standard output and error
 * go to files (a pipe lost the lines the JVM wrote in its shutdown hooks). Closing it kills the process if it still
 * runs, so a failing test never leaves one behind.
 *
 * <pre>{@code
 * try (RunningJar gateway = RunningJar.start(directory, List.of("-jar", RunningJar.jar().toString(), "--port", "0"))) {
 *     int port = gateway.awaitPort();
 * }
 * }</pre>
 */
final class RunningJar implements AutoCloseable {
    /** How long a JVM may take to start and listen on a loaded machine. */
    static final long START_SECONDS = 60;
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final long POLL_MILLIS = 50;

    private final Process process;
    private final Path out;
    private final Path err;

    private RunningJar(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** @return the jar the build made, passed in by the failsafe configuration */
    static Path jar() {
        String jar = System.getProperty("portcullis.gateway.jar");
        if (jar == null) {
            throw new IllegalStateException("portcullis.gateway.jar is not set: run this test with mvn verify");
        }
        return Path.of(jar);
    }

    /**
     * @param directory where the process's output files go
     * @param arguments what follows {@code java}, e.g. {@code -jar portcullis-gateway.jar --help}
     * @return the started process
     * @throws IOException if {@code java} cannot be started
     */
    static RunningJar start(Path directory, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.addAll(arguments);
        Path out = Files.createTempFile(directory, "stdout", ".txt");
        Path err = Files.createTempFile(directory, "stderr", ".txt");
        return new RunningJar(new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start(), out, err);
    }

    /**
     * @return the port the gateway printed it listens on
     * @throws AssertionError if it printed none within {@link #START_SECONDS}, with everything it printed
     */
    int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            boolean ended = !process.isAlive();
            for (String line : out()) {
                Matcher port = LISTENING.matcher(line);
                if (port.find()) {
                    return Integer.parseInt(port.group(1));
                }
            }
            if (ended) {
                break;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new AssertionError("the gateway printed no port; it printed:\n" + output());
    }

    /**
     * @param seconds how long to wait
     * @return the exit status
     * @throws AssertionError if it still ran after that long (it is then killed by {@link #close()})
     */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + seconds + " s; it printed:\n" + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM (on Unix; {@link Process#destroy()}). */
    void terminate() {
        process.destroy();
    }

    /** @return the lines printed on standard output so far */
    List<String> out() {
        return lines(out);
    }

    /** @return the lines printed on standard error so far */
    List<String> err() {
        return lines(err);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return both streams, for failure messages */
    String output() {
        return "stdout:\n" + String.join("\n", out()) + "\nstderr:\n" + String.join("\n", err());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
