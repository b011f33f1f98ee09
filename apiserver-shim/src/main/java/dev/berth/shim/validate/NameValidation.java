package dev.berth.shim.validate;

import dev.berth.shim.error.StatusCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Object name rules with kube-apiserver's messages (k8s.io/apimachinery validation): names of most resources are
 * DNS-1123 subdomains; namespaces are DNS-1123 labels; label keys are qualified names and label values short
 * alphanumeric strings.
 */
public final class NameValidation {
    private static final String LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String SUBDOMAIN_FORMAT = LABEL_FORMAT + "(\\." + LABEL_FORMAT + ")*";
    private static final Pattern LABEL = Pattern.compile(LABEL_FORMAT);
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);
    private static final String QUALIFIED_NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE_FORMAT = "(" + QUALIFIED_NAME_FORMAT + ")?";
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FORMAT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FORMAT);
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

    /** The problems with a label map: keys are qualified names ({@code prefix/name}), values short alphanumerics. */
    public static List<StatusCause> labels(Map<String, String> labels, String field) {
        List<StatusCause> causes = new ArrayList<>();
        labels.forEach((key, value) -> {
            causes.addAll(qualifiedName(key, field));
            if (value.length() > LABEL_MAX) {
                causes.add(invalid(value, field, "must be no more than " + LABEL_MAX + " characters"));
            }
            if (!LABEL_VALUE.matcher(value).matches()) {
                causes.add(invalid(value, field, "a valid label must be an empty string or consist of alphanumeric "
                        + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
                        + "'MyValue',  or 'my_value',  or '12345', regex used for validation is '" + LABEL_VALUE_FORMAT
                        + "')"));
            }
        });
        return causes;
    }

    /** The problems with a label or annotation key: an optional DNS-1123 subdomain prefix and a name. */
    public static List<StatusCause> qualifiedName(String key, String field) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        List<StatusCause> causes = new ArrayList<>();
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || !subdomain(prefix, field).isEmpty()) {
                causes.add(invalid(key, field, "prefix part a lowercase RFC 1123 subdomain must consist of lower case "
                        + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"));
            }
        }
        if (name.isEmpty() || name.length() > LABEL_MAX || !QUALIFIED_NAME.matcher(name).matches()) {
            causes.add(invalid(key, field, "name part must consist of alphanumeric characters, '-', '_' or '.', and "
                    + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                    + "'123-abc', regex used for validation is '" + QUALIFIED_NAME_FORMAT + "') and be no more than "
                    + LABEL_MAX + " characters"));
        }
        return causes;
    }

    private static StatusCause invalid(String value, String field, String detail) {
        return new StatusCause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail, field);
    }
}
