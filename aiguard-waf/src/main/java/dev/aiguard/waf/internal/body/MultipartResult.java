package dev.aiguard.waf.internal.body;

import java.util.List;
import java.util.Set;

/**
 * What the multipart processor produced.
 *
 * @param args        form fields without a filename (ARGS_POST)
 * @param files       file parts: field name to file name (FILES; FILES_NAMES are the field names)
 * @param fileSizes   file parts: field name to size in bytes (FILES_SIZES)
 * @param partHeaders every part header: field name to {@code Header-Name: value} (MULTIPART_PART_HEADERS)
 * @param flags       the anomalies seen
 * @param error       the parse error (REQBODY_ERROR_MSG), or {@code null}
 */
public record MultipartResult(List<Param> args, List<Param> files, List<Param> fileSizes, List<Param> partHeaders,
                              Set<MultipartFlag> flags, String error) {
    public MultipartResult {
        args = List.copyOf(args);
        files = List.copyOf(files);
        fileSizes = List.copyOf(fileSizes);
        partHeaders = List.copyOf(partHeaders);
        flags = Set.copyOf(flags);
    }
}
