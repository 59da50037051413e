package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import java.time.Duration;

/**
 * One limit ({@code Limit}).
 *
 * <pre>{@code
 * {name: burst, quota: 20, window: 1s, refill: greedy}
 * }</pre>
 *
 * @param name the limit's name in the rate-limit fields
 * @param quota units per window
 * @param window the window
 * @param refill how spent units come back
 */
@Doc("A limit: quota units per window.")
public record LimitModel(
        @Doc("The limit's name in the RateLimit fields.") @Required String name,
        @Doc("Units per window.") @Required Long quota,
        @Doc("The window, whole seconds (1s, 1m, 1h, 1d).") @Required Duration window,
        @Doc("greedy refills one unit every window/quota; interval refills the whole quota each window.") @Required
        Refill refill) {

    /** How spent units come back. */
    public enum Refill {
        /** {@code Limit.greedy}. */
        GREEDY,
        /** {@code Limit.interval}. */
        INTERVAL
    }
}
