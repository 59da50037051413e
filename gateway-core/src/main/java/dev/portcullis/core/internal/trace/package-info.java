/**
 * Implementation of W3C Trace Context: reading the caller's headers under a policy and starting new traces. Not
 * public API; it may change in any release.
 */
package dev.portcullis.core.internal.trace;
