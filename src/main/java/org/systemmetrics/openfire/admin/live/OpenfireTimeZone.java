package org.systemmetrics.openfire.admin.live;

import java.time.ZoneId;
import org.jivesoftware.util.JiveGlobals;

/** The time zone set in Openfire (Server Settings); read per page so a change shows at once. */
public final class OpenfireTimeZone {
    private OpenfireTimeZone() {
    }

    public static ZoneId current() {
        try {
            return JiveGlobals.getTimeZone().toZoneId();
        } catch (RuntimeException | LinkageError e) {
            return ZoneId.systemDefault();
        }
    }
}
