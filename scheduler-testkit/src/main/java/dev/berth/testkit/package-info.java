/**
 * Berth's test kit for plugin authors: {@link dev.berth.testkit.TestNode} and {@link dev.berth.testkit.TestPod}
 * build nodes and pods, {@link dev.berth.testkit.PluginRun} runs one plugin or a whole profile over a scenario
 * with {@code berth simulate}'s engine, {@link dev.berth.testkit.SimulationAssert} checks what each Filter and
 * Score plugin decided, and {@link dev.berth.testkit.PluginJar} compiles a plugin jar inside a test.
 */
package dev.berth.testkit;
