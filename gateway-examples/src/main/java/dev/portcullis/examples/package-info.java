/** Runnable examples: embedded Jetty and Tomcat apps, a custom interceptor, and the demo. */
package dev.portcullis.examples;
