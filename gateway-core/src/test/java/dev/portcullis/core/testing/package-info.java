/**
 * Test fixtures: a recording stand-in upstream and upstream client, a client that counts its closes, request and
 * body builders, a capture of what is logged, and the recording SLF4J binding with a real per-thread MDC that the
 * core and servlet tests log through.
 */
package dev.portcullis.core.testing;
