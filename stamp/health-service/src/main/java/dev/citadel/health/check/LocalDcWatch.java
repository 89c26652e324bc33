package dev.citadel.health.check;

import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.metadata.NodeStateListener;
import com.datastax.oss.driver.api.core.session.Session;

/**
 * The driver's own view of the stamp's DC, pushed to us: the driver marks a node down the moment its connections
 * close (a killed process on this host closes them at once), so the verdict can turn red within milliseconds
 * instead of at the next background round. It clears when the driver sees a node of the DC up again; a round that
 * failed in the meantime keeps the stamp red until a round passes.
 */
final class LocalDcWatch implements NodeStateListener {

    private final String localDc;
    private volatile Session session;
    private volatile boolean down;

    LocalDcWatch(String localDc) {
        this.localDc = localDc;
    }

    /** True while the driver knows of no node of the local DC that is up. */
    boolean localDcDown() {
        return down;
    }

    @Override
    public void onSessionReady(Session ready) {
        session = ready;
        down = !anyLocalUp(null);
    }

    @Override
    public void onDown(Node node) {
        down = !anyLocalUp(node);
    }

    @Override
    public void onRemove(Node node) {
        down = !anyLocalUp(node);
    }

    @Override
    public void onUp(Node node) {
        if (localDc.equals(node.getDatacenter())) {
            down = false;
        }
    }

    @Override
    public void onAdd(Node node) {
        // A new node is not up until the driver says so.
    }

    @Override
    public void close() {
        session = null;
    }

    /** @param gone a node just reported down or removed, counted as down whatever its state field says yet */
    private boolean anyLocalUp(Node gone) {
        Session s = session;
        if (s == null) {
            return true; // not connected yet: the rounds decide
        }
        for (Node n : s.getMetadata().getNodes().values()) {
            if (n != gone && localDc.equals(n.getDatacenter()) && n.getState() == NodeState.UP) {
                return true;
            }
        }
        return false;
    }
}
