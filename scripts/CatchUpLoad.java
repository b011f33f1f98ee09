import com.google.protobuf.ByteString;
import dev.berth.store.client.ClientOptions;
import dev.berth.store.client.Endpoint;
import dev.berth.store.client.RemoteStoreClient;
import dev.berth.store.etcd.pb.PutRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of scripts/bench-catch-up.sh: COUNT puts of 8-byte keys and VALUE_BYTES-byte values over the given
 * client URLs, 64 in flight, with Berth's own client. Run from source: java -cp berth.jar CatchUpLoad.java ...
 */
public class CatchUpLoad {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: CatchUpLoad HOST:PORT[,HOST:PORT...] COUNT VALUE_BYTES");
            System.exit(2);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String endpoint : args[0].split(",")) {
            endpoints.add(Endpoint.parse(endpoint));
        }
        int count = Integer.parseInt(args[1]);
        byte[] value = new byte[Integer.parseInt(args[2])];
        new Random(1).nextBytes(value);
        PutRequest.Builder put = PutRequest.newBuilder().setValue(ByteString.copyFrom(value));
        Semaphore inFlight = new Semaphore(64);
        CountDownLatch done = new CountDownLatch(count);
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        try (RemoteStoreClient client = RemoteStoreClient.connect(endpoints, ClientOptions.defaults())) {
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                client.put(put.setKey(ByteString.copyFromUtf8(String.format("%08d", i))).build())
                        .whenComplete((response, error) -> {
                            if (error != null && failed.getAndIncrement() == 0) {
                                System.err.println("a put failed: " + error);
                            }
                            inFlight.release();
                            done.countDown();
                        });
            }
            done.await();
        }
        System.out.printf("%d puts in %.1f s, %d failed%n", count, (System.nanoTime() - start) / 1e9, failed.get());
        System.exit(failed.get() == 0 ? 0 : 1);
    }
}
