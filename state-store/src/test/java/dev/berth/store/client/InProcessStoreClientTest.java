package dev.berth.store.client;

import dev.berth.store.StoreServer;

/** The client contract over a member in the same JVM, without gRPC. */
class InProcessStoreClientTest extends StoreClientContractTest {
    @Override
    StoreClient connect(StoreServer server) {
        return InProcessStoreClient.of(server);
    }
}
