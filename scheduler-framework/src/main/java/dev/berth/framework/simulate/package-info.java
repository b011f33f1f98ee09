/**
 * {@code berth simulate}'s engine: schedules the pods of a scenario one at a time against an in-memory
 * cluster with a profile's real plugins, and records for every pod what each plugin decided on each node.
 */
package dev.berth.framework.simulate;
