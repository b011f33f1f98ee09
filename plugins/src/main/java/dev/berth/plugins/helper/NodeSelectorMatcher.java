package dev.berth.plugins.helper;

import dev.berth.framework.api.Selector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled {@link NodeSelector} (upstream's {@code nodeaffinity.NodeSelector}): terms are ORed,
 * each term ANDs its label expressions and its field expressions (only {@code metadata.name} exists).
 * A term with no expressions matches nothing; a term with an invalid expression is ignored, so a
 * selector whose terms are all invalid matches nothing, as upstream's lazy-error selector.
 */
public final class NodeSelectorMatcher {

    /** One term: label requirements and the node names its {@code metadata.name} fields allow. */
    private record Term(Selector labels, Selector fields) {
        boolean matches(Node node, Map<String, String> fieldSet) {
            return labels.matches(node.getMetadata().getLabels()) && fields.matches(fieldSet);
        }
    }

    private final List<Term> terms;

    private NodeSelectorMatcher(List<Term> terms) {
        this.terms = terms;
    }

    /** Compiles {@code selector}; {@code null} is not allowed here (the caller decides what "no selector" means). */
    public static NodeSelectorMatcher of(NodeSelector selector) {
        return ofTerms(selector.getNodeSelectorTerms());
    }

    /** Compiles ORed terms. */
    public static NodeSelectorMatcher ofTerms(List<NodeSelectorTerm> selectorTerms) {
        List<Term> terms = new ArrayList<>();
        if (selectorTerms != null) {
            for (NodeSelectorTerm t : selectorTerms) {
                compile(t, terms);
            }
        }
        return new NodeSelectorMatcher(terms);
    }

    private static void compile(NodeSelectorTerm term, List<Term> out) {
        List<NodeSelectorRequirement> exprs = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
        List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
        if (exprs.isEmpty() && fields.isEmpty()) {
            return;
        }
        try {
            List<Selector.Requirement> labelReqs = new ArrayList<>();
            for (NodeSelectorRequirement r : exprs) {
                labelReqs.add(Selector.requirement(r.getKey(), r.getOperator(), r.getValues()));
            }
            List<Selector.Requirement> fieldReqs = new ArrayList<>();
            for (NodeSelectorRequirement r : fields) {
                if (!"metadata.name".equals(r.getKey())) {
                    return;
                }
                if (!"In".equals(r.getOperator()) && !"NotIn".equals(r.getOperator())) {
                    return;
                }
                if (r.getValues() == null || r.getValues().size() != 1) {
                    return;
                }
                fieldReqs.add(Selector.requirement(r.getKey(), r.getOperator(), r.getValues()));
            }
            out.add(new Term(Selector.of(labelReqs), Selector.of(fieldReqs)));
        } catch (IllegalArgumentException e) {
            // An invalid term never matches; upstream reports it lazily and skips it the same way.
        }
    }

    /** True if any term matches {@code node}. */
    public boolean matches(Node node) {
        if (terms.isEmpty()) {
            return false;
        }
        Map<String, String> fieldSet = Map.of("metadata.name", node.getMetadata().getName());
        for (Term t : terms) {
            if (t.matches(node, fieldSet)) {
                return true;
            }
        }
        return false;
    }

    /** True if the term matches (for preferred terms scored one by one). */
    public static boolean termMatches(NodeSelectorTerm term, Node node) {
        return ofTerms(List.of(term)).matches(node);
    }
}
