package dev.berth.plugins.nodeaffinity;

import dev.berth.framework.api.InvalidArgsException;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * Args of {@link dev.berth.plugins.nodeaffinity.NodeAffinity} (upstream's {@code NodeAffinityArgs}).
 * {@code addedAffinity} is enforced on every pod of the profile on top of the pod's own affinity:
 * its required terms must match too, and its preferred terms add to the score. No defaults.
 *
 * @param addedAffinity node affinity applied to all pods; {@code null} for none
 */
public record NodeAffinityArgs(NodeAffinity addedAffinity) {

    static final String REQUIRED_PATH = "addedAffinity.requiredDuringSchedulingIgnoredDuringExecution";
    static final String PREFERRED_PATH = "addedAffinity.preferredDuringSchedulingIgnoredDuringExecution";

    /**
     * Upstream's {@code ValidateNodeAffinityArgs}: every non-empty term of the added affinity must
     * parse.
     *
     * @throws InvalidArgsException naming the first offending field; the message lists every error
     */
    public void validate() {
        if (addedAffinity == null) {
            return;
        }
        List<String> errs = new ArrayList<>();
        if (addedAffinity.getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
            List<NodeSelectorTerm> terms = addedAffinity.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
            errs.addAll(NodeSelectorSyntax.requiredTermErrors(terms, REQUIRED_PATH));
        }
        List<PreferredSchedulingTerm> preferred = addedAffinity.getPreferredDuringSchedulingIgnoredDuringExecution();
        if (preferred != null) {
            errs.addAll(NodeSelectorSyntax.preferredTermErrors(preferred, PREFERRED_PATH));
        }
        if (!errs.isEmpty()) {
            String first = errs.get(0);
            throw new InvalidArgsException(first.substring(0, first.indexOf(": ")), NodeSelectorSyntax.aggregate(errs));
        }
    }
}
