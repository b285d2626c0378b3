package org.systemmetrics.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClusterIdentityTest {
    private static final class MemoryStore implements ClusterIdentity.Store {
        final AtomicReference<String> value = new AtomicReference<>();
        int writes;

        @Override
        public Optional<String> get() {
            return Optional.ofNullable(value.get());
        }

        @Override
        public void set(String v) {
            writes++;
            value.set(v);
        }
    }

    @Test
    void theSeniorMemberCreatesARandomVersion4UuidOnceAndReusesIt() {
        MemoryStore store = new MemoryStore();
        ClusterIdentity identity = new ClusterIdentity(store, () -> true);

        String id = identity.current().orElseThrow();

        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(identity.current()).contains(id);
        assertThat(new ClusterIdentity(store, () -> true).current()).contains(id);
        assertThat(store.writes).isEqualTo(1);
    }

    @Test
    void otherNodesWaitForTheSeniorMemberInsteadOfInventingTheirOwn() {
        MemoryStore store = new MemoryStore();
        ClusterIdentity follower = new ClusterIdentity(store, () -> false);

        assertThat(follower.current()).isEmpty();
        assertThat(store.writes).isZero();

        String id = new ClusterIdentity(store, () -> true).current().orElseThrow();
        assertThat(follower.current()).contains(id);
    }

    @Test
    void aDamagedStoredValueIsReplacedByTheSeniorMember() {
        MemoryStore store = new MemoryStore();
        store.value.set("my-server.example.com");
        UUID fresh = UUID.fromString("6f1c1f3e-2b7d-4c55-8d0e-0d1f5a3b9c21");

        assertThat(new ClusterIdentity(store, () -> false).current()).isEmpty();
        assertThat(new ClusterIdentity(store, () -> true, () -> fresh).current()).contains(fresh.toString());
    }
}
