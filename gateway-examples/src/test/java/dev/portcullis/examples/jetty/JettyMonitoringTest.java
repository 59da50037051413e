package dev.portcullis.examples.jetty;

import dev.portcullis.examples.demo.MonitoringContract;
import dev.portcullis.examples.demo.RunningApp;

/** Runs {@link MonitoringContract} (the scrape and the admin view) against the Jetty example. */
class JettyMonitoringTest extends MonitoringContract {
    @Override
    protected RunningApp start(int port) throws Exception {
        return JettyExample.start(port);
    }
}
