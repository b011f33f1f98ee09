/** Name and label syntax rules with kube-apiserver's messages. */
package dev.berth.shim.validate;
