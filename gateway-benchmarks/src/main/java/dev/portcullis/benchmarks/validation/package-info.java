/** JMH benchmarks of request validation: JSON Schema checks of a typical 2 KiB body. */
package dev.portcullis.benchmarks.validation;
