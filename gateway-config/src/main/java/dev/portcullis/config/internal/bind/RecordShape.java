package dev.portcullis.config.internal.bind;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/**
 * What the binder needs of a model record, read by reflection once per class: its components (names, generic types,
 * annotations) and its canonical constructor. Reflection re-parses generic signatures on every call, which would
 * otherwise dominate a reload.
 *
 * <pre>{@code
 * RecordShape shape = RecordShape.of(RouteModel.class);
 * shape.names();   // [id, path, hosts, ...]
 * }</pre>
 *
 * @param components the components in declaration order
 * @param genericTypes their generic types
 * @param names their names
 * @param constructor the canonical constructor
 */
record RecordShape(RecordComponent[] components, Type[] genericTypes, List<String> names,
                   Constructor<?> constructor) {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            try {
                return new RecordShape(components,
                        Arrays.stream(components).map(RecordComponent::getGenericType).toArray(Type[]::new),
                        Arrays.stream(components).map(RecordComponent::getName).toList(),
                        type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                                .toArray(Class<?>[]::new)));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no canonical constructor in " + type.getName(), e);
            }
        }
    };

    /** @param type a record class @return its shape */
    static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }
}
