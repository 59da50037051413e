/**
 * The admin view: {@link dev.portcullis.servlet.admin.AdminServlet}, a read-only JSON listing of a gateway's routes,
 * pipeline and upstream instances with liveness and readiness endpoints, mounted apart from the gateway filter and
 * denying everyone it was not told to allow.
 */
package dev.portcullis.servlet.admin;
