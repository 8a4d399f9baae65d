package dev.aiguard.api.internal.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and reads the files of a policy: one file, or every {@code *.yaml} / {@code *.yml} file directly in a
 * directory (not hidden, not in subdirectories), ordered by file name.
 */
public final class PolicySources {

    private PolicySources() {
    }

    /**
     * One policy document's text.
     *
     * @param name display name used in errors
     * @param text its content
     */
    public record Source(String name, String text) {
    }

    /**
     * What was read.
     *
     * @param sources       the documents in merge order (empty when nothing could be read)
     * @param files         the files read
     * @param baseDirectory where relative paths in the policy resolve
     */
    public record Read(List<Source> sources, List<Path> files, Path baseDirectory) {
    }

    /** The policy files at {@code path} in merge order (a file alone, or a directory's policy files by name). */
    public static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> list = Files.list(path)) {
            return list.filter(PolicySources::isPolicyFile)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
    }

    private static boolean isPolicyFile(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(p);
    }

    /** Reads every file at {@code path}; problems (missing, too large, not UTF-8) go to {@code problems}. */
    public static Read read(Path path, int maxBytes, Problems problems) {
        Path base = (Files.isDirectory(path) ? path : path.toAbsolutePath().getParent());
        List<Path> files;
        try {
            files = files(path);
        } catch (IOException e) {
            problems.add(Location.wholeFile(path.toString()), "", "cannot list directory: " + e.getMessage());
            return new Read(List.of(), List.of(), base);
        }
        if (files.isEmpty()) {
            problems.add(Location.wholeFile(path.toString()), "", "no policy files (*.yaml, *.yml) in directory");
        }
        List<Source> sources = new ArrayList<>();
        for (Path file : files) {
            String text = readOne(file, maxBytes, problems);
            if (text != null) {
                sources.add(new Source(file.toString(), text));
            }
        }
        return new Read(sources, files, base == null ? null : base.toAbsolutePath());
    }

    private static String readOne(Path file, int maxBytes, Problems problems) {
        Location whole = Location.wholeFile(file.toString());
        try {
            if (Files.size(file) > maxBytes) {
                problems.add(whole, "", "file is larger than " + maxBytes + " bytes");
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > maxBytes) {
                problems.add(whole, "", "file is larger than " + maxBytes + " bytes");
                return null;
            }
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            // Some Windows editors start UTF-8 files with a byte-order mark; it is not content.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            problems.add(whole, "", "file not found");
        } catch (CharacterCodingException e) {
            problems.add(whole, "", "file is not valid UTF-8");
        } catch (IOException e) {
            problems.add(whole, "", "cannot read: " + e.getMessage());
        }
        return null;
    }
}
