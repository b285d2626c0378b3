package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * One {@code backend} event per provider kind: which kind of directory or store each one uses. Openfire's own
 * provider classes are named by exact class name (checked against Openfire's source, 4.2 to 5.1), so that a
 * third-party class that merely looks like one of Openfire's is still {@code custom}; a custom class's name never
 * leaves this class.
 */
final class ProviderProbe extends Probe {
    static final String CUSTOM = "custom";

    private static final String OF = "org.jivesoftware.openfire.";
    private static final Map<String, String> BACKENDS = Map.ofEntries(
            Map.entry(OF + "user.DefaultUserProvider", "default"),
            Map.entry(OF + "user.JDBCUserProvider", "jdbc"),
            Map.entry(OF + "user.HybridUserProvider", "hybrid"),
            Map.entry(OF + "user.MappedUserProvider", "mapped"),
            Map.entry(OF + "user.NativeUserProvider", "native"),
            Map.entry(OF + "user.POP3UserProvider", "pop3"),
            Map.entry(OF + "ldap.LdapUserProvider", "ldap"),
            Map.entry(OF + "crowd.CrowdUserProvider", "crowd"),

            Map.entry(OF + "auth.DefaultAuthProvider", "default"),
            Map.entry(OF + "auth.JDBCAuthProvider", "jdbc"),
            Map.entry(OF + "auth.HybridAuthProvider", "hybrid"),
            Map.entry(OF + "auth.MappedAuthProvider", "mapped"),
            Map.entry(OF + "auth.NativeAuthProvider", "native"),
            Map.entry(OF + "auth.POP3AuthProvider", "pop3"),
            Map.entry(OF + "auth.JWTAuthProvider", "jwt"),
            Map.entry(OF + "ldap.LdapAuthProvider", "ldap"),
            Map.entry(OF + "crowd.CrowdAuthProvider", "crowd"),

            Map.entry(OF + "group.DefaultGroupProvider", "default"),
            Map.entry(OF + "group.JDBCGroupProvider", "jdbc"),
            Map.entry(OF + "group.HybridGroupProvider", "hybrid"),
            Map.entry(OF + "group.MappedGroupProvider", "mapped"),
            Map.entry(OF + "ldap.LdapGroupProvider", "ldap"),
            Map.entry(OF + "crowd.CrowdGroupProvider", "crowd"),

            Map.entry(OF + "vcard.DefaultVCardProvider", "default"),
            Map.entry(OF + "vcard.JDBCVCardProvider", "jdbc"),
            Map.entry(OF + "ldap.LdapVCardProvider", "ldap"),
            Map.entry(OF + "crowd.CrowdVCardProvider", "crowd"),

            Map.entry(OF + "lockout.DefaultLockOutProvider", "default"),

            Map.entry(OF + "admin.DefaultAdminProvider", "default"),
            Map.entry(OF + "admin.JDBCAdminProvider", "jdbc"),
            Map.entry(OF + "admin.GroupAdminProvider", "group"),
            Map.entry(OF + "admin.GroupBasedAdminProvider", "group"),
            Map.entry(OF + "crowd.CrowdAdminProvider", "crowd"));

    ProviderProbe(OpenfireServer server) {
        super(server, "backends", ReportCategory.BACKENDS);
    }

    @Override
    public List<Event> collect(ReportContext context) {
        List<Event> events = new ArrayList<>();
        server.providerClassNames().forEach((kind, className) -> events.add(Event.named("backend")
                .param("kind", kind).param("backend", backendOf(className)).build()));
        return events;
    }

    /** The short back-end name for one of Openfire's classes, {@code custom} for anything else. */
    static String backendOf(String className) {
        return BACKENDS.getOrDefault(className, CUSTOM);
    }

    static boolean isCustom(String className) {
        return !BACKENDS.containsKey(className);
    }
}
