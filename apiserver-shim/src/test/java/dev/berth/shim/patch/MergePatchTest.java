package dev.berth.shim.patch;

import static dev.berth.shim.testing.SingleQuotedJson.bytes;
import static dev.berth.shim.testing.SingleQuotedJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MergePatchTest {

    private static final ResourceType NODES = ResourceCatalog.standard().find("", "v1", "nodes").orElseThrow();

    private final Patcher patcher = new Patcher();

    /** The examples of RFC 7386 appendix A whose target and patch are objects, and what kubectl sends. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            replace member        | {'a':'b'}               | {'a':'c'}              | {'a':'c'}
            add member            | {'a':'b'}               | {'b':'c'}              | {'a':'b','b':'c'}
            null removes          | {'a':'b'}               | {'a':null}             | {}
            null removes one      | {'a':'b','b':'c'}       | {'a':null}             | {'b':'c'}
            list replaced         | {'a':['b']}             | {'a':'c'}              | {'a':'c'}
            scalar by list        | {'a':'c'}               | {'a':['b']}            | {'a':['b']}
            nested merge          | {'a':{'b':'c'}}         | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}
            list of objects       | {'a':[{'b':'c'}]}       | {'a':[1]}              | {'a':[1]}
            nested null in new    | {'e':null}              | {'a':1}                | {'e':null,'a':1}
            new object pruned     | {}                      | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}
            kubectl label         | {'metadata':{'name':'n','labels':{'x':'1'}}} | {'metadata':{'labels':{'y':'2','x':null}}} | {'metadata':{'name':'n','labels':{'y':'2'}}}
            kubectl cordon        | {'spec':{'podCIDR':'10.0.0.0/24'}} | {'spec':{'unschedulable':true}} | {'spec':{'podCIDR':'10.0.0.0/24','unschedulable':true}}
            """)
    void mergesAsRfc7386Says(String description, String target, String patch, String expected)
            throws PatchException {
        assertThat(patcher.apply(PatchType.MERGE_PATCH, NODES, object(target), bytes(patch)))
                .isEqualTo(object(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [1,2]
            null
            {'a':
            """)
    void aPatchThatIsNotAnObjectIsAnInvalidJsonPatch(String patch) {
        PatchException e = catchThrowableOfType(PatchException.class,
                () -> patcher.apply(PatchType.MERGE_PATCH, NODES, object("{'a':1}"), bytes(patch)));

        assertThat(e.code()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("Invalid JSON Patch");
    }
}
