package org.systemmetrics.openfire.seam;

import static org.systemmetrics.openfire.seam.OpenfireCall.call;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.filetransfer.proxy.FileTransferProxy;
import org.jivesoftware.openfire.mediaproxy.MediaProxyService;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.jivesoftware.openfire.pubsub.PubSubModule;

/**
 * Which built-in services are switched on. Only the enable flags are read; the MUC count getters changed
 * return type between 4.2.0 and 4.8 and are avoided. A module Openfire did not start counts as off.
 */
final class ServiceReader {
    private ServiceReader() {
    }

    static Set<BuiltInService> enabledBuiltInServices() {
        Set<BuiltInService> enabled = EnumSet.noneOf(BuiltInService.class);
        if (call("MultiUserChatService.isServiceEnabled()", ServiceReader::anyChatServiceEnabled)) {
            enabled.add(BuiltInService.MUC);
        }
        if (call("PubSubModule.isServiceEnabled()", () -> {
            PubSubModule module = XMPPServer.getInstance().getPubSubModule();
            return module != null && module.isServiceEnabled();
        })) {
            enabled.add(BuiltInService.PUBSUB);
        }
        if (call("FileTransferProxy.isProxyEnabled()", () -> {
            FileTransferProxy proxy = XMPPServer.getInstance().getFileTransferProxy();
            return proxy != null && proxy.isProxyEnabled();
        })) {
            enabled.add(BuiltInService.PROXY65);
        }
        if (call("MediaProxyService.isEnabled()", () -> {
            MediaProxyService proxy = XMPPServer.getInstance().getMediaProxyService();
            return proxy != null && proxy.isEnabled();
        })) {
            enabled.add(BuiltInService.MEDIA_PROXY);
        }
        return Collections.unmodifiableSet(enabled);
    }

    private static boolean anyChatServiceEnabled() {
        MultiUserChatManager manager = XMPPServer.getInstance().getMultiUserChatManager();
        if (manager == null) {
            return false;
        }
        // One entry per MUC service (conference.*, usually one or two), never per room or occupant.
        for (MultiUserChatService service : manager.getMultiUserChatServices()) {
            if (service.isServiceEnabled()) {
                return true;
            }
        }
        return false;
    }
}
