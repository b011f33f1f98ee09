package dev.berth.shim.table;

import static dev.berth.shim.testing.SingleQuotedJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.table.TableRequest.IncludeObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class TableWriterTest {

    private static final ResourceCatalog CATALOG = ResourceCatalog.standard();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    private static final TableRequest V1 = new TableRequest("v1", IncludeObject.METADATA, true);

    private final TableWriter writer = new TableWriter(Clock.fixed(NOW, ZoneOffset.UTC));

    private static ResourceType type(String group, String resource) {
        return CATALOG.all().stream().filter(t -> t.group().equals(group) && t.resource().equals(resource))
                .findFirst().orElseThrow();
    }

    private List<String> cells(ResourceType type, String object) {
        ObjectNode table = writer.table(V1, type, List.of(object(object)), object("{}"));
        List<String> cells = new ArrayList<>();
        table.get("rows").get(0).get("cells").forEach(cell -> cells.add(cell.asString()));
        return cells;
    }

    private List<String> columns(ResourceType type) {
        ObjectNode table = writer.table(V1, type, List.of(), object("{}"));
        List<String> names = new ArrayList<>();
        table.get("columnDefinitions").forEach(c -> names.add(c.get("name").stringValue() + ":"
                + c.get("priority").intValue()));
        return names;
    }

    @Test
    void podColumnsAreKubectlsWithWideOnesAtPriorityOne() {
        assertThat(columns(type("", "pods"))).containsExactly("Name:0", "Ready:0", "Status:0", "Restarts:0",
                "Age:0", "IP:1", "Node:1", "Nominated Node:1", "Readiness Gates:1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pending unscheduled  | {'metadata':{'name':'p','creationTimestamp':'2026-01-10T11:59:55Z'},'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Pending'}} | p,0/1,Pending,0,5s,<none>,<none>,<none>,<none>
            container creating   | {'metadata':{'name':'p','creationTimestamp':'2026-01-10T11:57:00Z'},'spec':{'nodeName':'n1','containers':[{'name':'a'},{'name':'b'}]},'status':{'phase':'Pending','containerStatuses':[{'name':'a','ready':false,'state':{'waiting':{'reason':'ContainerCreating'}}},{'name':'b','ready':false,'state':{'waiting':{'reason':'ContainerCreating'}}}]}} | p,0/2,ContainerCreating,0,3m,<none>,n1,<none>,<none>
            running and ready    | {'metadata':{'name':'p','creationTimestamp':'2026-01-08T09:00:00Z'},'spec':{'nodeName':'n1','containers':[{'name':'a'}]},'status':{'phase':'Running','podIPs':[{'ip':'10.0.0.5'}],'containerStatuses':[{'name':'a','ready':true,'restartCount':2,'lastState':{'terminated':{'finishedAt':'2026-01-10T11:55:00Z'}},'state':{'running':{}}}]}} | p,1/1,Running,2 (5m ago),2d3h,10.0.0.5,n1,<none>,<none>
            crash loop           | {'metadata':{'name':'p','creationTimestamp':'2026-01-10T11:00:00Z'},'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Running','podIP':'10.0.0.6','containerStatuses':[{'name':'a','ready':false,'restartCount':4,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}} | p,0/1,CrashLoopBackOff,4,60m,10.0.0.6,<none>,<none>,<none>
            terminating          | {'metadata':{'name':'p','creationTimestamp':'2026-01-10T11:00:00Z','deletionTimestamp':'2026-01-10T12:00:00Z'},'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Running','containerStatuses':[{'name':'a','ready':true,'state':{'running':{}}}]}} | p,1/1,Terminating,0,60m,<none>,<none>,<none>,<none>
            completed            | {'metadata':{'name':'p','creationTimestamp':'2026-01-10T11:00:00Z'},'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Succeeded','containerStatuses':[{'name':'a','ready':false,'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}} | p,0/1,Completed,0,60m,<none>,<none>,<none>,<none>
            exit code            | {'metadata':{'name':'p','creationTimestamp':'2026-01-10T11:00:00Z'},'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Failed','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':3}}}]}} | p,0/1,ExitCode:3,0,60m,<none>,<none>,<none>,<none>
            init in progress     | {'metadata':{'name':'p','creationTimestamp':'2026-01-10T11:00:00Z'},'spec':{'initContainers':[{'name':'i1'},{'name':'i2'}],'containers':[{'name':'a'}]},'status':{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'terminated':{'exitCode':0}}},{'name':'i2','state':{'running':{}}}]}} | p,0/1,Init:1/2,0,60m,<none>,<none>,<none>,<none>
            init failing         | {'metadata':{'name':'p','creationTimestamp':'2026-01-10T11:00:00Z'},'spec':{'initContainers':[{'name':'i1'}],'containers':[{'name':'a'}]},'status':{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}} | p,0/1,Init:CrashLoopBackOff,0,60m,<none>,<none>,<none>,<none>
            scheduling gated     | {'metadata':{'name':'p','creationTimestamp':'2026-01-10T11:00:00Z'},'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Pending','conditions':[{'type':'PodScheduled','status':'False','reason':'SchedulingGated'}]}} | p,0/1,SchedulingGated,0,60m,<none>,<none>,<none>,<none>
            readiness gates      | {'metadata':{'name':'p','creationTimestamp':'2026-01-10T11:00:00Z'},'spec':{'containers':[{'name':'a'}],'readinessGates':[{'conditionType':'x/ok'},{'conditionType':'y/ok'}]},'status':{'phase':'Running','nominatedNodeName':'n2','conditions':[{'type':'x/ok','status':'True'}]}} | p,0/1,Running,0,60m,<none>,<none>,n2,1/2
            no creation time     | {'metadata':{'name':'p'},'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Pending','reason':'Evicted'}} | p,0/1,Evicted,0,<unknown>,<none>,<none>,<none>,<none>
            """)
    void podCellsReadLikeKubectlGetPods(String description, String pod, String expected) {
        assertThat(cells(type("", "pods"), pod)).containsExactly(expected.split(","));
    }

    @Test
    void finishedPodsCarryTheCompletedRowCondition() {
        ObjectNode table = writer.table(V1, type("", "pods"), List.of(
                object("{'metadata':{'name':'p'},'status':{'phase':'Succeeded'}}")), object("{}"));

        assertThat(table.get("rows").get(0).get("conditions")).isEqualTo(JSON.readTree(
                "[{\"type\":\"Completed\",\"status\":\"True\",\"reason\":\"Succeeded\","
                        + "\"message\":\"The pod has completed successfully.\"}]"));
    }

    @Test
    void nodeColumns() {
        assertThat(columns(type("", "nodes"))).containsExactly("Name:0", "Status:0", "Roles:0", "Age:0",
                "Version:0", "Internal-IP:1", "External-IP:1", "OS-Image:1", "Kernel-Version:1",
                "Container-Runtime:1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ready worker        | {'metadata':{'name':'n1','creationTimestamp':'2026-01-10T08:00:00Z','labels':{'node-role.kubernetes.io/worker':'','node-role.kubernetes.io/control-plane':''}},'status':{'conditions':[{'type':'MemoryPressure','status':'False'},{'type':'Ready','status':'True'}],'nodeInfo':{'kubeletVersion':'v1.32.0','osImage':'Ubuntu','kernelVersion':'6.1','containerRuntimeVersion':'containerd://1.7'},'addresses':[{'type':'Hostname','address':'n1'},{'type':'InternalIP','address':'10.1.0.1'}]}} | n1,Ready,control-plane,worker,4h,v1.32.0,10.1.0.1,<none>,Ubuntu,6.1,containerd://1.7
            cordoned not ready  | {'metadata':{'name':'n2','creationTimestamp':'2026-01-10T11:59:00Z','labels':{'kubernetes.io/role':'edge'}},'spec':{'unschedulable':true},'status':{'conditions':[{'type':'Ready','status':'Unknown'}],'addresses':[{'type':'ExternalIP','address':'1.2.3.4'}]}} | n2,NotReady,SchedulingDisabled,edge,60s,,<none>,1.2.3.4,<unknown>,<unknown>,<unknown>
            no conditions       | {'metadata':{'name':'n3','creationTimestamp':'2026-01-10T11:59:00Z'}} | n3,Unknown,<none>,60s,,<none>,<none>,<unknown>,<unknown>,<unknown>
            """)
    void nodeCellsReadLikeKubectlGetNodes(String description, String node, String expected) {
        List<String> cells = cells(type("", "nodes"), node);
        // Status and Roles may themselves contain commas: rejoin and compare the whole row.
        assertThat(String.join(",", cells)).isEqualTo(expected);
    }

    @Test
    void nodeStatusAndRolesAreSeparateCells() {
        List<String> cells = cells(type("", "nodes"), "{'metadata':{'name':'n','labels':{'node-role.kubernetes.io/"
                + "b':'','node-role.kubernetes.io/a':''}},'spec':{'unschedulable':true},'status':{'conditions':"
                + "[{'type':'Ready','status':'True'}]}}");

        assertThat(cells.subList(0, 3)).containsExactly("n", "Ready,SchedulingDisabled", "a,b");
    }

    @Test
    void eventColumnsAndCells() {
        ResourceType events = type("", "events");
        assertThat(columns(events)).containsExactly("Last Seen:0", "Type:0", "Reason:0", "Object:0", "Subobject:1",
                "Source:1", "Message:0", "First Seen:1", "Count:1", "Name:1");

        List<String> cells = cells(events, "{'metadata':{'name':'p.1'},'type':'Warning','reason':'FailedScheduling',"
                + "'involvedObject':{'kind':'Pod','name':'p','fieldPath':'spec.containers{a}'},'message':' 0/3 nodes "
                + "are available. ','source':{'component':'default-scheduler'},'reportingInstance':'berth-1',"
                + "'firstTimestamp':'2026-01-10T11:00:00Z','lastTimestamp':'2026-01-10T11:58:00Z','count':7}");

        assertThat(cells).containsExactly("2m", "Warning", "FailedScheduling", "pod/p", "spec.containers{a}",
                "default-scheduler, berth-1", "0/3 nodes are available.", "60m", "7", "p.1");
    }

    @Test
    void eventsWithoutTimestampsUseEventTimeAndCountOne() {
        List<String> cells = cells(type("", "events"), "{'metadata':{'name':'e'},'type':'Normal','reason':'Scheduled',"
                + "'involvedObject':{'kind':'Node'},'eventTime':'2026-01-10T11:59:30.000000Z',"
                + "'reportingComponent':'berth'}");

        assertThat(cells).containsExactly("30s", "Normal", "Scheduled", "node", "", "berth", "", "30s", "1", "e");
    }

    @Test
    void otherKindsShowNameAndAge() {
        ResourceType leases = type("coordination.k8s.io", "leases");
        assertThat(columns(leases)).containsExactly("Name:0", "Age:0");
        assertThat(cells(leases, "{'metadata':{'name':'l','creationTimestamp':'2026-01-01T12:00:00Z'}}"))
                .containsExactly("l", "9d");
        assertThat(cells(type("", "namespaces"), "{'metadata':{'name':'default','creationTimestamp':"
                + "'2026-01-10T11:59:58Z'}}")).containsExactly("default", "2s");
    }

    @Test
    void tableCarriesListMetadataAndPartialObjectMetadataRows() {
        ObjectNode pod = object("{'kind':'Pod','apiVersion':'v1','metadata':{'name':'p','namespace':'d',"
                + "'resourceVersion':'7'},'spec':{'containers':[]}}");

        ObjectNode table = writer.table(new TableRequest("v1beta1", IncludeObject.METADATA, true), type("", "pods"),
                List.of(pod), object("{'resourceVersion':'9','continue':'c'}"));

        assertThat(table.get("kind").stringValue()).isEqualTo("Table");
        assertThat(table.get("apiVersion").stringValue()).isEqualTo("meta.k8s.io/v1beta1");
        assertThat(table.get("metadata")).isEqualTo(object("{'resourceVersion':'9','continue':'c'}"));
        assertThat(table.get("rows").get(0).get("object")).isEqualTo(object("{'kind':'PartialObjectMetadata',"
                + "'apiVersion':'meta.k8s.io/v1beta1','metadata':{'name':'p','namespace':'d','resourceVersion':'7'}}"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            OBJECT
            NONE
            """)
    void includeObjectChoosesWhatRowsCarry(IncludeObject include) {
        ObjectNode pod = object("{'kind':'Pod','apiVersion':'v1','metadata':{'name':'p'},'spec':{'containers':[]}}");

        JsonNode object = writer.table(V1.withIncludeObject(include), type("", "pods"), List.of(pod), object("{}"))
                .get("rows").get(0).get("object");

        assertThat(object).isEqualTo(include == IncludeObject.OBJECT ? pod : JSON.nullNode());
    }

    @Test
    void numericCellsStayNumbers() {
        ObjectNode table = writer.table(V1, type("", "events"), List.of(object("{'metadata':{'name':'e'},"
                + "'count':3}")), object("{}"));

        assertThat(table.get("rows").get(0).get("cells").get(8).isNumber()).isTrue();
        assertThat(table.get("columnDefinitions").get(0).get("format").stringValue()).isEmpty();
        assertThat(table.get("columnDefinitions").get(9).get("format").stringValue()).isEqualTo("name");
    }

    @Test
    void laterWatchEventsCarryNoColumnDefinitions() {
        ObjectNode table = writer.table(V1.withoutHeaders(), type("", "pods"),
                List.of(object("{'metadata':{'name':'p'}}")), object("{}"));

        assertThat(table.get("columnDefinitions").isNull()).isTrue();
        assertThat(table.get("rows").get(0).get("cells").get(0).stringValue()).isEqualTo("p");
    }
}
