package dev.berth.shim.openapi;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The query and path parameters of the operations, with kube-apiserver's names and descriptions. */
final class Parameters {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final ObjectNode NAME = path("name", "name of the resource");
    static final ObjectNode NAMESPACE = path("namespace", "object name and auth scope, such as for teams and projects");
    static final ObjectNode PRETTY = query("pretty", "string", "If 'true', then the output is pretty printed. Defaults "
            + "to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).");
    static final ObjectNode DRY_RUN = query("dryRun", "string", "When present, indicates that modifications should not "
            + "be persisted. An invalid or unrecognized dryRun directive will result in an error response and no "
            + "further processing of the request. Valid values are: - All: all dry run stages will be processed");
    static final ObjectNode FIELD_MANAGER = query("fieldManager", "string", "fieldManager is a name associated with "
            + "the actor or entity that is making these changes. The value must be less than or 128 characters long, "
            + "and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.");
    /**
     * Its presence on an operation is what tells kubectl (QueryParamVerifierV3) that the server validates fields
     * itself: kubectl then sends {@code fieldValidation=Strict} instead of validating against OpenAPI v2.
     */
    static final ObjectNode FIELD_VALIDATION = query("fieldValidation", "string", "fieldValidation instructs the "
            + "server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate "
            + "fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from "
            + "the object, and will ignore all but the last duplicate field that the decoder encounters. - Warn: This "
            + "will send a warning via the standard warning response header for each unknown field that is dropped "
            + "from the object, and for each duplicate field that is encountered. - Strict: This will fail the "
            + "request with a BadRequest error if any unknown fields would be dropped from the object, or if any "
            + "duplicate fields are present. The error returned from the server will contain all unknown and "
            + "duplicate fields encountered.");
    static final ObjectNode FORCE = query("force", "boolean", "Force is going to \"force\" Apply requests. It means "
            + "user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply "
            + "patch requests.");
    static final ObjectNode LABEL_SELECTOR = query("labelSelector", "string", "A selector to restrict the list of "
            + "returned objects by their labels. Defaults to everything.");
    static final ObjectNode FIELD_SELECTOR = query("fieldSelector", "string", "A selector to restrict the list of "
            + "returned objects by their fields. Defaults to everything.");
    static final ObjectNode LIMIT = query("limit", "integer", "limit is a maximum number of responses to return for a "
            + "list call.");
    static final ObjectNode CONTINUE = query("continue", "string", "The continue option should be set when "
            + "retrieving more results from the server.");
    static final ObjectNode RESOURCE_VERSION = query("resourceVersion", "string", "resourceVersion sets a constraint "
            + "on what resource versions a request may be served from.");
    static final ObjectNode WATCH = query("watch", "boolean", "Watch for changes to the described resources and return "
            + "them as a stream of add, update, and remove notifications.");
    static final ObjectNode ALLOW_WATCH_BOOKMARKS = query("allowWatchBookmarks", "boolean", "allowWatchBookmarks "
            + "requests watch events with type \"BOOKMARK\".");
    static final ObjectNode TIMEOUT_SECONDS = query("timeoutSeconds", "integer", "Timeout for the list/watch call.");

    private Parameters() {
    }

    private static ObjectNode path(String name, String description) {
        ObjectNode parameter = NODES.objectNode().put("name", name).put("in", "path").put("description", description)
                .put("required", true);
        parameter.putObject("schema").put("type", "string").put("uniqueItems", true);
        return parameter;
    }

    private static ObjectNode query(String name, String type, String description) {
        ObjectNode parameter = NODES.objectNode().put("name", name).put("in", "query").put("description", description);
        parameter.putObject("schema").put("type", type).put("uniqueItems", true);
        return parameter;
    }
}
