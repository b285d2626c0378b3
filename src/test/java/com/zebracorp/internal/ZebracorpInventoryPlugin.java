package com.zebracorp.internal;

import java.io.File;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;

/** A customer's own Openfire plugin, installed into real servers; its name must never reach a report. */
public class ZebracorpInventoryPlugin implements Plugin {
    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        // does nothing: it only has to be installed
    }

    @Override
    public void destroyPlugin() {
        // nothing to undo
    }
}
