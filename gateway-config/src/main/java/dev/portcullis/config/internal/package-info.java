/**
 * Maps a bound configuration model onto the Java DSL: routes, stages, gateway settings, the upstream client, and
 * the stateful components a reload carries over. Feature sections are mapped by the sub-packages {@code auth},
 * {@code ratelimit}, {@code jsonschema} and {@code jetty}, which alone touch the optional feature modules and are
 * loaded by name only when the file uses them. Internal: no compatibility promise.
 *
 * <pre>{@code
 * Assembly assembly = Assembler.load(text, "gateway.yaml", options, previousComponents);
 * }</pre>
 */
package dev.portcullis.config.internal;
