/** The JSON mapper and tree helpers: objects are Jackson trees throughout the shim. */
package dev.berth.shim.json;
