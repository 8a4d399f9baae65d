package dev.aiguard.waf.internal.seclang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One call of {@link SecLangParser}: reads text line by line, dispatches each directive and
 * follows {@code Include}s depth-first, keeping the chain of open files to detect cycles.
 * Files are read as bytes and seen as ISO-8859-1, so every char is one byte (AIGuard's byte-string
 * convention); a rule's UTF-8 text therefore reaches regex engines byte for byte.
 */
final class ParseRun {
    /** Rule files bigger than this are refused: CRS v4 is under 2 MB in all. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** Deeper include nesting than this is refused (a chain of distinct files, so no cycle). */
    static final int MAX_INCLUDE_DEPTH = 32;
    /** The UTF-8 byte order mark EF BB BF, seen one char per byte. */
    private static final String UTF8_BOM_BYTES = "\u00EF\u00BB\u00BF";

    private final DirectiveParser directives;
    private final List<Directive> out = new ArrayList<>();
    private final Deque<Path> openFiles = new ArrayDeque<>();

    ParseRun(DirectiveParser directives) {
        this.directives = directives;
    }

    List<Directive> result() {
        return out;
    }

    void parseFile(Path file) {
        Path key = identity(file, null);
        String text = read(file, null);
        parse(text, file, key);
    }

    void parseText(String text, Path origin) {
        parse(text, origin, origin.toAbsolutePath().normalize());
    }

    private void parse(String text, Path origin, Path key) {
        openFiles.addLast(key);
        LineJoiner lines = new LineJoiner(withoutByteOrderMark(text));
        for (LogicalLine line = lines.next(); line != null; line = lines.next()) {
            SourceLocation location = new SourceLocation(origin, line.line());
            try {
                handle(line, location);
            } catch (SyntaxError e) {
                throw new SecLangException(origin, line.line(), e.getMessage());
            }
        }
        openFiles.removeLast();
    }

    /** Editors on Windows put a UTF-8 byte order mark first; it is not part of the first directive. */
    private static String withoutByteOrderMark(String text) {
        if (text.startsWith(UTF8_BOM_BYTES)) {
            return text.substring(UTF8_BOM_BYTES.length());
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private void handle(LogicalLine line, SourceLocation location) {
        List<String> tokens = ArgumentTokenizer.tokenize(line.text());
        if (tokens.isEmpty()) {
            // only continuation backslashes and blanks
            return;
        }
        String name = tokens.get(0);
        List<String> args = tokens.subList(1, tokens.size());
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("include") || lower.equals("includeoptional")) {
            include(lower.equals("includeoptional") ? "IncludeOptional" : "Include", args, location);
        } else {
            out.add(directives.parse(name, args, location));
        }
    }

    private void include(String directive, List<String> args, SourceLocation location) {
        Arity.exactly(1).check(directive, args);
        List<Path> files = IncludeResolver.resolve(args.get(0), location.file(), directive.equals("IncludeOptional"));
        for (Path file : files) {
            if (openFiles.size() >= MAX_INCLUDE_DEPTH) {
                throw new SyntaxError("includes nested deeper than " + MAX_INCLUDE_DEPTH + " files at "
                        + Excerpt.path(args.get(0)));
            }
            Path key = identity(file, location);
            if (openFiles.contains(key)) {
                throw new SyntaxError("include cycle: " + openFiles.stream().map(Path::toString)
                        .collect(Collectors.joining(" -> ")) + " -> " + key);
            }
            parse(read(file, location), file, key);
        }
    }

    /** The real path of {@code file}, so that two spellings of one file are recognised in a cycle. */
    private static Path identity(Path file, SourceLocation includedFrom) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw readError(file, includedFrom, "does not exist or cannot be resolved");
        }
    }

    private static String read(Path file, SourceLocation includedFrom) {
        if (!Files.isRegularFile(file)) {
            throw readError(file, includedFrom, "is not a regular file");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw readError(file, includedFrom, "is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw readError(file, includedFrom, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** For a top-level file the error is at line 0 of that file; for an include, at the Include line. */
    private static RuntimeException readError(Path file, SourceLocation includedFrom, String problem) {
        if (includedFrom == null) {
            return new SecLangException(file, 0, "file " + problem);
        }
        return new SyntaxError("included file " + Excerpt.path(file.toString()) + " " + problem);
    }
}
