/** Test fixtures: a recording stand-in upstream and request and body builders. */
package dev.portcullis.core.testing;
