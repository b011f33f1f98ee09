package dev.berth.shim.table;

/**
 * One {@code TableColumnDefinition}.
 *
 * @param priority 0 for the columns {@code kubectl get} shows, 1 for those only {@code -o wide} shows
 */
record Column(String name, String type, String format, String description, int priority) {

    static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating "
            + "resources, although some resources may allow a client to request the generation of an appropriate "
            + "name automatically. Name is primarily intended for creation idempotence and configuration definition. "
            + "Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/"
            + "names#names";
    static final String AGE_DESCRIPTION = "CreationTimestamp is a timestamp representing the server time when this "
            + "object was created. It is not guaranteed to be set in happens-before order across separate operations. "
            + "Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the "
            + "system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/"
            + "sig-architecture/api-conventions.md#metadata";

    static final Column NAME = new Column("Name", "string", "name", NAME_DESCRIPTION, 0);
    static final Column AGE = new Column("Age", "string", "", AGE_DESCRIPTION, 0);

    static Column normal(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    static Column wide(String name, String description) {
        return new Column(name, "string", "", description, 1);
    }
}
