package dev.portcullis.config.internal;

import dev.portcullis.config.internal.model.HeaderEditsModel;
import dev.portcullis.config.internal.model.QueryEditsModel;
import dev.portcullis.config.internal.model.TransformModel;
import dev.portcullis.core.transform.HeaderEdits;
import dev.portcullis.core.transform.QueryEdits;
import dev.portcullis.core.transform.Transform;
import java.util.Map;

/**
 * Maps transform sections onto {@link Transform}: header edits in the order remove, rename, set, add, and query
 * edits. A header name or value the DSL refuses is a finding at its key.
 *
 * <pre>{@code
 * Transform transform = new Transforms(context).transform(transformModel);
 * }</pre>
 */
final class Transforms {
    private final AssemblyContext context;

    Transforms(AssemblyContext context) {
        this.context = context;
    }

    /** @param model a transform section @return the transform (with what could be mapped) */
    Transform transform(TransformModel model) {
        Transform.Builder builder = Transform.builder();
        if (model.request() != null) {
            builder.request(headers(model.request()));
        }
        if (model.query() != null) {
            builder.query(query(model.query()));
        }
        if (model.response() != null) {
            builder.response(headers(model.response()));
        }
        return builder.build();
    }

    private HeaderEdits headers(HeaderEditsModel model) {
        HeaderEdits.Builder builder = HeaderEdits.builder();
        if (model.remove() != null) {
            for (int i = 0; i < model.remove().size(); i++) {
                String name = model.remove().get(i);
                context.attempt(context.at(model.remove(), i), () -> builder.remove(name));
            }
        }
        each(model.rename(), builder::rename);
        each(model.set(), builder::set);
        each(model.add(), builder::add);
        return builder.build();
    }

    private QueryEdits query(QueryEditsModel model) {
        QueryEdits.Builder builder = QueryEdits.builder();
        if (model.remove() != null) {
            model.remove().forEach(builder::remove);
        }
        each(model.add(), builder::add);
        return builder.build();
    }

    private void each(Map<String, String> pairs, java.util.function.BiFunction<String, String, ?> edit) {
        if (pairs != null) {
            pairs.forEach((name, value) -> context.attempt(context.at(pairs, name), () -> edit.apply(name, value)));
        }
    }
}
