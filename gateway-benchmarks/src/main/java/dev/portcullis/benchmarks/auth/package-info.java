/** JMH benchmarks of the authenticators: first-time versus cached JWT verification. */
package dev.portcullis.benchmarks.auth;
