/**
 * Request validation: the {@link dev.portcullis.api.validation.RequestValidator} decision and its
 * {@link dev.portcullis.api.validation.ValidationResult}, the {@link dev.portcullis.api.validation.Validation}
 * adapter that puts a validator into the pipeline, the capped body helpers in
 * {@link dev.portcullis.api.validation.BodyLimits} that the proxy uses too, and the catalogue of rejection types in
 * {@link dev.portcullis.api.ProblemTypes}.
 */
package dev.portcullis.api.validation;
