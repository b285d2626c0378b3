package org.systemmetrics.openfire;

import java.util.Optional;
import org.systemmetrics.core.identity.SecretStore;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * Secrets as Openfire's encrypted system properties {@code <base>.<name>}, as the console's API secret is kept:
 * encrypted with the key in {@code conf/security.xml}, readable on every node, and re-encrypted by Openfire itself
 * when an administrator changes the encryption (Openfire 5.1's Blowfish key migration), which a value we encrypted
 * ourselves in a plain property would not survive. Openfire writes through its property cache and tells the other
 * nodes; whether the row reached the database is read back from the database itself, since Openfire only logs a
 * failed write and keeps the value in its cache.
 */
final class EncryptedProperties implements SecretStore {
    private final OpenfireServer server;
    private final String base;

    EncryptedProperties(OpenfireServer server, String base) {
        this.server = server;
        this.base = base;
    }

    @Override
    public boolean put(String name, String secret) {
        server.setProperty(propertyName(name), secret, true);
        return holds(name);
    }

    @Override
    public boolean holds(String name) {
        // The entries tell a row this node cannot decrypt from no row.
        return server.sharedStore().entries(propertyName(name)).containsKey(propertyName(name));
    }

    @Override
    public Optional<String> get(String name) {
        return server.sharedStore().get(propertyName(name));
    }

    @Override
    public void remove(String name) {
        server.deleteProperty(propertyName(name));
    }

    private String propertyName(String name) {
        return base + "." + name;
    }
}
