package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;

/**
 * A route's regex rewrite ({@code Route.Builder.rewrite}).
 *
 * <pre>{@code
 * rewrite: {regex: "^/old/(?<rest>.*)$", replacement: "/${rest}"}
 * }</pre>
 *
 * @param regex the pattern, anchored with ^
 * @param replacement the replacement, starting with /
 */
@Doc("A regex rewrite of the raw path; a path it does not match is forwarded unchanged.")
public record RewriteModel(
        @Doc("A pattern over the raw path, starting with ^.") @Required String regex,
        @Doc("Its replacement, starting with /; $1 or ${name} refer to groups.") @Required String replacement) {
}
