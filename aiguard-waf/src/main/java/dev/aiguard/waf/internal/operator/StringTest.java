package dev.aiguard.waf.internal.operator;

/**
 * The case-sensitive string comparisons of SecLang. As in ModSecurity, an empty argument matches
 * everything for {@code contains}, {@code containsWord}, {@code beginsWith} and {@code endsWith},
 * and an empty value is always {@code within}.
 */
enum StringTest {
    CONTAINS {
        @Override
        boolean test(String value, String argument) {
            return value.contains(argument);
        }
    },
    CONTAINS_WORD {
        @Override
        boolean test(String value, String argument) {
            if (argument.isEmpty()) {
                return true;
            }
            for (int at = value.indexOf(argument); at >= 0; at = value.indexOf(argument, at + 1)) {
                int end = at + argument.length();
                if ((at == 0 || !isWordByte(value.charAt(at - 1)))
                        && (end == value.length() || !isWordByte(value.charAt(end)))) {
                    return true;
                }
            }
            return false;
        }
    },
    BEGINS_WITH {
        @Override
        boolean test(String value, String argument) {
            return value.startsWith(argument);
        }
    },
    ENDS_WITH {
        @Override
        boolean test(String value, String argument) {
            return value.endsWith(argument);
        }
    },
    STREQ {
        @Override
        boolean test(String value, String argument) {
            return value.equals(argument);
        }
    },
    /** The value is a substring of the argument (e.g. a method within the allowed-methods list). */
    WITHIN {
        @Override
        boolean test(String value, String argument) {
            return argument.contains(value);
        }
    };

    abstract boolean test(String value, String argument);

    /** Word bytes for {@code containsWord}: ASCII letters, digits and underscore. */
    private static boolean isWordByte(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_');
    }
}
