package dev.aiguard.cli.internal.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aiguard.api.Policy;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The policy {@code serve --demo} runs: the one given with {@code --policy}, else {@code examples/policies/demo.yaml}
 * when run from a checkout, else the copy of that file inside the jar. Without a CRS directory, its {@code crs}
 * stages are left out (the demo still shows every other stage).
 */
public final class DemoPolicy {

    /** Where the jar carries {@code examples/policies/demo.yaml}. */
    public static final String RESOURCE = "/dev/aiguard/cli/demo/demo.yaml";
    /** The demo policy in a checkout, relative to its root. */
    public static final Path CHECKOUT_FILE = Path.of("examples", "policies", "demo.yaml");
    static final String CRS_TYPE = "crs";

    private DemoPolicy() {
    }

    /** Which policy the demo uses: {@code explicit} when given, else the checkout's file when present, else null. */
    public static Path choose(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        return Files.isRegularFile(CHECKOUT_FILE) ? CHECKOUT_FILE : null;
    }

    /** A name for the chosen policy in messages. */
    public static String describe(Path chosen) {
        return chosen == null ? "demo.yaml (built into the jar)" : chosen.toString();
    }

    /**
     * Loads the demo policy.
     *
     * @param chosen  from {@link #choose}; null for the built-in copy
     * @param withCrs false to drop {@code crs} stages (no CRS directory was found)
     * @throws PolicyException when it is invalid, with every error
     */
    public static Policy load(PolicyLoader loader, Path chosen, boolean withCrs) throws PolicyException {
        if (withCrs && chosen != null) {
            return loader.load(chosen);
        }
        if (chosen != null && !Files.isRegularFile(chosen)) {
            // A directory (or a missing file): load it as it is, and let the loader report what is wrong.
            return loader.load(chosen);
        }
        String name = describe(chosen);
        String yaml = chosen == null ? builtIn() : read(chosen);
        return loader.load(name, withCrs ? yaml : withoutCrs(yaml));
    }

    /** The demo policy's text as shipped in the jar. */
    public static String builtIn() {
        try (InputStream in = DemoPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The policy without its {@code crs} stages. Text that is not a YAML mapping is returned unchanged, so the
     * loader reports its problems with the right lines.
     */
    static String withoutCrs(String yaml) {
        YAMLMapper mapper = new YAMLMapper();
        JsonNode root;
        try {
            root = mapper.readTree(yaml);
        } catch (IOException e) {
            return yaml;
        }
        if (root == null || !root.isObject() || !(root.get("stages") instanceof ArrayNode stages)) {
            return yaml;
        }
        boolean removed = false;
        for (int i = stages.size() - 1; i >= 0; i--) {
            if (CRS_TYPE.equals(stages.get(i).path("type").asText(null))) {
                stages.remove(i);
                removed = true;
            }
        }
        if (!removed) {
            return yaml;
        }
        try {
            return mapper.writeValueAsString((ObjectNode) root);
        } catch (IOException e) {
            return yaml;
        }
    }
}
