package org.systemmetrics.openfire.seam;

import static org.systemmetrics.openfire.seam.OpenfireCall.call;

import java.util.Optional;
import java.util.function.Supplier;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.auth.AuthFactory;
import org.jivesoftware.openfire.group.GroupManager;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.vcard.VCardManager;
import org.jivesoftware.util.JiveGlobals;

/**
 * The class of the provider each manager uses now. The managers' getters are read rather than the
 * {@code provider.*.className} properties: since 4.4 those defaults live in {@code SystemProperty}
 * definitions that 4.2.0-compiled code cannot see, so an unset property would read as null. The lock-out
 * provider is the exception (see {@link #lockOutProviderClassName()}): its default is known here.
 */
final class ProviderReader {
    static final String LOCKOUT_PROVIDER_PROPERTY = "provider.lockout.className";
    private static final String DEFAULT_LOCKOUT_PROVIDER = "org.jivesoftware.openfire.lockout.DefaultLockOutProvider";

    private ProviderReader() {
    }

    // AuthFactory.getAuthProvider() is deprecated in favour of AuthFactory's own methods, yet present unchanged
    // from 4.2.0 to 5.1; nothing else says which auth provider is installed.
    @SuppressWarnings("deprecation")
    static Optional<String> providerClassName(ProviderKind kind) {
        switch (kind) {
            case USER:
                return className("UserManager.getUserProvider()", UserManager::getUserProvider);
            case AUTH:
                return className("AuthFactory.getAuthProvider()", AuthFactory::getAuthProvider);
            case GROUP:
                return className("GroupManager.getProvider()", () -> GroupManager.getInstance().getProvider());
            case VCARD:
                return className("VCardManager.getProvider()", VCardManager::getProvider);
            case LOCKOUT:
                return lockOutProviderClassName();
            case ADMIN:
                return className("AdminManager.getAdminProvider()", AdminManager::getAdminProvider);
            default:
                throw new IllegalArgumentException("no provider getter for " + kind);
        }
    }

    /**
     * Read from its property, not from {@code LockOutManager}: Openfire builds that manager lazily (at the first
     * login or lock-out), and building it from a report would create Openfire's "Locked Out Accounts" cache on a
     * server that never needed it (seen on real 4.8.3 and 5.1.1 servers). The manager uses exactly this property,
     * and its default when the property is unset.
     */
    private static Optional<String> lockOutProviderClassName() {
        return call("JiveGlobals.getProperty(" + LOCKOUT_PROVIDER_PROPERTY + ")", () -> {
            String configured = JiveGlobals.getProperty(LOCKOUT_PROVIDER_PROPERTY);
            return Optional.of(configured == null || configured.isBlank() ? DEFAULT_LOCKOUT_PROVIDER : configured.trim());
        });
    }

    private static Optional<String> className(String what, Supplier<Object> provider) {
        // A manager that has no provider yet (still starting) is "not present", not a failure.
        return call(what, () -> Optional.ofNullable(provider.get()).map(p -> p.getClass().getName()));
    }
}
