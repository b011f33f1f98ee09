package dev.berth.shim.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.testing.SingleQuotedJson;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class FieldValidationTest {

    private static final ResourceCatalog CATALOG = ResourceCatalog.standard();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FieldValidation validation = new FieldValidation();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            valid configmap     | configmaps  | {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','labels':{'any/key':'v'},'annotations':{'x':'y'}},'data':{'a':'b'}} |
            top-level typo      | configmaps  | {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'dataa':{'a':'b'}} | unknown field "dataa"
            metadata typo       | configmaps  | {'metadata':{'name':'c','lables':{}}} | unknown field "metadata.lables"
            valid pod           | pods        | {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','ownerReferences':[{'apiVersion':'v1','kind':'Node','name':'n','uid':'u'}]},'spec':{'containers':[{'name':'a','image':'x','ports':[{'containerPort':80}],'resources':{'requests':{'cpu':'100m','memory':1024}}}],'tolerations':[{'key':'k','operator':'Exists'}],'affinity':{'nodeAffinity':{'requiredDuringSchedulingIgnoredDuringExecution':{'nodeSelectorTerms':[{'matchExpressions':[{'key':'a','operator':'In','values':['b']}]}]}}}},'status':{'phase':'Pending','startTime':'2026-01-01T00:00:00Z'}} |
            nested list typos   | pods        | {'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','imagee':'y','ports':[{'containerPort':80,'hostPortt':1}]}],'nodeSelectr':{}}} | unknown field "spec.containers[1].imagee",unknown field "spec.containers[1].ports[0].hostPortt",unknown field "spec.nodeSelectr"
            deployment template | deployments | {'spec':{'replicas':1,'selector':{'matchLabels':{'a':'b'}},'template':{'metadata':{'labels':{'a':'b'}},'spec':{'containers':[{'name':'a','image':'x','env':[{'name':'E','valueFrom':{'fieldRef':{'fieldPath':'x'}},'vaule':'1'}]}]}},'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':1}}}} | unknown field "spec.template.spec.containers[0].env[0].vaule"
            lease               | leases      | {'spec':{'holderIdentity':'a','leaseDurationSeconds':15,'renewTime':'2026-01-01T00:00:00.000000Z','holder':'x'}} | unknown field "spec.holder"
            custom resource     | podgroups   | {'spec':{'minMember':2,'anything':{'goes':true}}} |
            """)
    void namesUnknownFieldsAsTheStrictDecoderDoes(String description, String resource, String object,
                                                  String expected) {
        ResourceType type = CATALOG.all().stream().filter(t -> t.resource().equals(resource)).findFirst()
                .orElseThrow();

        List<String> unknown = validation.unknownFields(type, SingleQuotedJson.object(object));

        assertThat(unknown).containsExactlyElementsOf(
                expected == null ? List.of() : List.of(expected.split(",")));
    }

    @org.junit.jupiter.api.Test
    void strictDecodingMessageReadsLikeKubeApiservers() {
        ResourceType configMaps = CATALOG.find("", "v1", "configmaps").orElseThrow();

        assertThat(FieldValidation.strictDecodingMessage(configMaps,
                List.of("unknown field \"dataa\"", "unknown field \"x\"")))
                .isEqualTo("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: "
                        + "unknown field \"dataa\", unknown field \"x\"");
    }

    @org.junit.jupiter.api.Test
    void warningsAreQuotedAsGoQuotesThem() {
        assertThat(FieldValidation.warnings(List.of("unknown field \"spec.foo\"")))
                .containsExactly("299 - \"unknown field \\\"spec.foo\\\"\"");
    }

    @org.junit.jupiter.api.Test
    void strictPatchStatusIsKubeApiserversInvalidPatch() {
        assertThat(FieldValidation.strictPatchStatus("{\"a\":1}", List.of("unknown field \"a\"")))
                .isEqualTo(JSON.readTree("""
                        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                         "message":" \\"\\" is invalid: patch: Invalid value: \\"{\\\\\\"a\\\\\\":1}\\": strict decoding error: unknown field \\"a\\"",
                         "reason":"Invalid",
                         "details":{"causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \\"{\\\\\\"a\\\\\\":1}\\": strict decoding error: unknown field \\"a\\"","field":"patch"}]},
                         "code":422}
                        """));
    }
}
