package dev.aiguard.waf.internal.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code @pmFromFile} phrase files: one phrase per line, surrounding whitespace removed, empty
 * lines and lines starting with {@code #} skipped. Files are byte strings (read as ISO-8859-1).
 */
final class PhraseFiles {

    private PhraseFiles() {
    }

    /**
     * @param ruleDir   directory that relative file names resolve against
     * @param fileNames one or more file names separated by whitespace
     * @throws IllegalArgumentException when no file is named, a file is remote or cannot be read
     */
    static List<String> load(Path ruleDir, String fileNames) {
        String[] names = fileNames.trim().split("\\s+");
        if (names.length == 0 || names[0].isEmpty()) {
            throw new IllegalArgumentException("@pmFromFile needs at least one file name");
        }
        List<String> phrases = new ArrayList<>();
        for (String name : names) {
            phrases.addAll(read(resolve(ruleDir, name)));
        }
        return phrases;
    }

    private static Path resolve(Path ruleDir, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            throw new IllegalArgumentException("@pmFromFile: remote phrase files are not supported: " + name);
        }
        Path path = Path.of(name);
        return path.isAbsolute() || ruleDir == null ? path : ruleDir.resolve(path);
    }

    private static List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("@pmFromFile: cannot read phrase file " + file + ": " + e, e);
        }
        List<String> phrases = new ArrayList<>(lines.size());
        for (String line : lines) {
            String phrase = line.strip();
            if (!phrase.isEmpty() && phrase.charAt(0) != '#') {
                phrases.add(phrase);
            }
        }
        return phrases;
    }
}
