/**
 * Berth's in-tree plugins, one package per plugin, named as upstream kube-scheduler names them so
 * upstream documentation applies. Each plugin has a {@link dev.berth.framework.api.PluginFactory}
 * registered in {@code META-INF/services}.
 */
package dev.berth.plugins;
