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

class StrategicMergePatchTest {

    private static final ResourceCatalog CATALOG = ResourceCatalog.standard();

    private final Patcher patcher = new Patcher();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            kubectl cordon              | nodes | {'spec':{'podCIDR':'x'}} | {'spec':{'unschedulable':true}} | {'spec':{'podCIDR':'x','unschedulable':true}}
            kubectl label and unlabel   | nodes | {'metadata':{'labels':{'a':'1','b':'2'}}} | {'metadata':{'labels':{'b':null,'c':'3'}}} | {'metadata':{'labels':{'a':'1','c':'3'}}}
            taints are replaced         | nodes | {'spec':{'taints':[{'key':'a','effect':'NoSchedule'}]}} | {'spec':{'taints':[{'key':'b','effect':'NoExecute'}]}} | {'spec':{'taints':[{'key':'b','effect':'NoExecute'}]}}
            node conditions by type     | nodes | {'status':{'conditions':[{'type':'Ready','status':'False'},{'type':'DiskPressure','status':'False'}]}} | {'status':{'conditions':[{'type':'Ready','status':'True','reason':'KubeletReady'}]}} | {'status':{'conditions':[{'type':'Ready','status':'True','reason':'KubeletReady'},{'type':'DiskPressure','status':'False'}]}}
            node addresses by type      | nodes | {'status':{'addresses':[{'type':'InternalIP','address':'1'},{'type':'Hostname','address':'h'}]}} | {'status':{'addresses':[{'type':'InternalIP','address':'2'}]}} | {'status':{'addresses':[{'type':'InternalIP','address':'2'},{'type':'Hostname','address':'h'}]}}
            podCIDRs merge as a set     | nodes | {'spec':{'podCIDRs':['a']}} | {'spec':{'podCIDRs':['b','a']}} | {'spec':{'podCIDRs':['b','a']}}
            new container comes first   | pods  | {'spec':{'containers':[{'name':'a','image':'x'}]}} | {'spec':{'containers':[{'name':'b','image':'y'}]}} | {'spec':{'containers':[{'name':'b','image':'y'},{'name':'a','image':'x'}]}}
            container merged by name    | pods  | {'spec':{'containers':[{'name':'a','image':'x','args':['1']},{'name':'b','image':'y'}]}} | {'spec':{'containers':[{'name':'b','image':'z'}]}} | {'spec':{'containers':[{'name':'a','image':'x','args':['1']},{'name':'b','image':'z'}]}}
            env by name, ports by port  | pods  | {'spec':{'containers':[{'name':'a','env':[{'name':'E','value':'1'}],'ports':[{'containerPort':80,'name':'http'}]}]}} | {'spec':{'containers':[{'name':'a','env':[{'name':'E','value':'2'}],'ports':[{'containerPort':80,'protocol':'TCP'}]}]}} | {'spec':{'containers':[{'name':'a','env':[{'name':'E','value':'2'}],'ports':[{'containerPort':80,'name':'http','protocol':'TCP'}]}]}}
            volumeMounts by mountPath   | pods  | {'spec':{'containers':[{'name':'a','volumeMounts':[{'mountPath':'/d','name':'v'}]}]}} | {'spec':{'containers':[{'name':'a','volumeMounts':[{'mountPath':'/d','readOnly':true}]}]}} | {'spec':{'containers':[{'name':'a','volumeMounts':[{'mountPath':'/d','name':'v','readOnly':true}]}]}}
            tolerations are replaced    | pods  | {'spec':{'tolerations':[{'key':'a','operator':'Exists'}]}} | {'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}} | {'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}}
            delete a container          | pods  | {'spec':{'containers':[{'name':'a'},{'name':'b'}]}} | {'spec':{'containers':[{'name':'a','$patch':'delete'}]}} | {'spec':{'containers':[{'name':'b'}]}}
            replace a list              | pods  | {'spec':{'containers':[{'name':'a'},{'name':'b'}]}} | {'spec':{'containers':[{'$patch':'replace'},{'name':'c'}]}} | {'spec':{'containers':[{'name':'c'}]}}
            replace a map               | pods  | {'spec':{'nodeSelector':{'a':'1','b':'2'}}} | {'spec':{'nodeSelector':{'$patch':'replace','c':'3'}}} | {'spec':{'nodeSelector':{'c':'3'}}}
            delete a map                | pods  | {'spec':{'affinity':{'nodeAffinity':{}},'x':1}} | {'spec':{'affinity':{'$patch':'delete'}}} | {'spec':{'affinity':{},'x':1}}
            retainKeys                  | pods  | {'spec':{'volumes':[{'name':'v','emptyDir':{},'x':1}]}} | {'spec':{'volumes':[{'name':'v','hostPath':{'path':'/p'},'$retainKeys':['hostPath','name']}]}} | {'spec':{'volumes':[{'name':'v','hostPath':{'path':'/p'}}]}}
            finalizers union            | pods  | {'metadata':{'finalizers':['a','b']}} | {'metadata':{'finalizers':['b','c']}} | {'metadata':{'finalizers':['a','b','c']}}
            deleteFromPrimitiveList     | pods  | {'metadata':{'finalizers':['a','b','c']}} | {'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}} | {'metadata':{'finalizers':['a','c']}}
            ownerReferences by uid      | pods  | {'metadata':{'ownerReferences':[{'uid':'1','name':'a'}]}} | {'metadata':{'ownerReferences':[{'uid':'1','controller':true}]}} | {'metadata':{'ownerReferences':[{'uid':'1','name':'a','controller':true}]}}
            pod conditions by type      | pods  | {'status':{'conditions':[{'type':'Ready','status':'False'}],'phase':'Pending'}} | {'status':{'conditions':[{'type':'PodScheduled','status':'True'}],'phase':'Running'}} | {'status':{'conditions':[{'type':'PodScheduled','status':'True'},{'type':'Ready','status':'False'}],'phase':'Running'}}
            new value loses its nulls   | pods  | {'spec':{}} | {'spec':{'affinity':{'a':null,'b':{'c':1}}}} | {'spec':{'affinity':{'b':{'c':1}}}}
            new list drops deletions    | pods  | {'spec':{}} | {'spec':{'containers':[{'name':'a','$patch':'delete'},{'name':'b'}]}} | {'spec':{'containers':[{'name':'b'}]}}
            type change replaces        | pods  | {'spec':{'x':{'a':1}}} | {'spec':{'x':[1]}} | {'spec':{'x':[1]}}
            deployment template         | deployments | {'spec':{'replicas':1,'template':{'spec':{'containers':[{'name':'a','image':'1'}]}}}} | {'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'}]}}}} | {'spec':{'replicas':1,'template':{'spec':{'containers':[{'name':'a','image':'2'}]}}}}
            csinode drivers by name     | csinodes | {'spec':{'drivers':[{'name':'d','nodeID':'1'}]}} | {'spec':{'drivers':[{'name':'d','nodeID':'2'}]}} | {'spec':{'drivers':[{'name':'d','nodeID':'2'}]}}
            untagged type merges maps   | leases | {'spec':{'holderIdentity':'a','leaseDurationSeconds':15}} | {'spec':{'holderIdentity':'b'}} | {'spec':{'holderIdentity':'b','leaseDurationSeconds':15}}
            """)
    void mergesAsUpstreamDoes(String description, String resource, String current, String patch, String expected)
            throws PatchException {
        ResourceType type = CATALOG.all().stream().filter(t -> t.resource().equals(resource)).findFirst()
                .orElseThrow();

        assertThat(patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, type, object(current), bytes(patch)))
                .isEqualTo(object(expected));
    }

    /** What {@code kubectl apply} sends for a changed Deployment: the new order of containers and env. */
    @Test
    void setElementOrderFromKubectlApplyOrdersTheMergedList() throws PatchException {
        ResourceType pods = CATALOG.find("", "v1", "pods").orElseThrow();
        String current = "{'spec':{'containers':[{'name':'a','image':'1'},{'name':'b','image':'1'},"
                + "{'name':'sidecar','image':'s'}]}}";
        String patch = "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],"
                + "'containers':[{'name':'a','image':'2'}]}}";

        assertThat(patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, pods, object(current), bytes(patch)))
                .isEqualTo(object("{'spec':{'containers':[{'name':'b','image':'1'},{'name':'a','image':'2'},"
                        + "{'name':'sidecar','image':'s'}]}}"));
    }

    @Test
    void setElementOrderAloneReordersTheLiveList() throws PatchException {
        ResourceType pods = CATALOG.find("", "v1", "pods").orElseThrow();

        assertThat(patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, pods,
                object("{'metadata':{'finalizers':['a','b','c']}}"),
                bytes("{'metadata':{'$setElementOrder/finalizers':['c','b','a']}}")))
                .isEqualTo(object("{'metadata':{'finalizers':['c','b','a']}}"));
    }

    @Test
    void kubectlApplyPatchWithLastAppliedAnnotation() throws PatchException {
        ResourceType deployments = CATALOG.find("apps", "v1", "deployments").orElseThrow();
        String current = "{'metadata':{'name':'web','annotations':{'kubectl.kubernetes.io/last-applied-configuration':"
                + "'old'}},'spec':{'template':{'spec':{'containers':[{'name':'web','image':'nginx:1',"
                + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}}}}";
        String patch = "{'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'new'}},"
                + "'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'web'}],'containers':"
                + "[{'$setElementOrder/env':[{'name':'B'},{'name':'C'}],'env':[{'$patch':'delete','name':'A'},"
                + "{'name':'C','value':'3'}],'image':'nginx:2','name':'web'}]}}}}";

        assertThat(patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, deployments, object(current), bytes(patch)))
                .isEqualTo(object("{'metadata':{'name':'web','annotations':{"
                        + "'kubectl.kubernetes.io/last-applied-configuration':'new'}},'spec':{'template':{'spec':"
                        + "{'containers':[{'name':'web','image':'nginx:2','env':[{'name':'B','value':'2'},"
                        + "{'name':'C','value':'3'}]}]}}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown directive         | {'spec':{'$patch':'frob'}}                                      | unknown patch type: frob in map: {"$patch":"frob"}
            element without merge key | {'spec':{'containers':[{'image':'x'}]}}                         | map: {"image":"x"} does not contain declared merge key: name
            list merge directive      | {'spec':{'containers':[{'$patch':'merge'}]}}                    | merging lists cannot yet be specified in the patch
            retainKeys not a list     | {'spec':{'$retainKeys':'x'}}                                    | invalid patch format of retainKeys
            retainKeys mismatch       | {'spec':{'$retainKeys':['a'],'b':1}}                            | invalid patch format of retainKeys
            order not a list          | {'spec':{'$setElementOrder/containers':{}}}                     | invalid patch format of setElementOrder list
            delete list not a list    | {'metadata':{'$deleteFromPrimitiveList/finalizers':'a'}}        | invalid patch format of primitive list
            patch not an object       | [1]                                                             | json: cannot unmarshal array into Go value of type map[string]interface {}
            """)
    void malformedPatchesAreBadRequests(String description, String patch, String message) {
        ResourceType pods = CATALOG.find("", "v1", "pods").orElseThrow();

        PatchException e = catchThrowableOfType(PatchException.class, () -> patcher.apply(
                PatchType.STRATEGIC_MERGE_PATCH, pods, object("{'spec':{'containers':[{'name':'a'}]}}"),
                bytes(patch)));

        assertThat(e.code()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void listsOfListsAreRejected() {
        ResourceType pods = CATALOG.find("", "v1", "pods").orElseThrow();

        PatchException e = catchThrowableOfType(PatchException.class, () -> patcher.apply(
                PatchType.STRATEGIC_MERGE_PATCH, pods, object("{'spec':{'containers':[]}}"),
                bytes("{'spec':{'containers':[[1]]}}")));

        assertThat(e.code()).isEqualTo(422);
        assertThat(e.cause()).contains("lists of lists are not supported");
    }

    @Test
    void customResourcesHaveNoStrategicMergePatch() {
        ResourceType podGroups = CATALOG.find("scheduling.x-k8s.io", "v1alpha1", "podgroups").orElseThrow();

        PatchException e = catchThrowableOfType(PatchException.class, () -> patcher.apply(
                PatchType.STRATEGIC_MERGE_PATCH, podGroups, object("{'spec':{}}"), bytes("{'spec':{'a':1}}")));

        assertThat(e.code()).isEqualTo(415);
        assertThat(e.status().get("reason").stringValue()).isEqualTo("UnsupportedMediaType");
        assertThat(e.getMessage()).isEqualTo("the body of the request was in an unknown format - accepted media "
                + "types include: application/json-patch+json, application/merge-patch+json");
    }

    @Test
    void theCurrentObjectIsNotChanged() throws PatchException {
        ResourceType pods = CATALOG.find("", "v1", "pods").orElseThrow();
        String current = "{'metadata':{'labels':{'a':'1'}},'spec':{'containers':[{'name':'a'}]}}";
        var live = object(current);

        patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, pods, live,
                bytes("{'metadata':{'labels':{'a':null}},'spec':{'containers':[{'name':'a','image':'x'}]}}"));

        assertThat(live).isEqualTo(object(current));
    }
}
