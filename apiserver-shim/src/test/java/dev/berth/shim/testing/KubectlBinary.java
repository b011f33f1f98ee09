package dev.berth.shim.testing;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kubectl executable and the version it reports ({@code kubectl version --client}'s gitVersion, such as
 * {@code v1.20.2} or {@code v1.32.4-dispatcher}).
 */
public record KubectlBinary(Path path, String version) {

    private static final Pattern MINOR = Pattern.compile("v1\\.(\\d+)\\..*");

    /** The minor version: 20 for {@code v1.20.2}. */
    public int minor() {
        Matcher matcher = MINOR.matcher(version);
        if (!matcher.matches()) {
            throw new IllegalStateException(path + " reports version " + version + ", not v1.<minor>.<patch>");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /**
     * Whether {@code kubectl apply} leaves field validation to the server ({@code ?fieldValidation=Strict}, on by
     * default since 1.25) instead of validating against {@code /openapi/v2} itself.
     */
    public boolean validatesOnServer() {
        return minor() >= 25;
    }

    /** Whether {@code kubectl explain} reads OpenAPI v3 (1.27 on) and prints its {@code FIELD:} header. */
    public boolean explainsFromV3() {
        return minor() >= 27;
    }

    /**
     * Whether {@code --dry-run=server} first looks for a {@code dryRun} parameter on the kind's PATCH path in
     * {@code /openapi/v2} (kubectl's dry-run verifier, dropped in 1.26); the shim's v2 document has no paths.
     */
    public boolean verifiesDryRunInOpenApiV2() {
        return minor() < 26;
    }

    @Override
    public String toString() {
        return "kubectl " + version;
    }
}
