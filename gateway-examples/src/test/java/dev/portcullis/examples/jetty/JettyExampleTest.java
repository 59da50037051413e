package dev.portcullis.examples.jetty;

import dev.portcullis.examples.demo.ExampleAppContract;
import dev.portcullis.examples.demo.RunningApp;

/** Runs every behaviour of {@link ExampleAppContract} (whose tests hold the assertions) against the Jetty example. */
class JettyExampleTest extends ExampleAppContract {
    @Override
    protected RunningApp start(int port) throws Exception {
        return JettyExample.start(port);
    }
}
