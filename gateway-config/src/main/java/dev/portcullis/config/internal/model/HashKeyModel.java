package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.ExactlyOne;

/**
 * What consistent hashing hashes ({@code HashKey}): exactly one of a header, a cookie or the client address.
 *
 * <pre>{@code
 * hashKey: {header: X-User-Id}
 * hashKey: {cookie: session}
 * hashKey: {clientAddress: true}
 * }</pre>
 *
 * @param header a request header's value
 * @param cookie a cookie's value
 * @param clientAddress the client's address
 */
@Doc("What loadBalancer: consistent-hash hashes: exactly one of header, cookie, clientAddress.")
@ExactlyOne({"header", "cookie", "clientAddress"})
public record HashKeyModel(
        @Doc("A request header whose value is hashed.") String header,
        @Doc("A cookie whose value is hashed.") String cookie,
        @Doc("true hashes the client's address (after trusted proxies).") Boolean clientAddress) {
}
