package dev.portcullis.core.testing;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.UpstreamEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps every exchange event and every upstream event it hears, in order. */
public final class RecordingListener implements ExchangeListener {
    public final List<ExchangeEvent> events = new CopyOnWriteArrayList<>();
    public final List<UpstreamEvent> upstreamEvents = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ExchangeEvent event) {
        events.add(event);
    }

    @Override
    public void onUpstreamEvent(UpstreamEvent event) {
        upstreamEvents.add(event);
    }
}
