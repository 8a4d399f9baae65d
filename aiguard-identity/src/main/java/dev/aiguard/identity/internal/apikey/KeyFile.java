package dev.aiguard.identity.internal.apikey;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aiguard.identity.IdentityConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A separate file of API-key owners and revocations, so keys can be managed apart from the policy. YAML or JSON:
 *
 * <pre>{@code
 * owners:
 *   - subject: svc-a
 *     tier: pro
 *     keys: [{id: a-2026-11, digest: "sha256:..."}]
 * revoked: [a-2026-05]
 * }</pre>
 *
 * @param owners  key owners, as in the policy
 * @param revoked revoked key ids
 */
public record KeyFile(List<IdentityConfig.KeyOwner> owners, List<String> revoked) {

    /** Files larger than this are refused: a key list is small, and a huge file is a mistake or an attack. */
    private static final long MAX_BYTES = 16L << 20;

    public KeyFile {
        owners = owners == null ? List.of() : List.copyOf(owners);
        revoked = revoked == null ? List.of() : List.copyOf(revoked);
    }

    /** No owners, no revocations. */
    public static KeyFile empty() {
        return new KeyFile(List.of(), List.of());
    }

    /** Reads a key file; {@code .json} files as JSON, anything else as YAML. */
    public static KeyFile read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("API key file " + file + " is larger than " + MAX_BYTES + " bytes");
        }
        ObjectMapper mapper = file.getFileName().toString().endsWith(".json") ? new JsonMapper() : new YAMLMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper.readValue(file.toFile(), KeyFile.class);
    }
}
