/**
 * JMH benchmarks of the reverse proxy's own per-request work, without sockets: header hygiene, routing, upstream
 * URI and header building, and turning the upstream's answer into the gateway's response.
 */
package dev.portcullis.benchmarks.proxy;
