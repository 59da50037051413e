/**
 * The README's quick start, {@link dev.portcullis.examples.quickstart.QuickStart}: one class, with its imports, that
 * compiles in an empty Maven project with the README's dependency block and proxies one route from embedded Jetty.
 */
package dev.portcullis.examples.quickstart;
