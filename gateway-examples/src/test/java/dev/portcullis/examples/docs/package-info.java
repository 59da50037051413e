/**
 * Keeps the documentation honest: every code block of README.md and docs/*.md is a compiled file (or a tagged region
 * of one), a configuration file the loader checks, or well-formed JSON or XML naming real modules and versions; the
 * problem-types table lists every type the code defines. The {@code *Guide} classes hold the guides' fragments.
 */
package dev.portcullis.examples.docs;
