/**
 * Request guards: {@link dev.portcullis.core.guard.RequestGuards} checks sizes, methods, content types and
 * required headers and query parameters from a per-route {@link dev.portcullis.core.guard.GuardPolicy},
 * before any body byte is read, and caps the streamed body.
 */
package dev.portcullis.core.guard;
