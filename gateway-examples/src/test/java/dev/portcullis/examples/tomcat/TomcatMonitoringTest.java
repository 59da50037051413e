package dev.portcullis.examples.tomcat;

import dev.portcullis.examples.demo.MonitoringContract;
import dev.portcullis.examples.demo.RunningApp;

/** Runs {@link MonitoringContract} (the scrape and the admin view) against the Tomcat example. */
class TomcatMonitoringTest extends MonitoringContract {
    @Override
    protected RunningApp start(int port) throws Exception {
        return TomcatExample.start(port);
    }
}
