package dev.berth.shim.patch;

import static dev.berth.shim.testing.SingleQuotedJson.bytes;
import static dev.berth.shim.testing.SingleQuotedJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class JsonPatchTest {

    private static final ResourceType PODS = ResourceCatalog.standard().find("", "v1", "pods").orElseThrow();
    private static final String DOC = "{'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},"
            + "'spec':{'list':[1,2,3],'obj':{'k':'v'}}}";

    private final Patcher patcher = new Patcher();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            add member                | [{'op':'add','path':'/spec/new','value':{'x':1}}]               | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,3],'obj':{'k':'v'},'new':{'x':1}}}
            add replaces member       | [{'op':'add','path':'/spec/obj','value':5}]                     | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,3],'obj':5}}
            add inserts at index      | [{'op':'add','path':'/spec/list/1','value':9}]                  | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,9,2,3],'obj':{'k':'v'}}}
            add appends with dash     | [{'op':'add','path':'/spec/list/-','value':9}]                  | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,3,9],'obj':{'k':'v'}}}
            add at end index          | [{'op':'add','path':'/spec/list/3','value':9}]                  | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,3,9],'obj':{'k':'v'}}}
            add negative index        | [{'op':'add','path':'/spec/list/-1','value':9}]                 | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,3,9],'obj':{'k':'v'}}}
            escaped tokens            | [{'op':'replace','path':'/metadata/labels/a~1b','value':'x'},{'op':'remove','path':'/metadata/labels/t~0x'}] | {'metadata':{'name':'p','labels':{'a/b':'x'}},'spec':{'list':[1,2,3],'obj':{'k':'v'}}}
            remove element            | [{'op':'remove','path':'/spec/list/0'}]                         | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[2,3],'obj':{'k':'v'}}}
            replace element           | [{'op':'replace','path':'/spec/list/2','value':7}]              | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,7],'obj':{'k':'v'}}}
            replace sets absent key   | [{'op':'replace','path':'/spec/obj/n','value':1}]               | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,3],'obj':{'k':'v','n':1}}}
            move                      | [{'op':'move','from':'/spec/obj/k','path':'/spec/moved'}]       | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,3],'obj':{},'moved':'v'}}
            move within a list        | [{'op':'move','from':'/spec/list/0','path':'/spec/list/-'}]     | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[2,3,1],'obj':{'k':'v'}}}
            copy                      | [{'op':'copy','from':'/spec/obj','path':'/spec/copied'}]        | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,3],'obj':{'k':'v'},'copied':{'k':'v'}}}
            test then replace         | [{'op':'test','path':'/metadata/name','value':'p'},{'op':'replace','path':'/metadata/name','value':'q'}] | {'metadata':{'name':'q','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,3],'obj':{'k':'v'}}}
            test structure            | [{'op':'test','path':'/spec','value':{'obj':{'k':'v'},'list':[1,2,3]}}] | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,3],'obj':{'k':'v'}}}
            test absent with null     | [{'op':'test','path':'/spec/none','value':null}]                | {'metadata':{'name':'p','labels':{'a/b':'1','t~x':'2'}},'spec':{'list':[1,2,3],'obj':{'k':'v'}}}
            """)
    void appliesOperations(String description, String patch, String expected) throws PatchException {
        ObjectNode current = object(DOC);

        ObjectNode patched = patcher.apply(PatchType.JSON_PATCH, PODS, current, bytes(patch));

        assertThat(patched).isEqualTo(object(expected));
        assertThat(current).as("the current object is not changed").isEqualTo(object(DOC));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            failed test               | [{'op':'test','path':'/metadata/name','value':'other'}] | testing value /metadata/name failed: test failed
            test of absent member     | [{'op':'test','path':'/spec/none','value':1}]           | testing value /spec/none failed: test failed
            add under missing parent  | [{'op':'add','path':'/nope/x','value':1}]               | add operation does not apply: doc is missing path: "/nope/x": missing value
            add past the end          | [{'op':'add','path':'/spec/list/5','value':1}]          | error in add for path: '/spec/list/5': Unable to access invalid index: 5: invalid index referenced
            remove absent member      | [{'op':'remove','path':'/spec/obj/none'}]               | error in remove for path: '/spec/obj/none': Unable to remove nonexistent key: none: missing value
            remove with dash          | [{'op':'remove','path':'/spec/list/-'}]                 | error in remove for path: '/spec/list/-': strconv.Atoi: parsing "-": invalid syntax
            replace past the end      | [{'op':'replace','path':'/spec/list/3','value':1}]      | replace operation does not apply: doc is missing key: /spec/list/3: missing value
            move from missing parent  | [{'op':'move','from':'/a/b','path':'/c'}]               | move operation does not apply: doc is missing from path: /a/b: missing value
            copy from absent member   | [{'op':'copy','from':'/spec/none','path':'/c'}]         | copy operation does not apply: doc is missing from path: /spec/none: missing value
            unknown op                | [{'op':'frobnicate','path':'/spec'}]                    | Unexpected kind: frobnicate
            missing path              | [{'op':'add','value':1}]                                | add operation failed to decode path: missing value
            """)
    void operationsThatDoNotApplyAreRejectedWithTheApiserversAnswer(String description, String patch, String cause) {
        PatchException e = catchThrowableOfType(PatchException.class,
                () -> patcher.apply(PatchType.JSON_PATCH, PODS, object(DOC), bytes(patch)));

        assertThat(e.code()).isEqualTo(422);
        assertThat(e.cause()).contains(cause);
        assertThat(e.status()).isEqualTo(object("{'kind':'Status','apiVersion':'v1','metadata':{},'status':'Failure',"
                + "'message':'the server rejected our request due to an error in our request','reason':'Invalid',"
                + "'details':{'causes':[{'reason':'UnexpectedServerResponse','message':'"
                + cause.replace("'", "\\u0027").replace("\"", "\\\"") + "'}]},'code':422}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            object body     | {'op':'add'}     | json: cannot unmarshal object into Go value of type jsonpatch.Patch
            scalar element  | [1]              | json: cannot unmarshal number into Go value of type jsonpatch.Operation
            """)
    void malformedPatchesAreBadRequests(String description, String patch, String message) {
        PatchException e = catchThrowableOfType(PatchException.class,
                () -> patcher.apply(PatchType.JSON_PATCH, PODS, object(DOC), bytes(patch)));

        assertThat(e.code()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.status().get("reason").stringValue()).isEqualTo("BadRequest");
        assertThat(e.cause()).isEmpty();
    }

    @Test
    void unparsableBodyIsBadRequest() {
        PatchException e = catchThrowableOfType(PatchException.class,
                () -> patcher.apply(PatchType.JSON_PATCH, PODS, object(DOC), bytes("[{'op':")));

        assertThat(e.code()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("invalid JSON: ");
    }

    @Test
    void moreOperationsThanTheApiserverAllowsAreTooLarge() {
        String patch = "[" + String.join(",", java.util.Collections.nCopies(JsonPatch.MAX_OPERATIONS + 1,
                "{'op':'test','path':'/metadata/name','value':'p'}")) + "]";

        PatchException e = catchThrowableOfType(PatchException.class,
                () -> patcher.apply(PatchType.JSON_PATCH, PODS, object(DOC), bytes(patch)));

        assertThat(e.code()).isEqualTo(413);
        assertThat(e.getMessage()).isEqualTo(
                "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");
    }

    @Test
    void aFailingOperationLeavesNoPartialChangesBehind() throws PatchException {
        ObjectNode current = object(DOC);

        catchThrowableOfType(PatchException.class, () -> patcher.apply(PatchType.JSON_PATCH, PODS, current,
                bytes("[{'op':'replace','path':'/metadata/name','value':'x'},{'op':'test','path':'/a','value':1}]")));

        assertThat(current).isEqualTo(object(DOC));
    }
}
