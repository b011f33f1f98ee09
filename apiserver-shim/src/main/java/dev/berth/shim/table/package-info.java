/**
 * Server-side printing for {@code kubectl get}. On a GET (list or single object) the server calls
 * {@link dev.berth.shim.table.TableWriter#negotiate} with the {@code Accept} header; when present, it applies the
 * {@code includeObject} query parameter ({@link dev.berth.shim.table.TableRequest.IncludeObject#fromQuery}) and
 * answers {@link dev.berth.shim.table.TableWriter#table} with {@code Content-Type: application/json}. A watch asked
 * for as a Table sends each event's object as a one-row Table, with column definitions in the first event only
 * ({@link dev.berth.shim.table.TableRequest#withoutHeaders} for the others).
 */
package dev.berth.shim.table;
