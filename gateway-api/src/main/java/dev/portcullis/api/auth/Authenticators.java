package dev.portcullis.api.auth;

import dev.portcullis.api.AttributeKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticators one route asks, in order, instead of the {@link Authentication} stage's defaults; or none at all
 * ({@link #anonymous()}). Immutable. Attach it to a route as metadata under {@link #KEY}; a route without it uses the
 * stage's defaults.
 *
 * <p>Choosing authenticators only decides who may vouch for a request on the route. Whether the route needs a
 * principal at all is the {@link AccessPolicy} it carries: an anonymous route normally also carries
 * {@link AccessPolicy#anonymous()}, or the {@link Authorization} stage answers 401 to every request on it.
 *
 * <pre>{@code
 * Route.builder("partners").path("/partners/**").upstream("http://127.0.0.1:9001")
 *     .metadata(Authenticators.KEY, Authenticators.of(partnerJwt))
 *     .build();
 * Route.builder("public").path("/public/**").upstream("http://127.0.0.1:9002")
 *     .metadata(Authenticators.KEY, Authenticators.anonymous())
 *     .metadata(AccessPolicy.KEY, AccessPolicy.anonymous())
 *     .build();
 * }</pre>
 */
public final class Authenticators {
    /** The route metadata key. */
    public static final AttributeKey<Authenticators> KEY = AttributeKey.of("authenticators", Authenticators.class);

    private static final Authenticators ANONYMOUS = new Authenticators(List.of());

    private final List<Authenticator> list;

    private Authenticators(List<Authenticator> list) {
        this.list = List.copyOf(list);
    }

    /**
     * @param first the first authenticator to ask
     * @param more further authenticators, asked in order while the earlier ones abstain
     * @return those authenticators
     * @throws NullPointerException naming the position of a null authenticator
     * @throws IllegalArgumentException when one authenticator is given twice
     */
    public static Authenticators of(Authenticator first, Authenticator... more) {
        Objects.requireNonNull(more, "authenticators");
        List<Authenticator> all = new ArrayList<>(1 + more.length);
        all.add(Objects.requireNonNull(first, "authenticators[0] is null"));
        for (int i = 0; i < more.length; i++) {
            int position = i + 1;
            all.add(Objects.requireNonNull(more[i], () -> "authenticators[" + position + "] is null"));
        }
        Set<Authenticator> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Authenticator authenticator : all) {
            if (!seen.add(authenticator)) {
                throw new IllegalArgumentException("authenticators: " + authenticator + " is given twice");
            }
        }
        return new Authenticators(all);
    }

    /**
     * @return no authenticator: the stage asks none, still removes identity headers, an earlier principal and every
     *     credential it knows of, and lets the request on anonymously
     */
    public static Authenticators anonymous() {
        return ANONYMOUS;
    }

    /** @return the authenticators in the order they are asked; empty for {@link #anonymous()} */
    public List<Authenticator> list() {
        return list;
    }

    /** @return whether no authenticator is asked */
    public boolean isAnonymous() {
        return list.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Authenticators that && list.equals(that.list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    @Override
    public String toString() {
        return isAnonymous() ? "Authenticators[anonymous]" : "Authenticators" + list;
    }
}
