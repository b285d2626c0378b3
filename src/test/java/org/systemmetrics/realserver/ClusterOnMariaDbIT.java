package org.systemmetrics.realserver;

/**
 * The real two-node cluster of {@link ClusterOnRealServerIT} on MariaDB (Debian's {@code mariadb-server}, provided
 * by {@code .ci/mariadb.sh}), where Openfire's schema makes {@code ofProperty.propValue} a {@code TEXT} column: one
 * cluster ID, one sender per period and the hand-over to the next senior, all through the plugin's SQL there.
 */
class ClusterOnMariaDbIT extends ClusterOnRealServerIT {
    @Override
    ClusterDatabase.Kind kind() {
        return ClusterDatabase.Kind.MARIADB;
    }
}
