package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import java.time.Duration;

/**
 * Passive outlier ejection ({@code OutlierEjection}).
 *
 * <pre>{@code
 * outlierEjection: {consecutiveFailures: 3, baseEjectionTime: 10s, maxEjectedPercent: 34}
 * outlierEjection: {enabled: false}
 * }</pre>
 *
 * @param enabled whether instances are ejected at all
 * @param consecutiveFailures failures in a row that eject
 * @param countServerErrors whether 5xx answers count as failures
 * @param baseEjectionTime the first ejection's length
 * @param maxEjectionTime the longest ejection
 * @param maxEjectedPercent the largest share of instances out at once
 */
@Doc("Passive outlier ejection: an instance that fails in a row is taken out for a while, longer each time.")
public record OutlierEjectionModel(
        @Doc("false turns ejection off (then set nothing else here); default true.") Boolean enabled,
        @Doc("Failures in a row (connect failure, reset, timeout) that eject, default 5, 1..1000.")
        Integer consecutiveFailures,
        @Doc("Whether 5xx answers count as failures; default false.") Boolean countServerErrors,
        @Doc("The first ejection's length, default 30s, from 1ms to 1h; it grows with each ejection.")
        Duration baseEjectionTime,
        @Doc("The longest ejection, default 300s, at least baseEjectionTime, at most 1d.") Duration maxEjectionTime,
        @Doc("The largest share of instances out at once in per cent, default 50, 0..100 (0: none).")
        Integer maxEjectedPercent) {
}
