package dev.portcullis.servlet.it.resilience;

/** {@link ResilienceContract} with the JDK upstream client, the default when no other client is on the classpath. */
class JdkResilienceTest extends ResilienceContract {
}
