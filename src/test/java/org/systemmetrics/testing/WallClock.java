package org.systemmetrics.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test that asserts a bound on real elapsed time (an abort, a budget, a shutdown that must be quick).
 * Such a test can fail on a starved machine for no fault of the code, so a slow CI run may leave these out with
 * {@code -DexcludedGroups=wall-clock} and run them on their own.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag(WallClock.TAG)
public @interface WallClock {
    String TAG = "wall-clock";
}
