package dev.berth.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PackedRevisionsTest {

    private static PackedRevisions of(List<Revision> revisions) {
        PackedRevisions packed = new PackedRevisions(1);
        revisions.forEach(packed::add);
        return packed;
    }

    private static List<Revision> list(PackedRevisions packed) {
        List<Revision> all = new ArrayList<>();
        for (int i = 0; i < packed.size(); i++) {
            all.add(packed.get(i));
        }
        return all;
    }

    @Property(tries = 200)
    void sortsAsAListOfRevisionsDoes(@ForAll("revisionLists") List<Revision> revisions) {
        PackedRevisions packed = of(revisions);

        packed.sort();

        List<Revision> expected = new ArrayList<>(revisions);
        expected.sort(null);
        assertThat(list(packed)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<Revision>> revisionLists() {
        return Combinators.combine(Arbitraries.longs().between(1, 40), Arbitraries.longs().between(0, 3))
                .as(Revision::new).list().ofMaxSize(70);
    }

    @Test
    void growsPastItsCapacityAndKeepsOrder() {
        List<Revision> revisions = new ArrayList<>();
        for (long main = 1; main <= 100; main++) {
            revisions.add(new Revision(main, main % 3));
        }

        PackedRevisions packed = of(revisions);

        assertThat(packed.size()).isEqualTo(100);
        assertThat(list(packed)).isEqualTo(revisions);
        assertThat(packed.main(99)).isEqualTo(100);
    }

    @Test
    void dropFirstKeepsTheRest() {
        PackedRevisions packed = of(List.of(new Revision(2, 0), new Revision(3, 1), new Revision(5, 0)));

        packed.dropFirst(2);

        assertThat(list(packed)).containsExactly(new Revision(5, 0));
        packed.dropFirst(1);
        assertThat(packed.size()).isZero();
    }

    @Test
    void positionsOutsideTheListFail() {
        PackedRevisions packed = of(List.of(new Revision(2, 0)));

        assertThatThrownBy(() -> packed.get(1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("revision 1 of 1");
        assertThatThrownBy(() -> packed.main(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> packed.dropFirst(2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("dropping 2 of 1 revisions");
    }
}
