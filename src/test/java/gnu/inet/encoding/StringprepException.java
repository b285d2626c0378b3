package gnu.inet.encoding;

/**
 * Stand-in for GNU libidn's exception, which Openfire 4.2.0's {@code UserManager} catches. Maven Central does
 * not serve libidn, and without this class the JVM cannot initialise {@code UserManager}, so tests could not
 * mock its static provider getter. Openfire ships the real library at run time; this exists only in tests.
 */
public class StringprepException extends Exception {
    private static final long serialVersionUID = 1L;
}
