/** Label and field selectors. */
package dev.berth.shim.select;
