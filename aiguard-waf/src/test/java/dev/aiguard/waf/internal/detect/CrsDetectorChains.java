package dev.aiguard.waf.internal.detect;

import dev.aiguard.waf.internal.transform.Transformation;
import dev.aiguard.waf.internal.transform.Transformations;

import java.util.function.UnaryOperator;

/**
 * The transformation chains CRS applies before {@code @detectSQLi} (942100/942101) and {@code @detectXSS}
 * (941100/941101), built from the real transformations, so the detector tests see values the way the rules do.
 */
final class CrsDetectorChains {

    /** {@code t:utf8toUnicode,t:urlDecodeUni,t:removeNulls}. */
    static final UnaryOperator<String> SQLI_CHAIN = chain("utf8toUnicode", "urlDecodeUni", "removeNulls");

    /** {@code t:utf8toUnicode,t:urlDecodeUni,t:htmlEntityDecode,t:jsDecode,t:cssDecode,t:removeNulls}. */
    static final UnaryOperator<String> XSS_CHAIN =
            chain("utf8toUnicode", "urlDecodeUni", "htmlEntityDecode", "jsDecode", "cssDecode", "removeNulls");

    private static final Transformation URL_DECODE_UNI = Transformations.byName("urlDecodeUni");

    private CrsDetectorChains() {
    }

    /** {@code t:urlDecodeUni} alone. */
    static String urlDecodeUni(String in) {
        return URL_DECODE_UNI.apply(in);
    }

    private static UnaryOperator<String> chain(String... names) {
        Transformation[] steps = new Transformation[names.length];
        for (int i = 0; i < names.length; i++) {
            steps[i] = Transformations.byName(names[i]);
        }
        return value -> {
            String v = value;
            for (Transformation t : steps) {
                v = t.apply(v);
            }
            return v;
        };
    }
}
