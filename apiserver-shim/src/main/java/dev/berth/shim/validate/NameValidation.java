package dev.berth.shim.validate;

import dev.berth.shim.error.StatusCause;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Object name rules with kube-apiserver's messages (k8s.io/apimachinery validation): names of most resources are
 * DNS-1123 subdomains; namespaces are DNS-1123 labels.
 */
public final class NameValidation {
    private static final String LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String SUBDOMAIN_FORMAT = LABEL_FORMAT + "(\\." + LABEL_FORMAT + ")*";
    private static final Pattern LABEL = Pattern.compile(LABEL_FORMAT);
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);
    private static final int LABEL_MAX = 63;
    private static final int SUBDOMAIN_MAX = 253;

    private NameValidation() {
    }

    /** The problems with {@code name} as a DNS-1123 subdomain, as causes on {@code field}; empty when valid. */
    public static List<StatusCause> subdomain(String name, String field) {
        List<StatusCause> causes = new ArrayList<>();
        if (name.length() > SUBDOMAIN_MAX) {
            causes.add(invalid(name, field, "must be no more than " + SUBDOMAIN_MAX + " characters"));
        }
        if (!SUBDOMAIN.matcher(name).matches()) {
            causes.add(invalid(name, field, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                    + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
                    + "'example.com', regex used for validation is '" + SUBDOMAIN_FORMAT + "')"));
        }
        return causes;
    }

    /** The problems with {@code name} as a DNS-1123 label, as causes on {@code field}; empty when valid. */
    public static List<StatusCause> label(String name, String field) {
        List<StatusCause> causes = new ArrayList<>();
        if (name.length() > LABEL_MAX) {
            causes.add(invalid(name, field, "must be no more than " + LABEL_MAX + " characters"));
        }
        if (!LABEL.matcher(name).matches()) {
            causes.add(invalid(name, field, "a lowercase RFC 1123 label must consist of lower case alphanumeric "
                    + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  "
                    + "or '123-abc', regex used for validation is '" + LABEL_FORMAT + "')"));
        }
        return causes;
    }

    private static StatusCause invalid(String value, String field, String detail) {
        return new StatusCause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail, field);
    }
}
