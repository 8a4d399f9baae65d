package dev.aiguard.waf.internal.engine;

/**
 * The parts of a request target as ModSecurity exposes them.
 *
 * @param uri      REQUEST_URI: the target without scheme and authority, with query (and fragment, if sent)
 * @param filename REQUEST_FILENAME: the path without query and fragment
 * @param basename REQUEST_BASENAME: the last path segment
 * @param query    QUERY_STRING: after {@code ?}, without a fragment; {@code null} when there is no {@code ?}
 */
record RequestLine(String uri, String filename, String basename, String query) {

    static RequestLine parse(String rawUri) {
        String uri = stripSchemeAndAuthority(rawUri);
        int hash = uri.indexOf('#');
        String beforeFragment = hash < 0 ? uri : uri.substring(0, hash);
        int q = beforeFragment.indexOf('?');
        String filename = q < 0 ? beforeFragment : beforeFragment.substring(0, q);
        String query = q < 0 ? null : beforeFragment.substring(q + 1);
        int slash = filename.lastIndexOf('/');
        String basename = slash < 0 ? filename : filename.substring(slash + 1);
        return new RequestLine(uri, filename, basename, query);
    }

    private static String stripSchemeAndAuthority(String raw) {
        int scheme = raw.indexOf("://");
        if (scheme <= 0 || raw.startsWith("/")) {
            return raw;
        }
        for (int i = 0; i < scheme; i++) {
            char c = raw.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '+' && c != '-' && c != '.') {
                return raw;
            }
        }
        int pathStart = raw.indexOf('/', scheme + 3);
        int queryStart = raw.indexOf('?', scheme + 3);
        if (pathStart < 0 && queryStart < 0) {
            return "/";
        }
        if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
            return "/" + raw.substring(queryStart);
        }
        return raw.substring(pathStart);
    }
}
