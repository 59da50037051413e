/** Metrics of the real filter in Jetty 12 and Tomcat 11, over real sockets. */
package dev.portcullis.micrometer.it;
