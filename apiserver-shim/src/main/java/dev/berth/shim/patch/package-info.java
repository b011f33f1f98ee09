/**
 * PATCH bodies applied as kube-apiserver applies them. The server maps the request's {@code Content-Type} with
 * {@link dev.berth.shim.patch.PatchType#fromContentType} (415 when empty), reads the current object, calls
 * {@link dev.berth.shim.patch.Patcher#apply} and stores the result; a
 * {@link dev.berth.shim.patch.PatchException} is answered with its {@code code()} and {@code status()} body.
 * Validating the patched object (field validation, immutable fields, name and namespace) is the caller's.
 */
package dev.berth.shim.patch;
