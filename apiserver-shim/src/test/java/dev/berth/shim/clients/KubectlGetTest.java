package dev.berth.shim.clients;

import static dev.berth.shim.testing.SingleQuotedJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.testing.ForEachKubectl;
import dev.berth.shim.testing.Kubectl;
import dev.berth.shim.testing.KubectlBinary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl printing the Tables {@link dev.berth.shim.table.TableWriter} writes. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KubectlGetTest {

    @TempDir
    Path dir;

    private FakeApiServer server;
    private Kubectl kubectl;

    @BeforeEach
    void start(KubectlBinary binary) throws IOException {
        server = new FakeApiServer();
        kubectl = Kubectl.forServer(binary, server.url(), dir);
        String fiveMinutesAgo = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        server.put(object("{'apiVersion':'v1','kind':'Node','metadata':{'name':'n1','creationTimestamp':'"
                + fiveMinutesAgo + "','labels':{'node-role.kubernetes.io/worker':''}},'spec':{'unschedulable':true},"
                + "'status':{'conditions':[{'type':'Ready','status':'True'}],'addresses':[{'type':'InternalIP',"
                + "'address':'10.1.0.1'}],'nodeInfo':{'kubeletVersion':'v1.32.0','osImage':'BerthOS',"
                + "'kernelVersion':'6.1','containerRuntimeVersion':'fake://1'}}}"));
        server.put(object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web-1','namespace':'default',"
                + "'creationTimestamp':'" + fiveMinutesAgo + "'},'spec':{'nodeName':'n1','containers':[{'name':'a'},"
                + "{'name':'b'}]},'status':{'phase':'Running','podIPs':[{'ip':'10.244.0.7'}],'containerStatuses':"
                + "[{'name':'a','ready':true,'restartCount':0,'state':{'running':{}}},{'name':'b','ready':false,"
                + "'restartCount':0,'state':{'waiting':{'reason':'ContainerCreating'}}}]}}"));
        server.put(object("{'apiVersion':'v1','kind':'Event','metadata':{'name':'web-1.1','namespace':'default'},"
                + "'type':'Normal','reason':'Scheduled','message':'Successfully assigned default/web-1 to n1',"
                + "'involvedObject':{'kind':'Pod','name':'web-1','namespace':'default'},'source':{'component':"
                + "'berth-scheduler'},'firstTimestamp':'" + fiveMinutesAgo + "','lastTimestamp':'" + fiveMinutesAgo
                + "','count':1}"));
        server.put(object("{'apiVersion':'coordination.k8s.io/v1','kind':'Lease','metadata':{'name':'berth',"
                + "'namespace':'kube-system','creationTimestamp':'" + fiveMinutesAgo + "'},'spec':{}}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String get(String... args) throws Exception {
        Kubectl.Run run = kubectl.run(args);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output();
    }

    @ForEachKubectl
    void pods() throws Exception {
        assertThat(get("get", "pods")).matches("(?s)NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s*\\n"
                + "web-1\\s+1/2\\s+ContainerCreating\\s+0\\s+5m\\d*s?\\s*\\n");
        assertThat(get("get", "pods", "-o", "wide")).matches("(?s)NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+"
                + "NODE\\s+NOMINATED NODE\\s+READINESS GATES\\s*\\n"
                + "web-1\\s+1/2\\s+ContainerCreating\\s+0\\s+5m\\d*s?\\s+10\\.244\\.0\\.7\\s+n1\\s+<none>\\s+<none>\\s*\\n");
    }

    @ForEachKubectl
    void nodes() throws Exception {
        assertThat(get("get", "nodes")).matches("(?s)NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION\\s*\\n"
                + "n1\\s+Ready,SchedulingDisabled\\s+worker\\s+5m\\d*s?\\s+v1\\.32\\.0\\s*\\n");
        assertThat(get("get", "nodes", "-o", "wide")).contains("INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE",
                "KERNEL-VERSION", "CONTAINER-RUNTIME", "10.1.0.1", "BerthOS", "fake://1");
    }

    @ForEachKubectl
    void events() throws Exception {
        assertThat(get("get", "events")).matches("(?s)LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE\\s*\\n"
                + "5m\\d*s?\\s+Normal\\s+Scheduled\\s+pod/web-1\\s+Successfully assigned default/web-1 to n1\\s*\\n");
    }

    @ForEachKubectl
    void otherKindsAcrossNamespaces() throws Exception {
        assertThat(get("get", "leases", "-A")).matches("(?s)NAMESPACE\\s+NAME\\s+AGE\\s*\\n"
                + "kube-system\\s+berth\\s+5m\\d*s?\\s*\\n");
    }
}
