/**
 * The declarative front end of the Java DSL: a gateway described in one YAML (or JSON) file, checked with errors
 * that name the file, line, column and setting, mapped onto the same builders as code, and reloaded from disk
 * without losing state that unchanged settings hold.
 *
 * <ul>
 *   <li>{@link dev.portcullis.config.GatewayConfig}: load a file, apply it to a gateway or filter builder;</li>
 *   <li>{@link dev.portcullis.config.ConfigException} and {@link dev.portcullis.config.ConfigProblem}: what is
 *       wrong, where;</li>
 *   <li>{@link dev.portcullis.config.InterceptorRegistry}: custom stages a file names;</li>
 *   <li>{@link dev.portcullis.config.ConfigReloader}: reload on demand or on change;</li>
 *   <li>{@link dev.portcullis.config.ConfigSchema}: the format's JSON Schema.</li>
 * </ul>
 *
 * <pre>{@code
 * GatewayConfig config = GatewayConfig.loader().load(Path.of("gateway.yaml"));
 * GatewayFilter filter = config.applyTo(GatewayFilter.builder()).build();
 * }</pre>
 */
package dev.portcullis.config;
