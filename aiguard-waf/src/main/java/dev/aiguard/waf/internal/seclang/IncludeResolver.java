package dev.aiguard.waf.internal.seclang;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Finds the files an {@code Include} names. A relative path is relative to the directory of the
 * including file. The file-name part may be a glob ({@code *}, {@code ?}, {@code [...]}), matched
 * against regular files of that directory and returned in name order, as Apache does. Wildcards in
 * directory names are not supported. A missing file, or a glob matching nothing, is an error
 * unless the include is optional ({@code IncludeOptional}); a directory is always an error.
 */
final class IncludeResolver {

    private IncludeResolver() {
    }

    static List<Path> resolve(String pattern, Path includingFile, boolean optional) {
        Path resolved = toPath(pattern, includingFile);
        Path dir = resolved.getParent();
        Path name = resolved.getFileName();
        if (name == null || dir == null) {
            throw new SyntaxError("Include path " + Excerpt.path(pattern) + " names no file");
        }
        if (hasGlob(dir.toString())) {
            throw new SyntaxError("Include path " + Excerpt.path(pattern)
                    + " has wildcards in a directory name; they are supported only in the file name");
        }
        if (hasGlob(name.toString())) {
            return matchGlob(pattern, dir, name.toString(), optional);
        }
        if (Files.isDirectory(resolved)) {
            throw new SyntaxError("Include path " + Excerpt.path(pattern)
                    + " is a directory; include its files with a glob such as '*.conf'");
        }
        if (!Files.exists(resolved)) {
            if (optional) {
                return List.of();
            }
            throw new SyntaxError("included file " + Excerpt.path(pattern) + " does not exist");
        }
        return List.of(resolved);
    }

    private static Path toPath(String pattern, Path includingFile) {
        if (pattern.isBlank()) {
            throw new SyntaxError("Include path is empty");
        }
        try {
            Path path = Path.of(pattern);
            return path.isAbsolute() ? path.normalize()
                    : includingFile.toAbsolutePath().resolveSibling(path).normalize();
        } catch (InvalidPathException e) {
            throw new SyntaxError("invalid Include path " + Excerpt.path(pattern));
        }
    }

    private static List<Path> matchGlob(String pattern, Path dir, String glob, boolean optional) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            // Java globs treat braces as alternatives; fnmatch-style include patterns do not.
            String javaGlob = glob.replace("{", "\\{").replace("}", "\\}");
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, javaGlob)) {
                for (Path entry : entries) {
                    if (Files.isRegularFile(entry)) {
                        files.add(entry);
                    }
                }
            } catch (PatternSyntaxException e) {
                throw new SyntaxError("invalid glob in Include path " + Excerpt.path(pattern));
            } catch (IOException | RuntimeException e) {
                throw new SyntaxError("cannot list files for Include " + Excerpt.path(pattern) + ": " + e);
            }
        }
        if (files.isEmpty() && !optional) {
            throw new SyntaxError("Include pattern " + Excerpt.path(pattern) + " matches no file");
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return files;
    }

    private static boolean hasGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }
}
