package org.systemmetrics.openfire.seam.fakeopenfire;

/** A SystemProperty whose builder lacks a method the registrar needs, as a changed future API might. */
public final class BrokenSystemProperty {
    private BrokenSystemProperty() {
    }

    public static final class Builder {
        public static Builder ofType(Class<?> type) {
            return new Builder();
        }

        public Builder setKey(String key) {
            return this;
        }
    }
}
