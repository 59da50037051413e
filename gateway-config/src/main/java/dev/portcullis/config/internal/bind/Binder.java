package dev.portcullis.config.internal.bind;

import dev.portcullis.config.internal.tree.Findings;
import dev.portcullis.config.internal.tree.Node;
import dev.portcullis.config.internal.tree.SettingPath;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds located {@link Node}s onto the configuration model: records whose component names are the keys, with
 * {@link Required}, {@link Shorthand}, {@link OneOrMany} and {@link ExactlyOne} honoured. It never stops at the
 * first mistake: an unknown key (with the nearest valid names), a value of the wrong type, an unreadable secret or
 * file each become a finding, the setting is left unset, and binding goes on. Where each value came from is recorded
 * in {@link Origins}. Not thread-safe; one per load.
 *
 * <pre>{@code
 * Binder binder = new Binder(new References(sources), findings, origins);
 * GatewayModel model = binder.bind(TreeReader.read(text, "gateway.yaml"), GatewayModel.class);
 * findings.throwIfAny();
 * }</pre>
 */
public final class Binder {
    private final Findings findings;
    private final Origins origins;
    private final Scalars scalars;

    /**
     * @param references reads secrets and files
     * @param findings collects what is wrong
     * @param origins records where values came from
     */
    public Binder(References references, Findings findings, Origins origins) {
        this.findings = findings;
        this.origins = origins;
        this.scalars = new Scalars(references, findings);
    }

    /**
     * @param root the file's root node
     * @param type the model's root record
     * @param <T> the root type
     * @return the bound model; check the findings before using it
     */
    public <T> T bind(Node root, Class<T> type) {
        return type.cast(value(root, type, false, ""));
    }

    private Object value(Node node, Type type, boolean oneOrMany, String path) {
        if (node instanceof Node.ScalarNode scalar && scalar.type() == Node.ScalarType.NULL) {
            return null;
        }
        if (type instanceof ParameterizedType generic) {
            Type[] arguments = generic.getActualTypeArguments();
            return generic.getRawType() == List.class ? list(node, arguments[0], oneOrMany, path)
                    : map(node, arguments[1], path);
        }
        Class<?> raw = (Class<?>) type;
        if (raw.isRecord() && !Scalars.isScalar(raw)) {
            return record(node, raw, path);
        }
        if (raw == Object.class) {
            return Plain.of(node);
        }
        if (node instanceof Node.ScalarNode scalar) {
            return scalars.read(scalar, raw, path);
        }
        findings.add(node.location(), path, "expected " + Scalars.expectation(raw) + ", found " + node.describe());
        return null;
    }

    private Object record(Node node, Class<?> type, String path) {
        RecordShape shape = RecordShape.of(type);
        RecordComponent[] components = shape.components();
        Object[] values = new Object[components.length];
        if (node instanceof Node.ScalarNode scalar) {
            RecordComponent shorthand = Arrays.stream(components).filter(c -> c.isAnnotationPresent(Shorthand.class))
                    .findFirst().orElse(null);
            if (shorthand == null) {
                findings.add(node.location(), path, "expected a map of settings ("
                        + String.join(", ", shape.names()) + "), found " + node.describe());
                return null;
            }
            int index = Arrays.asList(components).indexOf(shorthand);
            values[index] = value(node, shape.genericTypes()[index], false, path);
            return construct(shape, values, new Origin(node.location(), path), Map.of());
        }
        if (!(node instanceof Node.MapNode map)) {
            findings.add(node.location(), path, "expected a map of settings (" + String.join(", ", shape.names())
                    + "), found " + node.describe());
            return null;
        }
        List<String> names = shape.names();
        map.entries().forEach((key, entry) -> {
            if (!names.contains(key)) {
                findings.add(entry.keyLocation(), SettingPath.child(path, key),
                        "unknown setting '" + key + "'" + Suggestions.hint(key, names));
            }
        });
        Map<String, Origin> members = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String childPath = SettingPath.child(path, component.getName());
            Node.Entry entry = map.entries().get(component.getName());
            if (entry != null) {
                members.put(component.getName(), new Origin(entry.value().location(), childPath));
                values[i] = value(entry.value(), shape.genericTypes()[i],
                        component.isAnnotationPresent(OneOrMany.class), childPath);
            }
            boolean empty = entry != null && entry.value() instanceof Node.ScalarNode scalar
                    && scalar.type() == Node.ScalarType.NULL;
            if (empty && component.isAnnotationPresent(Required.class)) {
                findings.add(entry.value().location(), childPath, "'" + component.getName() + "' needs a value");
            } else if (entry == null && component.isAnnotationPresent(Required.class)) {
                findings.add(map.location(), childPath, "missing required setting '" + component.getName() + "'");
            }
        }
        checkExactlyOne(type, map, new Origin(map.location(), path));
        return construct(shape, values, new Origin(map.location(), path), members);
    }

    /** Counts the settings written (even those whose value was wrong, which have a finding of their own). */
    private void checkExactlyOne(Class<?> type, Node.MapNode map, Origin at) {
        ExactlyOne one = type.getAnnotation(ExactlyOne.class);
        if (one == null) {
            return;
        }
        List<String> set = new ArrayList<>();
        for (String name : one.value()) {
            Node.Entry entry = map.entries().get(name);
            if (entry != null && !(entry.value() instanceof Node.ScalarNode scalar
                    && scalar.type() == Node.ScalarType.NULL)) {
                set.add(name);
            }
        }
        if (set.size() != 1) {
            findings.add(at.location(), at.path(), "set exactly one of " + String.join(", ", one.value())
                    + (set.isEmpty() ? " (found none)" : " (found " + String.join(", ", set) + ")"));
        }
    }

    private Object construct(RecordShape shape, Object[] values, Origin at, Map<String, Origin> members) {
        Object instance;
        try {
            instance = shape.constructor().newInstance(values);
        } catch (InvocationTargetException e) {
            findings.add(at.location(), at.path(), String.valueOf(e.getCause().getMessage()));
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + shape.constructor().getName(), e);
        }
        origins.self(instance, at);
        members.forEach((name, origin) -> origins.member(instance, name, origin));
        return instance;
    }

    private Object list(Node node, Type item, boolean oneOrMany, String path) {
        List<Node> items;
        if (node instanceof Node.ListNode list) {
            items = list.items();
        } else if (oneOrMany && node instanceof Node.ScalarNode) {
            items = List.of(node);
        } else {
            findings.add(node.location(), path, "expected a list, found " + node.describe());
            return null;
        }
        List<Object> values = new ArrayList<>();
        List<Origin> positions = new ArrayList<>();
        for (Node element : items) {
            String elementPath = SettingPath.index(path, positions.size());
            positions.add(new Origin(element.location(), elementPath));
            Object value = value(element, item, false, elementPath);
            if (value == null && element instanceof Node.ScalarNode scalar && scalar.type() == Node.ScalarType.NULL) {
                findings.add(element.location(), elementPath, "an empty list item");
            }
            values.add(value);
        }
        List<Object> bound = Collections.unmodifiableList(values);
        origins.self(bound, new Origin(node.location(), path));
        for (int i = 0; i < positions.size(); i++) {
            origins.member(bound, i, positions.get(i));
        }
        return bound;
    }

    private Object map(Node node, Type value, String path) {
        if (!(node instanceof Node.MapNode map)) {
            findings.add(node.location(), path, "expected a map, found " + node.describe());
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Origin> keys = new LinkedHashMap<>();
        map.entries().forEach((key, entry) -> {
            String childPath = SettingPath.child(path, key);
            keys.put(key, new Origin(entry.keyLocation(), childPath));
            Object bound = value(entry.value(), value, false, childPath);
            if (bound == null && entry.value() instanceof Node.ScalarNode scalar
                    && scalar.type() == Node.ScalarType.NULL) {
                findings.add(entry.keyLocation(), childPath, "'" + key + "' needs a value");
            }
            values.put(key, bound);
        });
        Map<String, Object> bound = Collections.unmodifiableMap(values);
        origins.self(bound, new Origin(node.location(), path));
        keys.forEach((key, origin) -> origins.member(bound, key, origin));
        return bound;
    }
}
