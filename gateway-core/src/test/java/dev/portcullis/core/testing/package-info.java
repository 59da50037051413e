/**
 * Test fixtures: a recording stand-in upstream and upstream client, request and body builders, and the recording
 * SLF4J binding with a real per-thread MDC that the core and servlet tests log through.
 */
package dev.portcullis.core.testing;
