/** Runnable examples: embedded Jetty and Tomcat apps, a custom interceptor, and the standalone launcher. */
package dev.portcullis.examples;
