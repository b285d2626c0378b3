package org.systemmetrics.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.systemmetrics.testing.MemorySharedStore;

class ClusterIdentityTest {
    private static final String ID = "systemmetrics.cluster_id";
    private static final String OTHER_NODES_ID = "0b7f6b4e-6f0a-4c8e-9d8e-3f2a1c5b7d90";

    @Test
    void theFirstNodeCreatesARandomVersion4UuidOnceAndEveryoneReusesIt() {
        MemorySharedStore store = new MemorySharedStore();
        ClusterIdentity identity = new ClusterIdentity(store, ID);

        String id = identity.current().orElseThrow();

        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(identity.current()).contains(id);
        assertThat(new ClusterIdentity(store, ID).current()).contains(id);
        assertThat(store.writes()).isEqualTo(1);
    }

    @Test
    void aNodeThatLosesTheRaceAdoptsTheStoredIdAtOnce() {
        MemorySharedStore store = new MemorySharedStore().raceBeforeNextWrite(ID, OTHER_NODES_ID);

        assertThat(new ClusterIdentity(store, ID).current()).contains(OTHER_NODES_ID);
        assertThat(store.get(ID)).contains(OTHER_NODES_ID);
        assertThat(store.writes()).isZero();
    }

    @Test
    void nodesStartingAtTheSameMomentEndWithOneIdCreatedOnce() throws Exception {
        for (int round = 0; round < 50; round++) {
            MemorySharedStore store = new MemorySharedStore();
            int nodes = 4;
            ExecutorService pool = Executors.newFixedThreadPool(nodes);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> ids = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    ids.add(pool.submit(() -> {
                        start.await();
                        return new ClusterIdentity(store, ID).current().orElseThrow();
                    }));
                }
                start.countDown();
                Set<String> seen = ConcurrentHashMap.newKeySet();
                for (Future<String> id : ids) {
                    seen.add(id.get(10, TimeUnit.SECONDS));
                }
                assertThat(seen).containsExactly(store.get(ID).orElseThrow());
                assertThat(store.writes()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aDamagedStoredValueIsReplacedOnce() {
        MemorySharedStore store = new MemorySharedStore().row(ID, "my-server.example.com");
        UUID fresh = UUID.fromString("6f1c1f3e-2b7d-4c55-8d0e-0d1f5a3b9c21");

        assertThat(new ClusterIdentity(store, ID).existing()).isEmpty();
        assertThat(new ClusterIdentity(store, ID, () -> fresh).current()).contains(fresh.toString());
        assertThat(new ClusterIdentity(store, ID).current()).contains(fresh.toString());
        assertThat(store.writes()).isEqualTo(1);
    }
}
