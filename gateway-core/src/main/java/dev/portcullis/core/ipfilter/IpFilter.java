package dev.portcullis.core.ipfilter;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Allow and deny lists of CIDR ranges applied to {@code request.clientAddress()} (the client as resolved through
 * the trusted proxies, never a raw {@code X-Forwarded-For}). A denied address gets a 403 {@code ip-denied} problem.
 *
 * <p>Rules: an address in a deny range is refused; otherwise, when allow ranges exist, only addresses in one of them
 * pass; with no allow range every address not denied passes. Ranges are parsed at {@link Builder#build()}.
 *
 * <pre>{@code
 * Interceptor offices = IpFilter.builder()
 *     .allow("192.0.2.0/24", "2001:db8:1::/48")
 *     .deny("192.0.2.66")
 *     .build()
 *     .interceptor();
 * }</pre>
 */
public final class IpFilter {
    private final List<CidrRange> allowed;
    private final List<CidrRange> denied;

    private IpFilter(Builder b) {
        this.allowed = List.copyOf(b.allowed);
        this.denied = List.copyOf(b.denied);
    }

    /** @return a builder with empty lists (everything passes) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param address a client address
     * @return whether the rules let it through
     */
    public boolean permits(InetAddress address) {
        for (CidrRange range : denied) {
            if (range.contains(address)) {
                return false;
            }
        }
        if (allowed.isEmpty()) {
            return true;
        }
        for (CidrRange range : allowed) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** @return an interceptor named {@code IpFilter} enforcing these rules */
    public Interceptor interceptor() {
        return Interceptor.named("IpFilter", chain -> permits(chain.request().clientAddress())
                ? chain.proceed(chain.request())
                : CompletableFuture.completedFuture(GatewayResponse.problem(
                        Problem.builder(ProblemTypes.IP_DENIED, 403, "Forbidden")
                                .detail("Requests from your address are not allowed.").build())));
    }

    /** Collects the ranges of an {@link IpFilter}. Not thread-safe. */
    public static final class Builder {
        private final List<CidrRange> allowed = new ArrayList<>();
        private final List<CidrRange> denied = new ArrayList<>();

        private Builder() {
        }

        /** @param cidrs ranges to allow; once any is given, all other addresses are refused @return this builder */
        public Builder allow(String... cidrs) {
            for (String cidr : cidrs) {
                allowed.add(CidrRange.parse(cidr));
            }
            return this;
        }

        /** @param cidrs ranges to refuse, winning over the allow list @return this builder */
        public Builder deny(String... cidrs) {
            for (String cidr : cidrs) {
                denied.add(CidrRange.parse(cidr));
            }
            return this;
        }

        /** @return the filter */
        public IpFilter build() {
            return new IpFilter(this);
        }
    }
}
