/**
 * Test fixtures: a recording stand-in upstream, a client that counts its closes, request and body builders, and a
 * capture of what is logged.
 */
package dev.portcullis.core.testing;
