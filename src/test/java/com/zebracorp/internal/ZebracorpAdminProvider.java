package com.zebracorp.internal;

import java.util.List;
import org.jivesoftware.openfire.admin.AdminProvider;
import org.xmpp.packet.JID;

/** A customer's own admin provider, with a name that must never reach a report. */
public class ZebracorpAdminProvider implements AdminProvider {
    @Override
    public List<JID> getAdmins() {
        return List.of();
    }

    @Override
    public void setAdmins(List<JID> admins) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }
}
