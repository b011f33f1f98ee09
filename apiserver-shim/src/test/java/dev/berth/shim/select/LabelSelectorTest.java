package dev.berth.shim.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.shim.error.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
    private static final Map<String, String> WEB_PROD = Map.of("app", "web", "env", "prod");

    record Case(String selector, Map<String, String> labels, boolean matches) {
    }

    @Test
    void matchesAsKubeDoes() {
        List<Case> cases = List.of(
                new Case("", WEB_PROD, true),
                new Case("app=web", WEB_PROD, true),
                new Case("app==web", WEB_PROD, true),
                new Case("app=db", WEB_PROD, false),
                new Case("app!=db", WEB_PROD, true),
                new Case("tier!=db", WEB_PROD, true),
                new Case("app", WEB_PROD, true),
                new Case("tier", WEB_PROD, false),
                new Case("!tier", WEB_PROD, true),
                new Case("!app", WEB_PROD, false),
                new Case("app in (web, db)", WEB_PROD, true),
                new Case("app in (db)", WEB_PROD, false),
                new Case("app notin (db,cache)", WEB_PROD, true),
                new Case("tier notin (db)", WEB_PROD, true),
                new Case("app notin (web)", WEB_PROD, false),
                new Case("app=web,env=prod", WEB_PROD, true),
                new Case("app=web,env=dev", WEB_PROD, false),
                new Case("app in (web,db),!tier,env", WEB_PROD, true),
                new Case("example.com/role=x", Map.of("example.com/role", "x"), true),
                new Case("app=", Map.of("app", ""), true));
        for (Case c : cases) {
            assertThat(LabelSelector.parse(c.selector()).matches(c.labels())).as(c.selector()).isEqualTo(c.matches());
        }
    }

    @Test
    void rejectsMalformedSelectors() {
        for (String bad : List.of("app in (web", "=web", "app=we b", "app in (a b)", "a,,b", "app>>1")) {
            assertThatThrownBy(() -> LabelSelector.parse(bad)).as(bad).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo(400));
        }
    }
}
