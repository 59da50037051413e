package dev.portcullis.config.internal;

import dev.portcullis.config.internal.bind.Origin;
import dev.portcullis.config.internal.bind.Origins;
import dev.portcullis.config.internal.bind.Suggestions;
import dev.portcullis.config.internal.model.GatewayModel;
import dev.portcullis.config.internal.tree.Findings;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One load's state while the model is mapped onto the Java DSL: the model, where its values came from, the
 * findings, the components (reused or new) and the options. {@link #attempt} runs one DSL call and turns the
 * exception a DSL builder throws into a finding at the setting that fed it, so the DSL stays the one place that
 * checks values. Not thread-safe; one per load.
 *
 * <pre>{@code
 * context.attempt(context.origins().member(timeouts, "connect"), () -> route.connectTimeout(timeouts.connect()));
 * }</pre>
 */
public final class AssemblyContext {
    private final GatewayModel model;
    private final Origins origins;
    private final Findings findings;
    private final Components components;
    private final LoadOptions options;

    /**
     * @param model the bound model
     * @param origins where its values came from
     * @param findings collects what is wrong
     * @param components this load's stateful parts
     * @param options the load's options
     */
    public AssemblyContext(GatewayModel model, Origins origins, Findings findings, Components components,
            LoadOptions options) {
        this.model = model;
        this.origins = origins;
        this.findings = findings;
        this.components = components;
        this.options = options;
    }

    /** @return the model */
    public GatewayModel model() {
        return model;
    }

    /** @return where the model's values came from */
    public Origins origins() {
        return origins;
    }

    /** @return the findings */
    public Findings findings() {
        return findings;
    }

    /** @return this load's stateful parts */
    public Components components() {
        return components;
    }

    /** @return the load's options */
    public LoadOptions options() {
        return options;
    }

    /**
     * @param container a bound record, list or map
     * @param key a member of it
     * @return where the member came from
     */
    public Origin at(Object container, Object key) {
        return origins.member(container, key);
    }

    /**
     * @param at the setting at fault
     * @param problem what is wrong with it
     */
    public void fail(Origin at, RuntimeException problem) {
        findings.add(at.location(), at.path(), messageOf(problem));
    }

    /**
     * Runs a DSL call; an exception it throws becomes a finding at {@code at}.
     *
     * @param at the setting that fed the call
     * @param action the call
     * @param <T> its result
     * @return its result, or null when it failed
     */
    public <T> T attempt(Origin at, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            fail(at, e);
            return null;
        }
    }

    /**
     * Runs a DSL setter when the file sets the value; an exception it throws becomes a finding at the setting.
     *
     * @param section the bound record holding the setting
     * @param setting the setting's name in the section
     * @param value its value, or null when the file leaves it out
     * @param apply the DSL call
     * @param <V> the value's type
     */
    public <V> void set(Object section, String setting, V value, Function<V, ?> apply) {
        if (value != null) {
            attempt(at(section, setting), () -> apply.apply(value));
        }
    }

    /**
     * Runs a DSL call that concerns a whole section (typically a builder's {@code build()}); an exception it throws
     * becomes a finding at the setting of the section its message names, else at the section.
     *
     * @param section a bound record
     * @param action the call
     * @param <T> its result
     * @return its result, or null when it failed
     */
    public <T> T attemptIn(Object section, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            String message = messageOf(e);
            Origin at = Arrays.stream(section.getClass().getRecordComponents())
                    .map(RecordComponent::getName)
                    .filter(message::contains)
                    .max(Comparator.comparingInt(String::length))
                    .map(name -> origins.member(section, name))
                    .orElseGet(() -> origins.of(section));
            fail(at, e);
            return null;
        }
    }

    /**
     * Looks up a part the application registered; an unregistered name is a finding at the setting naming it, with
     * the nearest registered name.
     *
     * @param kind the part's type
     * @param what the kind in words, e.g. {@code custom authenticator}
     * @param section the bound record naming the part
     * @param setting the setting's name in the section
     * @param name the name the file gives
     * @param <T> the kind
     * @return the part, or null when none is registered under the name
     */
    public <T> T registered(Class<T> kind, String what, Object section, String setting, String name) {
        Map<String, T> registered = options.custom().parts(kind);
        T part = registered.get(name);
        if (part == null) {
            Origin at = at(section, setting);
            findings.add(at.location(), at.path(), "no " + what + " is registered as '" + name + "'"
                    + Suggestions.hint(name, registered.keySet()));
        }
        return part;
    }

    private static String messageOf(RuntimeException e) {
        String message = e.getMessage();
        return e instanceof IllegalArgumentException && message != null ? message
                : e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
