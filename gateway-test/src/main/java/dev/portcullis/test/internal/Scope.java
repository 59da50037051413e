package dev.portcullis.test.internal;

/**
 * When a resource registered as a JUnit 5 extension stops. Held in a static field, JUnit calls
 * {@code beforeAll}/{@code afterAll} on it (once for its class and once for each {@code @Nested} class inside), and
 * it lives until the outermost class ends. Held in an instance field, it sees no {@code beforeAll} and lives for one
 * test. Thread-safe.
 *
 * <pre>{@code
 * public void afterEach(ExtensionContext context) {
 *     if (scope.testEnded()) {
 *         close();
 *     }
 * }
 * }</pre>
 */
public final class Scope {
    private int classes;

    /** A class using the resource starts. */
    public synchronized void classStarted() {
        classes++;
    }

    /** @return whether the resource stops now: the outermost class using it ended */
    public synchronized boolean classEnded() {
        classes = Math.max(0, classes - 1);
        return classes == 0;
    }

    /** @return whether the resource stops now: it lives for one test, not for a class */
    public synchronized boolean testEnded() {
        return classes == 0;
    }
}
