package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import java.util.List;

/**
 * Client address rules ({@code IpFilter}): deny wins; with an allow list only listed ranges pass.
 *
 * <pre>{@code
 * ipFilter: {allow: [192.0.2.0/24, "2001:db8:1::/48"], deny: [192.0.2.66]}
 * }</pre>
 *
 * @param allow ranges allowed
 * @param deny ranges denied
 */
@Doc("Client address rules on the resolved client address: deny wins; with an allow list only listed ranges pass.")
public record IpFilterModel(
        @Doc("IPv4/IPv6 addresses or CIDR blocks allowed; empty allows all.") List<String> allow,
        @Doc("IPv4/IPv6 addresses or CIDR blocks denied.") List<String> deny) {
}
