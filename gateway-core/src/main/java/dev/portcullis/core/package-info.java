/**
 * The container-neutral engine. {@link dev.portcullis.core.Gateway} holds the parts (admission cap, request intake,
 * pipeline, reverse proxy, problem documents, exchange events) as one immutable configuration that
 * {@linkplain dev.portcullis.core.Gateway#reload reload} replaces; a container adapter turns each request into an
 * {@link dev.portcullis.core.IncomingRequest}, {@linkplain dev.portcullis.core.Gateway#open opens} an
 * {@link dev.portcullis.core.Exchange} (bound to the configuration current then), runs it and reports what happens
 * on the wire. Sub-packages: the upstream
 * client contract and the JDK client ({@code client}), and the standard stages ({@code guard}, {@code cors},
 * {@code ipfilter}, {@code transform}). {@code internal} packages are implementation and promise nothing.
 */
package dev.portcullis.core;
