/** Failures as kube-apiserver reports them: metav1.Status with its codes, reasons and wording. */
package dev.berth.shim.error;
