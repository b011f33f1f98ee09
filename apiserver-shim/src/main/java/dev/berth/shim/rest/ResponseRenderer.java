package dev.berth.shim.rest;

import dev.berth.shim.resource.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a get or list answer into the body sent, given the request's {@code Accept} header: the one place where an
 * alternative representation (meta.k8s.io Table) slots in. {@link #AS_IS} sends the object or list itself.
 */
@FunctionalInterface
public interface ResponseRenderer {
    ResponseRenderer AS_IS = (type, body, accept) -> body;

    ObjectNode render(ResourceType type, ObjectNode objectOrList, String accept);
}
