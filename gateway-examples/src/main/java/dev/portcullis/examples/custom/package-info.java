/**
 * A custom interceptor, written the way a user of Portcullis would write one: {@link
 * dev.portcullis.examples.custom.TenantInterceptor} reads a tenant from a header, refuses unknown tenants with an
 * {@code application/problem+json} answer, and hands the tenant to later stages as a typed attribute. It needs
 * nothing but {@code gateway-api}. Likewise a custom load-balancing strategy ({@link
 * dev.portcullis.examples.custom.PrimaryFirst}) and a custom route predicate ({@link
 * dev.portcullis.examples.custom.InternalCaller}); the providers offer all three to configuration files through
 * {@link java.util.ServiceLoader}.
 */
package dev.portcullis.examples.custom;
