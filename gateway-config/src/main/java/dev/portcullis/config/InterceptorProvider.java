package dev.portcullis.config;

/**
 * A custom stage found with {@link java.util.ServiceLoader}, for applications that cannot register stages in code
 * (the standalone launcher): list the implementation in
 * {@code META-INF/services/dev.portcullis.config.InterceptorProvider} and name it in the file's pipeline.
 *
 * <pre>{@code
 * public final class TenantProvider implements InterceptorProvider {
 *     public String name() { return "tenant"; }
 *     public Interceptor create(Map<String, Object> settings) { return TenantInterceptor.builder().build(); }
 * }
 * }</pre>
 */
public interface InterceptorProvider extends InterceptorFactory {
    /** @return the stage's name in the file's pipeline */
    String name();
}
