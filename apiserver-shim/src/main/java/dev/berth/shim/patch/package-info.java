/** The hook PATCH requests go through; the patch library implements it. */
package dev.berth.shim.patch;
