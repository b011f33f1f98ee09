/**
 * PATCH bodies applied as kube-apiserver applies them. The server reads the current object and calls the
 * {@link dev.berth.shim.patch.ObjectPatcher} hook; {@link dev.berth.shim.patch.LibraryPatcher} implements it with
 * {@link dev.berth.shim.patch.Patcher}: the request's {@code Content-Type} maps with
 * {@link dev.berth.shim.patch.PatchType#fromContentType} (415 when unknown), and a
 * {@link dev.berth.shim.patch.PatchException} is answered with its {@code code()} and {@code status()} body.
 * Validating the patched object (field validation, immutable fields, name and namespace) is the caller's.
 */
package dev.berth.shim.patch;
