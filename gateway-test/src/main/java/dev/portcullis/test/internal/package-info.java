/**
 * The test kit's machinery, with no compatibility promise: the embedded Jetty and Tomcat launchers, the raw HTTP/1.1
 * server under {@link dev.portcullis.test.RecordingUpstream}, the Nimbus adapter of {@code dev.portcullis.test.jwt},
 * and the JUnit scope bookkeeping the extensions share. Classes that name Jetty, Tomcat or Nimbus types live only
 * here and are loaded only when the feature that needs them is used, so the kit's optional dependencies stay
 * optional.
 */
package dev.portcullis.test.internal;
