package dev.aiguard.waf.internal.operator;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code @detectSQLi} and {@code @detectXSS}: delegate to AIGuard's detectors. With {@code capture},
 * what the detector recognised (e.g. the SQL token fingerprint) is reported as TX:0, as ModSecurity does.
 */
final class DetectorOperator implements Operator {

    private final Function<String, Optional<String>> detector;

    DetectorOperator(Function<String, Optional<String>> detector) {
        this.detector = detector;
    }

    @Override
    public boolean evaluate(String value, OperatorContext context) {
        Optional<String> found = detector.apply(value);
        if (found.isEmpty()) {
            return false;
        }
        if (context.captureEnabled()) {
            context.captured(List.of(found.get()));
        }
        return true;
    }
}
