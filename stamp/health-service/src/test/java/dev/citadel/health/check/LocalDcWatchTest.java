package dev.citadel.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.session.Session;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LocalDcWatchTest {

    /** A driver node of {@code dc} whose state the test sets. */
    private static final class FakeNode {
        final String dc;
        volatile NodeState state = NodeState.UP;
        final Node node;

        FakeNode(String dc) {
            this.dc = dc;
            this.node = (Node) Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[] {Node.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getDatacenter" -> this.dc;
                        case "getState" -> state;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "node of " + this.dc;
                        default -> null;
                    });
        }
    }

    private static Session session(FakeNode... nodes) {
        Map<UUID, Node> all = new LinkedHashMap<>();
        for (FakeNode n : nodes) {
            all.put(UUID.randomUUID(), n.node);
        }
        Metadata metadata = (Metadata) Proxy.newProxyInstance(Metadata.class.getClassLoader(),
                new Class<?>[] {Metadata.class}, (p, m, a) -> m.getName().equals("getNodes") ? all : null);
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (p, m, a) -> m.getName().equals("getMetadata") ? metadata : null);
    }

    @Test
    void saysDownTheMomentTheLastNodeOfItsDcGoesDownWhateverOtherDcsDo() {
        FakeNode local = new FakeNode("dc1");
        FakeNode remote = new FakeNode("dc2");
        LocalDcWatch watch = new LocalDcWatch("dc1");
        assertThat(watch.localDcDown()).as("before the session is ready").isFalse();
        watch.onSessionReady(session(local, remote));
        assertThat(watch.localDcDown()).isFalse();

        // The driver calls onDown as it marks the node: its state field may not say so yet.
        watch.onDown(local.node);
        assertThat(watch.localDcDown()).isTrue();

        local.state = NodeState.UP;
        watch.onUp(local.node);
        assertThat(watch.localDcDown()).isFalse();

        watch.onDown(remote.node);
        assertThat(watch.localDcDown()).as("another region's node is not ours").isFalse();
    }

    @Test
    void staysUpWhileAnotherNodeOfItsDcIsUp() {
        FakeNode a = new FakeNode("dc1");
        FakeNode b = new FakeNode("dc1");
        LocalDcWatch watch = new LocalDcWatch("dc1");
        watch.onSessionReady(session(a, b));
        watch.onDown(a.node);
        a.state = NodeState.DOWN;
        assertThat(watch.localDcDown()).isFalse();
        watch.onRemove(b.node);
        assertThat(watch.localDcDown()).isTrue();
    }
}
