package dev.portcullis.examples.tomcat;

import dev.portcullis.examples.demo.ExampleAppContract;
import dev.portcullis.examples.demo.RunningApp;

/** Runs every behaviour of {@link ExampleAppContract} (whose tests hold the assertions) against the Tomcat example. */
class TomcatExampleTest extends ExampleAppContract {
    @Override
    protected RunningApp start(int port) throws Exception {
        return TomcatExample.start(port);
    }
}
