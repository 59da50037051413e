/**
 * Test helpers shared through gateway-config's test jar: requests built as the gateway hands them to its pipeline,
 * a recorder of what a pipeline decides, and HS256 tokens. gateway-examples compares each example file with its
 * Java twin with them.
 *
 * <pre>{@code
 * Decision decision = Decisions.run(config.pipeline(), Requests.of("GET", "/api/x").build("r1"));
 * }</pre>
 */
package dev.portcullis.config.testing;
