package org.systemmetrics.openfire.probe;

import java.util.Map;

/**
 * Maps Openfire's database type to the {@code database} values of the report. The set of values is closed,
 * so the types Openfire 5 added are folded into the family they are wire-compatible with: MariaDB reports as
 * {@code mysql} and CockroachDB as {@code postgresql}. Firebird and its predecessor InterBase, and anything
 * a later Openfire may add, report as {@code unknown}.
 */
final class DatabaseFamily {
    static final String UNKNOWN = "unknown";

    private static final Map<String, String> FAMILIES = Map.of(
            "hsqldb", "hsqldb",
            "mysql", "mysql",
            "mariadb", "mysql",
            "postgresql", "postgresql",
            "cockroachdb", "postgresql",
            "oracle", "oracle",
            "sqlserver", "sqlserver",
            "db2", "db2");

    private DatabaseFamily() {
    }

    static String of(String databaseTypeName) {
        return FAMILIES.getOrDefault(databaseTypeName, UNKNOWN);
    }
}
