package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listeners combined with {@link ExchangeListener#all} hear both kinds of event, and one that throws stops none. */
class ExchangeListenerTest {
    private static final UpstreamEvent EJECTED = new UpstreamEvent.Ejected("api", URI.create("http://a.test"),
            Duration.ofSeconds(30));

    @Test
    void everyCombinedListenerHearsUpstreamEventsEvenAfterOneThrows() {
        List<UpstreamEvent> heard = new ArrayList<>();
        ExchangeListener broken = new ExchangeListener() {
            @Override
            public void onEvent(ExchangeEvent event) {
            }

            @Override
            public void onUpstreamEvent(UpstreamEvent event) {
                throw new IllegalStateException("a broken listener");
            }
        };
        ExchangeListener recording = new ExchangeListener() {
            @Override
            public void onEvent(ExchangeEvent event) {
            }

            @Override
            public void onUpstreamEvent(UpstreamEvent event) {
                heard.add(event);
            }
        };

        ExchangeListener.all(broken, recording).onUpstreamEvent(EJECTED);

        assertEquals(List.of(EJECTED), heard);
    }

    @Test
    void aListenerWrittenAsALambdaIgnoresUpstreamEvents() {
        List<ExchangeEvent> heard = new ArrayList<>();
        ExchangeListener lambda = heard::add;

        ExchangeListener.all(lambda).onUpstreamEvent(EJECTED);

        assertEquals(List.of(), heard);
    }
}
