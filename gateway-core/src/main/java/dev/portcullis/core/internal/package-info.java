/**
 * Implementation of the engine: the method and path guards, the problem document writer.
 * Not public API; it may change in any release.
 */
package dev.portcullis.core.internal;
