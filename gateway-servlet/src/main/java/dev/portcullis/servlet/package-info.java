/**
 * The servlet side of Portcullis: the {@code GatewayFilter} that mounts a pipeline in a Jakarta Servlet 6 container.
 */
package dev.portcullis.servlet;
