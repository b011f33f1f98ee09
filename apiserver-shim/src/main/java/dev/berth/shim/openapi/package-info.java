/**
 * What kubectl needs to validate, explain and patch manifests. The server serves {@code GET /openapi/v3} with
 * {@link dev.berth.shim.openapi.OpenApiDocuments#v3Index}, {@code GET /openapi/v3/<rest>} with
 * {@link dev.berth.shim.openapi.OpenApiDocuments#v3Document} (404 when empty) and {@code GET /openapi/v2} with
 * {@link dev.berth.shim.openapi.OpenApiDocuments#v2Protobuf} when the {@code Accept} header asks for gnostic's
 * protobuf (client-go does), {@link dev.berth.shim.openapi.OpenApiDocuments#v2Json} otherwise. Both versions render
 * one schema model ({@code Schemas}, generated from the fabric8 model classes, with the Go structs' patch tags).
 * Because the v3 documents advertise {@code fieldValidation}, kubectl 1.25 and later send
 * {@code ?fieldValidation=Strict} on create, update and patch, and the server checks the (patched) object with
 * {@link dev.berth.shim.openapi.FieldValidation#unknownFields}: under {@code Strict} it answers 400 with
 * {@link dev.berth.shim.openapi.FieldValidation#strictDecodingMessage} for POST/PUT and 422 with
 * {@link dev.berth.shim.openapi.FieldValidation#strictPatchStatus} for PATCH; under {@code Warn} it adds
 * {@link dev.berth.shim.openapi.FieldValidation#warnings} as {@code Warning} headers; {@code Ignore} (and no
 * parameter) accepts. Older kubectl (Debian's 1.20) validates client-side against the v2 document instead.
 */
package dev.berth.shim.openapi;
