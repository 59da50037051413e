/** Test fixtures: a recording stand-in upstream, a client that counts its closes, request and body builders. */
package dev.portcullis.core.testing;
