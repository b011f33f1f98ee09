/**
 * What kubectl needs to validate manifests. The server serves {@code GET /openapi/v3} with
 * {@link dev.berth.shim.openapi.OpenApiDocuments#v3Index} and {@code GET /openapi/v3/<rest>} with
 * {@link dev.berth.shim.openapi.OpenApiDocuments#v3Document} (404 when empty); {@code /openapi/v2} may stay 404.
 * Because the documents advertise {@code fieldValidation}, kubectl sends {@code ?fieldValidation=Strict} on create,
 * update and patch, and the server checks the (patched) object with
 * {@link dev.berth.shim.openapi.FieldValidation#unknownFields}: under {@code Strict} it answers 400 with
 * {@link dev.berth.shim.openapi.FieldValidation#strictDecodingMessage} for POST/PUT and 422 with
 * {@link dev.berth.shim.openapi.FieldValidation#strictPatchStatus} for PATCH; under {@code Warn} it adds
 * {@link dev.berth.shim.openapi.FieldValidation#warnings} as {@code Warning} headers; {@code Ignore} (and no
 * parameter) accepts.
 */
package dev.berth.shim.openapi;
